import type { HttpHeaders } from '@cloudmux/core/http';
import { StorageObject, type StorageDriver } from '@cloudmux/core/storage';
import { xmlText } from '../xml/index.js';

/** `extra` of S3 objects. */
export interface S3ObjectExtra {
  /** Entity tag as sent (quoted). */
  etag: string | undefined;
  /** Storage class (`STANDARD`, `GLACIER`, …), when reported. */
  storageClass: string | undefined;
  /** Server-side encryption (`AES256`, `aws:kms`), when reported. */
  serverSideEncryption: string | undefined;
  /** Version id, when versioning is on. */
  versionId: string | undefined;
}

/** `extra` of S3 buckets. */
export interface S3BucketExtra {
  /** Creation date, from ListBuckets. */
  creationDate: Date | undefined;
  /** Region, when known (ListBuckets `<BucketRegion>`, HEAD `x-amz-bucket-region`). */
  region: string | undefined;
}

function header(h: HttpHeaders, name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The last date text parsed and its time: a listing's keys often share their modification time. */
let lastDateText = '';
let lastDateTime = NaN;

function date(v: string | undefined): Date | undefined {
  if (!v) return undefined;
  if (v !== lastDateText) {
    lastDateTime = Date.parse(v);
    lastDateText = v;
  }
  return Number.isNaN(lastDateTime) ? undefined : new Date(lastDateTime);
}

/** The portable hash of an S3 object: its ETag without quotes (the MD5 of single-part, unencrypted-or-SSE-S3 objects). */
export function etagHash(etag: string | undefined): string {
  if (etag === undefined) return '';
  // The usual `"hex"`: one slice instead of a regular expression.
  if (etag.length >= 2 && etag.charCodeAt(0) === 34 && etag.charCodeAt(etag.length - 1) === 34 && etag.indexOf('"', 1) === etag.length - 1)
    return etag.slice(1, -1);
  return etag.replace(/"/g, '');
}

/** An object from HEAD/GET response headers. */
export function objectFromHeaders(h: HttpHeaders, bucket: string, key: string, driver: StorageDriver): StorageObject<S3ObjectExtra> {
  const meta: Record<string, string> = {};
  for (const [k, v] of Object.entries(h))
    if (k.startsWith('x-amz-meta-') && v !== undefined) meta[k.slice(11)] = Array.isArray(v) ? v.join(',') : v;
  const etag = header(h, 'etag');
  return new StorageObject<S3ObjectExtra>(
    {
      name: key,
      containerName: bucket,
      size: Number(header(h, 'content-length') ?? 0),
      hash: etagHash(etag),
      contentType: header(h, 'content-type'),
      lastModified: date(header(h, 'last-modified')),
      meta,
      extra: {
        etag,
        storageClass: header(h, 'x-amz-storage-class') ?? 'STANDARD',
        serverSideEncryption: header(h, 'x-amz-server-side-encryption'),
        versionId: header(h, 'x-amz-version-id'),
      },
    },
    driver,
  );
}

/** The `<Contents>` fields a listing reads (in S3's document order, which the record scanner tries first). */
export const CONTENTS_FIELDS: readonly string[] = ['Key', 'LastModified', 'ETag', 'Size', 'StorageClass'];

/** Trims text like `xmlText` (blank is absent). */
function trimmed(v: string | undefined): string | undefined {
  return v === undefined ? undefined : xmlText(v);
}

/** An object from the {@link CONTENTS_FIELDS} values of a `<Contents>` entry of ListObjects(V2). */
export function objectFromListValues(
  values: readonly (string | undefined)[],
  bucket: string,
  driver: StorageDriver,
): StorageObject<S3ObjectExtra> {
  const etag = trimmed(values[2]);
  const storageClass = trimmed(values[4]);
  return new StorageObject<S3ObjectExtra>(
    {
      name: values[0] ?? '',
      containerName: bucket,
      size: Number(trimmed(values[3]) ?? 0),
      hash: etagHash(etag),
      lastModified: date(trimmed(values[1])),
      extra: {
        etag,
        // The usual class shares one string instead of keeping a copy per object.
        storageClass: storageClass === 'STANDARD' ? 'STANDARD' : storageClass,
        serverSideEncryption: undefined,
        versionId: undefined,
      },
    },
    driver,
  );
}
