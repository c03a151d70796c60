/**
 * Internal XML reading for AWS answers (not a public subpath): core's scanner with EC2's list
 * convention (`item` is always an array) as the default.
 * @module
 */
export { parseXml, xmlItems } from './parse-xml.js';
export {
  decodeXmlText,
  escapeXmlText,
  xmlObject,
  xmlRawText,
  xmlText,
  XmlSyntaxError,
  type XmlObject,
  type XmlValue,
} from '@cloudmux/core/xml';
