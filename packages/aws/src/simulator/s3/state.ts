import { createHash } from 'node:crypto';
import type { SimChecksum } from './checksums.js';

/** A stored object. */
export interface SimObject {
  data: Buffer;
  etag: string;
  contentType: string;
  meta: Record<string, string>;
  lastModified: Date;
  storageClass: string;
  sse: string | undefined;
  /** Additional checksum stored with the object (uploaded with `x-amz-checksum-*`). */
  checksum?: SimChecksum | undefined;
}

/** A multipart upload in progress. */
export interface SimUpload {
  id: string;
  key: string;
  initiated: Date;
  /** Headers given at CreateMultipartUpload (content type, metadata, SSE, storage class). */
  template: Omit<SimObject, 'data' | 'etag' | 'lastModified'>;
  /** Checksum algorithm and type asked for at creation: every part must then carry its checksum. */
  checksum: Pick<SimChecksum, 'algorithm' | 'type'> | undefined;
  parts: Map<number, { data: Buffer; etag: string; crc: string | undefined }>;
}

/** A bucket. */
export interface SimBucket {
  name: string;
  region: string;
  created: Date;
  objects: Map<string, SimObject>;
  uploads: Map<string, SimUpload>;
}

/** Quoted hex MD5 of bytes (an S3 single-part ETag). */
export function md5Etag(data: Buffer): string {
  return `"${createHash('md5').update(data).digest('hex')}"`;
}

/** The simulated account's buckets. */
export class S3State {
  /** Buckets by name. */
  readonly buckets = new Map<string, SimBucket>();

  /** Keys of a bucket in byte order. */
  sortedKeys(bucket: SimBucket): string[] {
    return [...bucket.objects.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  }

  /** Every multipart upload still open, over all buckets. */
  openUploads(): SimUpload[] {
    return [...this.buckets.values()].flatMap((b) => [...b.uploads.values()]);
  }
}
