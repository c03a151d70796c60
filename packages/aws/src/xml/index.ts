/**
 * Internal XML reading for AWS Query API responses (not a public subpath).
 * @module
 */
export { parseXml, xmlItems, xmlObject, xmlRawText, xmlText } from './parse-xml.js';
export { decodeXmlText } from './scan.js';
export { XmlSyntaxError, type XmlObject, type XmlValue } from './types.js';
