import type { SimulatorReply } from '@cloudmux/core/testing';
import { escapeXml } from '../errors.js';

/** Namespace of every Route 53 document. */
export const R53_XMLNS = 'https://route53.amazonaws.com/doc/2013-04-01/';

/** Content type of Route 53 responses. */
export const R53_CONTENT_TYPE = 'text/xml';

/** A Route 53 error, answered as `<ErrorResponse><Error><Type>Sender</Type><Code>…</Code><Message>…</Message></Error><RequestId>…</RequestId></ErrorResponse>`. */
export class Route53SimError extends Error {
  /** Error code (`NoSuchHostedZone`). */
  readonly code: string;
  /** HTTP status. */
  readonly status: number;
  constructor(code: string, message: string, status = 400) {
    super(message);
    this.name = 'Route53SimError';
    this.code = code;
    this.status = status;
  }
}

/** A rejected change batch: answered as `<InvalidChangeBatch><Messages><Message>…` (HTTP 400). */
export class InvalidChangeBatchError extends Error {
  /** One message per problem. */
  readonly messages: readonly string[];
  constructor(messages: readonly string[]) {
    super(messages.join('; '));
    this.name = 'InvalidChangeBatchError';
    this.messages = messages;
  }
}

const HEADERS = (requestId: string): Record<string, string> => ({ 'content-type': R53_CONTENT_TYPE, 'x-amzn-requestid': requestId });

/** The Route 53 error reply for a code and message. */
export function route53ErrorReply(status: number, code: string, message: string, requestId: string): SimulatorReply {
  const type = status >= 500 ? 'Receiver' : 'Sender';
  return {
    status,
    headers: HEADERS(requestId),
    body:
      `<?xml version="1.0"?>\n<ErrorResponse xmlns="${R53_XMLNS}"><Error><Type>${type}</Type><Code>${escapeXml(code)}</Code>` +
      `<Message>${escapeXml(message)}</Message></Error><RequestId>${escapeXml(requestId)}</RequestId></ErrorResponse>`,
  };
}

/** The `InvalidChangeBatch` reply. */
export function invalidChangeBatchReply(messages: readonly string[], requestId: string): SimulatorReply {
  return {
    status: 400,
    headers: HEADERS(requestId),
    body:
      `<?xml version="1.0"?>\n<InvalidChangeBatch xmlns="${R53_XMLNS}"><Messages>` +
      messages.map((m) => `<Message>${escapeXml(m)}</Message>`).join('') +
      `</Messages><RequestId>${escapeXml(requestId)}</RequestId></InvalidChangeBatch>`,
  };
}
