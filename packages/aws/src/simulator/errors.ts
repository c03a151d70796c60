import type { SimulatorReply } from '@cloudmux/core/testing';

/** Content type of every EC2 Query API response. */
export const EC2_CONTENT_TYPE = 'text/xml;charset=UTF-8';

/**
 * An EC2 error: thrown by the simulator's actions and authentication, answered as
 * `<Response><Errors><Error><Code>…</Code><Message>…</Message></Error></Errors><RequestID>…</RequestID></Response>`.
 */
export class Ec2Error extends Error {
  /** EC2 error code, e.g. `InvalidInstanceID.NotFound`. */
  readonly code: string;
  /** HTTP status (400 unless given). */
  readonly status: number;
  constructor(code: string, message: string, status = 400) {
    super(message);
    this.name = 'Ec2Error';
    this.code = code;
    this.status = status;
  }
}

const XML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };

/**
 * Escapes text for XML element content: `&`, `<`, `>`, and a carriage return as `&#13;` (a raw one
 * would read back as a line feed, XML 1.0 §2.11); quotes stay as they are, as in EC2's documents.
 */
export function escapeXml(text: string): string {
  if (!/[&<>\r]/.test(text)) return text;
  return text.replace(/[&<>\r]/g, (c) => XML_ESCAPES[c] as string);
}

/** Escapes text for a double-quoted XML attribute value. */
export function escapeXmlAttribute(text: string): string {
  return escapeXml(text).replace(/"/g, '&quot;');
}

/** The EC2 error document for a code and message (what AWS sends with every 4xx/5xx). */
export function ec2ErrorBody(code: string, message: string, requestId: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Response><Errors><Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error></Errors>` +
    `<RequestID>${escapeXml(requestId)}</RequestID></Response>`
  );
}

/** A complete EC2 error reply (status, XML content type, error document). Handy for `status` faults too. */
export function ec2ErrorReply(status: number, code: string, message: string, requestId: string): SimulatorReply {
  return { status, headers: { 'content-type': EC2_CONTENT_TYPE, server: 'AmazonEC2' }, body: ec2ErrorBody(code, message, requestId) };
}

/** `MissingParameter` for a required query parameter. */
export function missingParameter(name: string): Ec2Error {
  return new Ec2Error('MissingParameter', `The request must contain the parameter ${name}`);
}

/** `InvalidParameterValue` with AWS's usual wording. */
export function invalidValue(name: string, value: string, why?: string): Ec2Error {
  return new Ec2Error('InvalidParameterValue', `Invalid value '${value}' for ${name}.${why ? ` ${why}` : ''}`);
}
