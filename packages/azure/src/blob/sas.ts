import { hmacBase64 } from './shared-key.js';

/** Fields of a Blob service SAS (version 2020-12-06 and later) that take part in the signature. */
export interface ServiceSasFields {
  /** `sp`: permissions, in the service's order (`racwd`...). */
  permissions: string;
  /** `st`: start (ISO 8601 UTC, seconds), or ''. */
  start: string;
  /** `se`: expiry (ISO 8601 UTC, seconds). */
  expiry: string;
  /** Storage account. */
  account: string;
  /** Container. */
  container: string;
  /** Blob name (`''` for a container SAS). */
  blob: string;
  /** `sv`: signed version. */
  version: string;
  /** `sr`: `b` (blob) or `c` (container). */
  resource: 'b' | 'c';
  /** `spr`: `https` or `https,http`, or ''. */
  protocol: string;
}

/**
 * The string-to-sign of a service SAS for the Blob service, versions 2020-12-06 and later: permissions,
 * start, expiry, canonicalized resource (`/blob/<account>/<container>[/<blob>]`), identifier, IP,
 * protocol, version, resource, snapshot time, encryption scope and the five response-header overrides
 * (empty fields stay as empty lines).
 */
export function serviceSasStringToSign(f: ServiceSasFields): string {
  const resource = `/blob/${f.account}/${f.container}${f.resource === 'b' ? `/${f.blob}` : ''}`;
  return [f.permissions, f.start, f.expiry, resource, '', '', f.protocol, f.version, f.resource, '', '', '', '', '', '', ''].join('\n');
}

/** The query parameters of a signed service SAS. */
export function serviceSasQuery(f: ServiceSasFields, keyBase64: string): URLSearchParams {
  const q = new URLSearchParams();
  q.set('sv', f.version);
  if (f.start) q.set('st', f.start);
  q.set('se', f.expiry);
  q.set('sr', f.resource);
  q.set('sp', f.permissions);
  if (f.protocol) q.set('spr', f.protocol);
  q.set('sig', hmacBase64(keyBase64, serviceSasStringToSign(f)));
  return q;
}

/** An ISO 8601 UTC time without milliseconds, as SAS fields carry it. */
export function sasTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
