import { randomUUID } from 'node:crypto';
import type { SimulatorReply } from '@cloudmux/core/testing';
import { escapeXml } from '../blob/xml.js';

/** The headers every Blob service response carries. */
export function baseHeaders(requestId = randomUUID()): Record<string, string> {
  return { 'x-ms-request-id': requestId, 'x-ms-version': '2021-08-06', date: new Date().toUTCString(), server: 'cloudmux-azure-simulator' };
}

/** A Blob service error: XML `<Error><Code>…</Code><Message>…RequestId…Time…</Message></Error>` and `x-ms-error-code`. */
export function errorReply(status: number, code: string, message: string, detail?: string): SimulatorReply {
  const requestId = randomUUID();
  const body =
    `<?xml version="1.0" encoding="utf-8"?><Error><Code>${escapeXml(code)}</Code>` +
    `<Message>${escapeXml(message)}\nRequestId:${requestId}\nTime:${new Date().toISOString()}</Message>` +
    (detail ? `<AuthenticationErrorDetail>${escapeXml(detail)}</AuthenticationErrorDetail>` : '') +
    `</Error>`;
  return { status, headers: { ...baseHeaders(requestId), 'x-ms-error-code': code, 'content-type': 'application/xml' }, body };
}

/** An XML document reply. */
export function xmlReply(body: string, status = 200): SimulatorReply {
  return {
    status,
    headers: { ...baseHeaders(), 'content-type': 'application/xml' },
    body: `<?xml version="1.0" encoding="utf-8"?>${body}`,
  };
}

/** An empty reply with extra headers. */
export function emptyReply(status: number, headers: Record<string, string> = {}): SimulatorReply {
  return { status, headers: { ...baseHeaders(), ...headers }, body: '' };
}

/** Throwable error reply (handlers throw it; the simulator answers it). */
export class BlobError extends Error {
  constructor(readonly reply: SimulatorReply) {
    super('blob service error');
  }
}

/** Throws a {@link BlobError}. */
export function fail(status: number, code: string, message: string, detail?: string): never {
  throw new BlobError(errorReply(status, code, message, detail));
}
