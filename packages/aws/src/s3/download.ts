import type { Readable } from 'node:stream';
import { contentLength } from '@cloudmux/core/http';
import { plainChecksum, verifyStreamOffThread } from '@cloudmux/core/storage';
import { crc32HexOf, CRC32_HEADER } from './checksum.js';
import type { S3Client } from './client.js';
import type { S3ChecksumAlgorithm } from './providers.js';
import { exactRange } from './range.js';

/** What {@link downloadS3Object} reads. */
export interface S3Download {
  bucket: string;
  key: string;
  /** Byte range (never verified), or `undefined` for the whole object. */
  range: { start: number; end: number | undefined } | undefined;
  /** Verify a whole read (the `verifyHash` option). */
  verify: boolean;
  /** `crc32`: ask for the stored checksum (`x-amz-checksum-mode: ENABLED`) and verify it when it is a full-object CRC-32. */
  checksum: S3ChecksumAlgorithm;
  signal: AbortSignal | undefined;
  provider: string;
}

/**
 * GetObject as a stream. A range is trimmed to exactly the bytes asked for. A whole read is verified
 * as its bytes arrive, ending in `ChecksumMismatchError` on a mismatch: against the object's
 * full-object CRC-32 when `checksum` is `crc32` and the object has one (in line: cheap), else against
 * an MD5 ETag (single-part, not KMS-encrypted; hashed on core's hashing thread for large objects).
 */
export async function downloadS3Object(client: S3Client, d: S3Download): Promise<Readable> {
  const verify = d.verify && d.range === undefined;
  const askCrc = verify && d.checksum === 'crc32';
  const headers: Record<string, string> = d.range
    ? { range: `bytes=${d.range.start}-${d.range.end ?? ''}` }
    : askCrc
      ? { 'x-amz-checksum-mode': 'ENABLED' }
      : {};
  const res = await client.send<Readable>({
    method: 'GET',
    bucket: d.bucket,
    key: d.key,
    headers,
    responseType: 'stream',
    action: 'GetObject',
    signal: d.signal,
  });
  if (d.range) return exactRange(res.body, res.status, res.headers, d.range.start, d.range.end);
  if (!verify) return res.body;
  const what = `${d.bucket}/${d.key}`;
  const stored = res.headers[CRC32_HEADER];
  const crc = res.headers['x-amz-checksum-type'] === 'COMPOSITE' || typeof stored !== 'string' ? undefined : crc32HexOf(stored);
  const size = contentLength(res.headers);
  // A CRC-32 is checked in line by verifyStreamOffThread itself (cheaper than a thread round trip).
  if (askCrc && crc !== undefined)
    return verifyStreamOffThread(res.body, { algorithm: 'crc32', expected: crc, provider: d.provider, what, size });
  const etag = res.headers.etag;
  const sse = res.headers['x-amz-server-side-encryption'];
  const plain = plainChecksum(typeof etag === 'string' ? etag : undefined);
  if (plain?.algorithm !== 'md5' || sse === 'aws:kms' || sse === 'aws:kms:dsse') return res.body;
  return verifyStreamOffThread(res.body, { algorithm: 'md5', expected: plain.hex, provider: d.provider, what, size });
}
