/**
 * Reading and writing provider XML answers: a small, fast, non-validating parser into plain objects
 * (`parseXml`), helpers to read its values, entity decoding and text escaping. Shared by the
 * XML-speaking drivers (AWS, Azure, …).
 * @module
 */
export { escapeXmlText } from './escape.js';
export { parseXml, type ParseXmlOptions, xmlObject, xmlObjects, xmlRawText, xmlText } from './parse.js';
export { forEachXmlRecord } from './records.js';
export { decodeXmlText } from './scan.js';
export { XmlSyntaxError, type XmlObject, type XmlValue } from './types.js';
