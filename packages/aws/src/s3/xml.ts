/** Escapes text for an XML element (core's `escapeXmlText`, kept here for the S3 simulator's replies). */
export { escapeXmlText } from '@cloudmux/core/xml';
