/**
 * Replies of the simulated CDN API: Swift-style small HTML error pages and `X-Trans-Id` on every reply.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { SimulatorHttpError, type SimulatorReply } from '@cloudmux/core/testing';

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  412: 'Precondition Failed',
};

/** A transaction id like Cloud Files' (`tx<21 hex>-<10 hex>`). */
export function cdnTransId(): string {
  return `tx${randomBytes(11).toString('hex').slice(0, 21)}-${Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(10, '0')}`;
}

/** An empty reply with `X-Trans-Id`. */
export function emptyReply(status: number, headers: Record<string, string> = {}): SimulatorReply {
  return {
    status,
    headers: { 'content-type': 'text/html; charset=UTF-8', 'content-length': '0', 'x-trans-id': cdnTransId(), ...headers },
    body: '',
  };
}

/** Throws a CDN error page. */
export function cdnFail(status: number, detail?: string): never {
  const title = TITLES[status] ?? 'Error';
  throw new SimulatorHttpError({
    status,
    headers: { 'content-type': 'text/html; charset=UTF-8', 'x-trans-id': cdnTransId() },
    body: `<html><h1>${title}</h1><p>${detail ?? title}</p></html>`,
  });
}

/** One request header value. */
export function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}
