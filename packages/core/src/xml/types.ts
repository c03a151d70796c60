/** A parsed XML element: text content (`string`, `''` when empty) or an object of child elements. */
export type XmlValue = string | XmlObject;

/** Child elements by name; a repeated name (and a name the caller lists as an array name, always) becomes an array. */
export interface XmlObject {
  [name: string]: XmlValue | XmlValue[] | undefined;
}

/** Thrown for text that is not well-formed XML (or uses a DTD, which is refused). */
export class XmlSyntaxError extends Error {
  /** Offset in the text where the problem was found. */
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(`${message} at offset ${offset}`);
    this.name = 'XmlSyntaxError';
    this.offset = offset;
  }
}
