/**
 * Pure mappers: CDN headers and listing entries → {@link CloudFilesCdnInfo}.
 * @module
 */
import type { HttpHeaders } from '@cloudmux/core/http';
import { CDN_DEFAULT_TTL, CDN_HEADERS, type CdnContainerWire } from './cdn-wire.js';

/** The CDN URIs of a container (absent ones are `undefined`; streaming and iOS were retired by Rackspace in 2022). */
export interface CloudFilesCdnUris {
  /** `X-Cdn-Uri`. */
  readonly http: string | undefined;
  /** `X-Cdn-Ssl-Uri`. */
  readonly https: string | undefined;
  /** `X-Cdn-Streaming-Uri`. */
  readonly streaming: string | undefined;
  /** `X-Cdn-Ios-Uri`. */
  readonly ios: string | undefined;
}

/** A container's CDN settings. */
export interface CloudFilesCdnInfo {
  /** Container name. */
  readonly container: string;
  /** Whether the container is published on the CDN now. */
  readonly enabled: boolean;
  /** Edge cache lifetime in seconds. */
  readonly ttl: number;
  /** Whether CDN access logs are kept. */
  readonly logRetention: boolean;
  /** The container's CDN URIs (kept when disabled, so re-enabling gives the same ones). */
  readonly uris: CloudFilesCdnUris;
}

function text(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' && s.length > 0 ? s : undefined;
}

function bool(v: string | string[] | boolean | undefined): boolean {
  return typeof v === 'boolean' ? v : String(text(v as string | undefined) ?? '').toLowerCase() === 'true';
}

function ttlOf(v: unknown): number {
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) && n > 0 ? n : CDN_DEFAULT_TTL;
}

/** The CDN settings in the headers of `HEAD` (or `PUT`/`POST`) on a CDN container. */
export function cdnInfoFromHeaders(container: string, headers: HttpHeaders): CloudFilesCdnInfo {
  const h = (name: string): string | undefined => text(headers[name] as string | string[] | undefined);
  return Object.freeze({
    container,
    enabled: bool(h(CDN_HEADERS.enabled)),
    ttl: ttlOf(h(CDN_HEADERS.ttl)),
    logRetention: bool(h(CDN_HEADERS.logRetention)),
    uris: Object.freeze({
      http: h(CDN_HEADERS.uri),
      https: h(CDN_HEADERS.sslUri),
      streaming: h(CDN_HEADERS.streamingUri),
      ios: h(CDN_HEADERS.iosUri),
    }),
  });
}

/** One entry of the JSON CDN container listing. */
export function cdnInfoFromWire(entry: CdnContainerWire): CloudFilesCdnInfo {
  const s = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
  return Object.freeze({
    container: entry.name,
    enabled: entry.cdn_enabled === true || String(entry.cdn_enabled).toLowerCase() === 'true',
    ttl: ttlOf(entry.ttl),
    logRetention: entry.log_retention === true || String(entry.log_retention).toLowerCase() === 'true',
    uris: Object.freeze({
      http: s(entry.cdn_uri),
      https: s(entry.cdn_ssl_uri),
      streaming: s(entry.cdn_streaming_uri),
      ios: s(entry.cdn_ios_uri),
    }),
  });
}
