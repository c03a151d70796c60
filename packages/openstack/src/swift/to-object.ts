import { MalformedResponseError } from '@cloudmux/core/errors';
import type { HttpHeaders } from '@cloudmux/core/http';
import { Container, StorageObject, type StorageDriver } from '@cloudmux/core/storage';

/** Swift-specific fields of a {@link StorageObject}. */
export interface SwiftObjectExtra {
  /** Whether the object is a static large object manifest (its `hash` is then Swift's manifest ETag with `-slo` appended). */
  staticLargeObject: boolean;
  /** The ETag exactly as Swift sent it. */
  etag: string | undefined;
  /** `X-Timestamp` of the object, if sent. */
  timestamp: string | undefined;
}

/** Swift-specific fields of a {@link Container}. */
export interface SwiftContainerExtra {
  /** Objects in the container (account listings lag behind writes). */
  objectCount: number | undefined;
  /** Bytes used. */
  bytesUsed: number | undefined;
  /** Storage policy, when HEAD reported it. */
  storagePolicy: string | undefined;
}

/** One entry of a JSON container listing. */
export interface SwiftListingEntry {
  name?: string;
  subdir?: string;
  hash?: string;
  bytes?: number;
  content_type?: string;
  last_modified?: string;
  slo_etag?: string;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/** A Swift listing time (`2024-01-02T03:04:05.123456`, UTC without a zone) as a Date. */
export function swiftListingTime(v: string | undefined): Date | undefined {
  if (!v) return undefined;
  const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** `X-Object-Meta-*` headers as user metadata (keys lower-case, as HTTP headers are case-insensitive). */
export function metaFromHeaders(headers: HttpHeaders): Record<string, string> {
  const meta: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (!k.startsWith('x-object-meta-') || typeof v !== 'string') continue;
    meta[k.slice('x-object-meta-'.length)] = decodeMetaValue(v);
  }
  return meta;
}

/** Swift returns non-ASCII metadata values as the raw UTF-8 bytes; the driver sends them percent-encoded. */
function decodeMetaValue(v: string): string {
  if (!/%[0-9A-Fa-f]{2}/.test(v)) return v;
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

/** User metadata as `X-Object-Meta-*` headers (values with non-ASCII characters percent-encoded). */
export function metaHeaders(meta: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(meta))
    out[`x-object-meta-${k.toLowerCase()}`] = /^[\x20-\x7e]*$/.test(v) && !/%/.test(v) ? v : encodeURIComponent(v);
  return out;
}

function sloHash(etag: string): string {
  return `${etag}-slo`;
}

/** An object from HEAD/GET/PUT headers. */
export function objectFromHeaders(
  headers: HttpHeaders,
  container: string,
  name: string,
  driver: StorageDriver,
  size?: number,
): StorageObject<SwiftObjectExtra> {
  const etagRaw = str(headers.etag);
  const etag = etagRaw?.replace(/"/g, '');
  const slo = String(headers['x-static-large-object'] ?? '').toLowerCase() === 'true';
  const length = size ?? Number(headers['content-length']);
  if (!Number.isSafeInteger(length) || length < 0)
    throw new MalformedResponseError(`Swift object ${container}/${name}: no valid Content-Length`, '', {
      providerCode: 'MissingContentLength',
    });
  const lm = str(headers['last-modified']);
  return new StorageObject<SwiftObjectExtra>(
    {
      name,
      size: length,
      hash: etag === undefined ? '' : slo ? sloHash(etag) : etag,
      contentType: str(headers['content-type']),
      lastModified: lm ? new Date(lm) : undefined,
      meta: metaFromHeaders(headers),
      containerName: container,
      extra: { staticLargeObject: slo, etag: etagRaw, timestamp: str(headers['x-timestamp']) },
    },
    driver,
  );
}

/** An object from a JSON listing entry (no user metadata: listings do not carry it). */
export function objectFromListing(e: SwiftListingEntry, container: string, driver: StorageDriver): StorageObject<SwiftObjectExtra> {
  const name = str(e.name);
  if (name === undefined || typeof e.bytes !== 'number')
    throw new MalformedResponseError(`Swift listing of ${container}: an entry lacks name or bytes`, JSON.stringify(e).slice(0, 200), {
      providerCode: 'MalformedListing',
    });
  const slo = e.slo_etag !== undefined;
  const hash = (e.hash ?? '').replace(/"/g, '');
  return new StorageObject<SwiftObjectExtra>(
    {
      name,
      size: e.bytes,
      hash: slo ? sloHash(hash) : hash,
      contentType: str(e.content_type),
      lastModified: swiftListingTime(e.last_modified),
      containerName: container,
      extra: { staticLargeObject: slo, etag: e.hash, timestamp: undefined },
    },
    driver,
  );
}

/** A container from a listing entry or HEAD headers. */
export function toContainer(name: string, extra: Partial<SwiftContainerExtra>, driver: StorageDriver): Container<SwiftContainerExtra> {
  return new Container<SwiftContainerExtra>(
    { name, extra: { objectCount: extra.objectCount, bytesUsed: extra.bytesUsed, storagePolicy: extra.storagePolicy } },
    driver,
  );
}

/** Container fields from HEAD headers. */
export function containerExtraFromHeaders(headers: HttpHeaders): SwiftContainerExtra {
  const n = (v: unknown): number | undefined => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined);
  return {
    objectCount: n(headers['x-container-object-count']),
    bytesUsed: n(headers['x-container-bytes-used']),
    storagePolicy: str(headers['x-storage-policy']),
  };
}
