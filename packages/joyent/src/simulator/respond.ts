/**
 * Response decoration: the headers CloudAPI puts on every reply.
 * @module
 */
import { createHash } from 'node:crypto';
import type { SimulatorReply } from '@cloudmux/core/testing';
import { compareVersions } from './semver.js';

/** The `Server` header value. */
export const SERVER_HEADER = 'cloudapi/9.19.0';

/** What {@link finishReply} needs to know about the request. */
export interface ReplyFacts {
  method: string;
  requestId: string;
  /** `process.hrtime.bigint()` at arrival. */
  started: bigint;
  /** Negotiated version (the newest served when negotiation did not happen). */
  version: string;
  datacenterName: string;
}

/**
 * Adds `Api-Version`, `Request-Id`, `Response-Time`, `Server`, `Date`, `Triton-Datacenter-Name`,
 * the pre-8.0 `X-` twins, and `Content-MD5` when there is a body. JSON bodies are serialized here.
 */
export function finishReply(reply: SimulatorReply, facts: ReplyFacts): SimulatorReply {
  let body = reply.body;
  const headers: Record<string, string | string[]> = { ...reply.headers };
  if (body !== undefined && typeof body !== 'string' && !Buffer.isBuffer(body)) {
    body = JSON.stringify(body);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  }
  const bytes = body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  const ms = Number((process.hrtime.bigint() - facts.started) / 1_000_000n);
  headers['date'] = new Date().toUTCString();
  headers['server'] = SERVER_HEADER;
  headers['api-version'] = facts.version;
  headers['request-id'] = facts.requestId;
  headers['response-time'] = String(ms);
  headers['triton-datacenter-name'] = facts.datacenterName;
  if (compareVersions(facts.version, '8.0.0') < 0) {
    headers['x-api-version'] = facts.version;
    headers['x-request-id'] = facts.requestId;
    headers['x-response-time'] = String(ms);
  }
  if (bytes.length > 0) headers['content-md5'] = createHash('md5').update(bytes).digest('base64');
  if (facts.method === 'HEAD') return { status: reply.status, headers, body: undefined };
  return { status: reply.status, headers, body: bytes.length > 0 ? bytes : undefined };
}
