import { randomBytes } from 'node:crypto';
import type { SimulatorReply } from '@cloudmux/core/testing';
import { escapeXmlText } from '../../s3/xml.js';

/** Headers every S3 response carries. */
export function baseHeaders(requestId = randomBytes(8).toString('hex').toUpperCase()): Record<string, string> {
  return {
    'x-amz-request-id': requestId,
    'x-amz-id-2': randomBytes(24).toString('base64'),
    date: new Date().toUTCString(),
    server: 'CloudmuxS3Simulator',
  };
}

/** An S3 error: `<Error><Code/><Message/>…<RequestId/><HostId/></Error>` (no body for HEAD). */
export function errorReply(
  status: number,
  code: string,
  message: string,
  extra: Record<string, string> = {},
  head = false,
): SimulatorReply {
  const headers = baseHeaders();
  const requestId = headers['x-amz-request-id']!;
  if (head) return { status, headers: { ...headers, ...(extra.Region ? { 'x-amz-bucket-region': extra.Region } : {}) }, body: '' };
  const fields = Object.entries(extra)
    .map(([k, v]) => `<${k}>${escapeXmlText(v)}</${k}>`)
    .join('');
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escapeXmlText(message)}</Message>${fields}` +
    `<RequestId>${requestId}</RequestId><HostId>${headers['x-amz-id-2']}</HostId></Error>`;
  return {
    status,
    headers: { ...headers, 'content-type': 'application/xml', ...(extra.Region ? { 'x-amz-bucket-region': extra.Region } : {}) },
    body,
  };
}

/** Thrown by handlers; the simulator answers its reply. */
export class S3SimError extends Error {
  constructor(readonly reply: SimulatorReply) {
    super('s3 error');
  }
}

/** Throws an {@link S3SimError}. */
export function fail(status: number, code: string, message: string, extra: Record<string, string> = {}): never {
  throw new S3SimError(errorReply(status, code, message, extra));
}

/** An XML document reply. */
export function xmlReply(body: string, status = 200, headers: Record<string, string> = {}): SimulatorReply {
  return {
    status,
    headers: { ...baseHeaders(), 'content-type': 'application/xml', ...headers },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n${body}`,
  };
}

/** An empty reply. */
export function emptyReply(status: number, headers: Record<string, string> = {}): SimulatorReply {
  return { status, headers: { ...baseHeaders(), ...headers }, body: '' };
}

/** The S3 XML namespace attribute. */
export const S3_XMLNS = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';

/** Escapes XML text. */
export const esc = escapeXmlText;
