import type { HttpHeaders } from '@cloudmux/core/http';
import { StorageObject, type StorageDriver } from '@cloudmux/core/storage';
import { xmlText, type XmlObject } from '../xml/index.js';

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
  /** Region, when known (HEAD `x-amz-bucket-region`). */
  region: string | undefined;
}

function header(h: HttpHeaders, name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
}

function date(v: string | undefined): Date | undefined {
  if (!v) return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** The portable hash of an S3 object: its ETag without quotes (the MD5 of single-part, unencrypted-or-SSE-S3 objects). */
export function etagHash(etag: string | undefined): string {
  return (etag ?? '').replace(/"/g, '');
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

/** An object from a `<Contents>` entry of ListObjects(V2). */
export function objectFromListEntry(c: XmlObject, bucket: string, driver: StorageDriver): StorageObject<S3ObjectExtra> {
  const etag = xmlText(c.ETag);
  return new StorageObject<S3ObjectExtra>(
    {
      name: typeof c.Key === 'string' ? c.Key : '',
      containerName: bucket,
      size: Number(xmlText(c.Size) ?? 0),
      hash: etagHash(etag),
      lastModified: date(xmlText(c.LastModified)),
      extra: { etag, storageClass: xmlText(c.StorageClass), serverSideEncryption: undefined, versionId: undefined },
    },
    driver,
  );
}
