import { timingSafeEqual } from 'node:crypto';
import type { SimulatorRequest } from '@cloudmux/core/testing';
import { serviceSasStringToSign } from '../blob/sas.js';
import { hmacBase64, sharedKeyStringToSign } from '../blob/shared-key.js';
import { fail } from './replies.js';

/** What a request needs, for SAS permission checks: `r`ead, `c`reate, `w`rite, `d`elete, `l`ist. */
export type Permission = 'r' | 'c' | 'w' | 'd' | 'l' | 'account';

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function headersOf(req: SimulatorRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(',') : v;
  return out;
}

/**
 * Checks a request's authorization as the Blob service does: a SharedKey `Authorization` header
 * (HMAC-SHA256 of the string-to-sign with the account key; `x-ms-date` within 15 minutes), or a
 * service SAS in the query (`sv`, `se`, `sr`, `sp`, `sig`: signature, expiry, resource scope and
 * permission `need`). Anything else is 403, with the service's error codes.
 */
export function authorize(
  req: SimulatorRequest,
  account: string,
  key: string,
  scope: { container?: string | undefined; blob?: string | undefined },
  need: Permission,
): void {
  const url = new URL(req.rawPath, 'http://simulator');
  const auth = req.headers.authorization;
  if (typeof auth === 'string') {
    const m = /^SharedKey ([^:]+):(.+)$/.exec(auth);
    if (!m || m[1] !== account)
      fail(403, 'AuthenticationFailed', 'Server failed to authenticate the request.', 'Unknown account or scheme');
    const date = req.headers['x-ms-date'] ?? req.headers.date;
    const t = typeof date === 'string' ? Date.parse(date) : NaN;
    if (!Number.isFinite(t) || Math.abs(Date.now() - t) > 15 * 60_000)
      fail(403, 'AuthenticationFailed', 'Server failed to authenticate the request.', 'Request date header too old or missing');
    const expected = hmacBase64(key, sharedKeyStringToSign({ method: req.method, url, headers: headersOf(req), account }));
    if (!safeEqual(expected, m[2]!))
      fail(
        403,
        'AuthenticationFailed',
        'Server failed to authenticate the request. Make sure the value of the Authorization header is formed correctly including the signature.',
        'The MAC signature found in the HTTP request is not the same as any computed signature.',
      );
    return;
  }
  const q = url.searchParams;
  const sig = q.get('sig');
  if (!sig)
    fail(
      403,
      'NoAuthenticationInformation',
      'Server failed to authenticate the request. Please refer to the information in the www-authenticate header.',
    );
  const sr = q.get('sr');
  const sp = q.get('sp') ?? '';
  const se = q.get('se') ?? '';
  const sv = q.get('sv') ?? '';
  if (sr !== 'b' && sr !== 'c') fail(403, 'AuthenticationFailed', 'Server failed to authenticate the request.', 'sr is mandatory: b or c');
  if (!scope.container || (sr === 'b' && !scope.blob) || need === 'account')
    fail(403, 'AuthorizationResourceTypeMismatch', 'This request is not authorized to perform this operation using this resource type.');
  const fields = {
    permissions: sp,
    start: q.get('st') ?? '',
    expiry: se,
    account,
    container: scope.container,
    blob: sr === 'b' ? scope.blob! : '',
    version: sv,
    resource: sr,
    protocol: q.get('spr') ?? '',
  } as const;
  if (!safeEqual(hmacBase64(key, serviceSasStringToSign(fields)), sig))
    fail(
      403,
      'AuthenticationFailed',
      'Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.',
      'Signature did not match.',
    );
  const expiry = Date.parse(se);
  if (!Number.isFinite(expiry) || expiry < Date.now())
    fail(
      403,
      'AuthenticationFailed',
      'Server failed to authenticate the request.',
      'Signed expiry time has to be after signed start time and in the future',
    );
  const start = q.get('st');
  if (start && Date.parse(start) > Date.now())
    fail(403, 'AuthenticationFailed', 'Server failed to authenticate the request.', 'Signature not valid yet');
  const ok = need === 'c' ? sp.includes('c') || sp.includes('w') : sp.includes(need);
  if (!ok) fail(403, 'AuthorizationPermissionMismatch', 'This request is not authorized to perform this operation using this permission.');
}
