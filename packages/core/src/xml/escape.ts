/** Escapes text for an XML element's content or a double-quoted attribute value (`&`, `<`, `>`, `"`). */
export function escapeXmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
