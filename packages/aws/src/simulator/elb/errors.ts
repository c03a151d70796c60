import type { SimulatorReply } from '@cloudmux/core/testing';
import { escapeXml } from '../errors.js';

/** Content type of ELB Query API responses. */
export const ELB_CONTENT_TYPE = 'text/xml';

/** Namespace of an ELB API version's documents. */
export function elbNamespace(version: string): string {
  return `http://elasticloadbalancing.amazonaws.com/doc/${version}/`;
}

/**
 * An Elastic Load Balancing error, answered as
 * `<ErrorResponse xmlns="…"><Error><Type>Sender</Type><Code/><Message/></Error><RequestId/></ErrorResponse>`.
 */
export class ElbError extends Error {
  /** Error code, e.g. `LoadBalancerNotFound`. */
  readonly code: string;
  /** HTTP status (400 unless given). */
  readonly status: number;
  constructor(code: string, message: string, status = 400) {
    super(message);
    this.name = 'ElbError';
    this.code = code;
    this.status = status;
  }
}

/** `ValidationError` (HTTP 400), ELB's answer to a malformed or missing parameter. */
export function validation(message: string): ElbError {
  return new ElbError('ValidationError', message);
}

/** The ELB error document. */
export function elbErrorBody(version: string, code: string, message: string, requestId: string, status: number): string {
  return (
    `<ErrorResponse xmlns="${elbNamespace(version)}">\n  <Error>\n    <Type>${status >= 500 ? 'Receiver' : 'Sender'}</Type>\n` +
    `    <Code>${escapeXml(code)}</Code>\n    <Message>${escapeXml(message)}</Message>\n  </Error>\n` +
    `  <RequestId>${escapeXml(requestId)}</RequestId>\n</ErrorResponse>\n`
  );
}

/** A complete ELB error reply. */
export function elbErrorReply(version: string, status: number, code: string, message: string, requestId: string): SimulatorReply {
  return {
    status,
    headers: { 'content-type': ELB_CONTENT_TYPE, 'x-amzn-requestid': requestId },
    body: elbErrorBody(version, code, message, requestId, status),
  };
}
