import type { SimulatorReply, SimulatorRequest } from './types.js';

/**
 * Thrown by simulator code to answer with a specific error reply; {@link SimulatorServer}
 * and {@link Router} send `reply` instead of a 500.
 */
export class SimulatorHttpError extends Error {
  /** The reply to send. */
  readonly reply: SimulatorReply;
  constructor(reply: SimulatorReply, message?: string) {
    super(message ?? `Simulator error reply ${reply.status}`);
    this.name = 'SimulatorHttpError';
    this.reply = reply;
  }
}

/** Thrown by {@link parseJsonBody} when the body is not JSON; routers answer 400. */
export class InvalidJsonBodyError extends SimulatorHttpError {
  constructor(detail: string) {
    super(
      { status: 400, body: { code: 'InvalidJsonBody', message: `Request body is not valid JSON: ${detail}` } },
      `Request body is not valid JSON: ${detail}`,
    );
    this.name = 'InvalidJsonBodyError';
  }
}

/** Builds a JSON reply (`content-type: application/json`). */
export function jsonReply(status: number, body: unknown, headers?: Record<string, string | string[]>): SimulatorReply {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? '' : JSON.stringify(body),
  };
}

/** Builds a plain-text (or other content type) reply. */
export function textReply(
  status: number,
  text: string,
  contentType = 'text/plain; charset=utf-8',
  headers?: Record<string, string | string[]>,
): SimulatorReply {
  return { status, headers: { 'content-type': contentType, ...headers }, body: text };
}

/** Parses the request body as JSON; an empty body is `undefined`. Throws {@link InvalidJsonBodyError}. */
export function parseJsonBody(req: SimulatorRequest): unknown {
  if (req.body.length === 0) return undefined;
  try {
    return JSON.parse(req.body.toString('utf8')) as unknown;
  } catch (err) {
    throw new InvalidJsonBodyError(err instanceof Error ? err.message : String(err));
  }
}

/** Serializes a reply body: strings and Buffers as-is, anything else as JSON. */
export function replyBodyBytes(reply: SimulatorReply): { bytes: Buffer; json: boolean } {
  const body = reply.body;
  if (body === undefined) return { bytes: Buffer.alloc(0), json: false };
  if (typeof body === 'string') return { bytes: Buffer.from(body, 'utf8'), json: false };
  if (Buffer.isBuffer(body)) return { bytes: body, json: false };
  return { bytes: Buffer.from(JSON.stringify(body), 'utf8'), json: true };
}
