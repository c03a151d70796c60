import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { throwIfAborted } from '@cloudmux/core';
import type { HttpHeaders } from '@cloudmux/core/http';
import { PartPool, plainChecksum, toBuffer, uploadMismatch } from '@cloudmux/core/storage';
import { UNSIGNED_PAYLOAD } from '../signing/sigv4.js';
import { escapeXmlText, parseXml, xmlObject, xmlText } from '../xml/index.js';
import { checkCrc32Echo, crc32Base64, CRC32_HEADER } from './checksum.js';
import type { S3Client } from './client.js';
import type { S3ChecksumAlgorithm } from './providers.js';

/** What {@link uploadS3Object} stores. */
export interface S3Upload {
  bucket: string;
  key: string;
  source: Readable | AsyncIterable<Uint8Array>;
  /** Headers of the object: content type, `x-amz-meta-*`, SSE, storage class. */
  headers: Readonly<Record<string, string>>;
  /** Expected hex MD5 (`md5` option). */
  md5: string | undefined;
  threshold: number;
  partSize: number;
  partsInFlight: number;
  unsignedPayload: boolean;
  /** `crc32`: `x-amz-checksum-crc32` everywhere and a full-object CRC-32; `md5`: `Content-MD5` and ETags. */
  checksum: S3ChecksumAlgorithm;
  signal: AbortSignal | undefined;
  provider: string;
}

/** What was stored. */
export interface S3Uploaded {
  size: number;
  /** Hex MD5 of the bytes (single PutObject, or when an expected `md5` was given; else `undefined`). */
  md5: string | undefined;
  /** ETag (quoted, as the service sent it). */
  etag: string | undefined;
  /** Parts used (0: single PutObject). */
  parts: number;
  headers: HttpHeaders;
}

/** Throws when a returned ETag is a plain MD5 that differs from the bytes sent. */
function checkEtag(u: S3Upload, etag: string | undefined, md5: string, what: string): void {
  const plain = plainChecksum(etag);
  if (plain?.algorithm === 'md5' && plain.hex !== md5)
    throw uploadMismatch(`${u.bucket}/${u.key}${what}`, 'md5', md5, plain.hex, u.provider);
}

/**
 * The running checksums of the part being filled: MD5 for `Content-MD5` or its CRC-32 (the
 * upload's `checksum`), SHA-256 for the signature (unless unsigned).
 */
interface PartHashes {
  md5: Hash | undefined;
  crc: number;
  sha256: Hash | undefined;
}

/** A sent part, as CompleteMultipartUpload lists it. */
interface SentPart {
  n: number;
  etag: string;
  /** Base64 CRC-32 (`crc32` uploads). */
  crc: string | undefined;
}

/** Parts per part size: the size doubles after each run of this many parts (10,000 parts in 4 runs). */
const PARTS_PER_SIZE = 2500;
const MAX_PART = 5 * 1024 * 1024 * 1024;

/** The size of part `n` (1-based): `partSize`, doubled every {@link PARTS_PER_SIZE} parts, at most 5 GiB. */
export function partSizeOf(partSize: number, n: number): number {
  return Math.min(MAX_PART, partSize * 2 ** Math.floor((n - 1) / PARTS_PER_SIZE));
}

/**
 * Uploads an object with bounded memory. Up to `threshold` bytes: one PutObject from a buffer, with
 * its SHA-256 in the signature and `Content-MD5` or `x-amz-checksum-crc32` (the service verifies
 * both). Larger: a multipart upload whose parts (`partSize` each, doubling every 2,500 parts;
 * `Content-MD5` on every part with the returned ETag checked, or each part's CRC-32 and a
 * full-object CRC-32 checked at completion) are sent `partsInFlight` at a time from `partsInFlight + 1` reused buffers,
 * so memory stays at `(partsInFlight + 1) × partSize`. Each part is hashed (MD5, and SHA-256 for the
 * signature unless `unsignedPayload`) as its bytes are copied in, while earlier parts are on the wire,
 * so it is sent the moment it is full. Any failure (source error, abort, checksum mismatch, HTTP
 * error) aborts the multipart upload (AbortMultipartUpload) before rethrowing, so no upload or partial
 * object is left behind. Bodies are always fixed-length: never `aws-chunked`.
 */
export async function uploadS3Object(client: S3Client, u: S3Upload): Promise<S3Uploaded> {
  // The whole object's MD5 is only needed to check an expected `md5` (single puts hash their one buffer).
  const whole = u.md5 === undefined ? undefined : createHash('md5');
  let chunks: Buffer[] | undefined = [];
  let size = 0;
  const crcMode = u.checksum === 'crc32';
  /** CRC-32 of the whole object so far (`crc32` uploads: the full-object checksum of a multipart upload). */
  let wholeCrc = 0;
  let uploadId: string | undefined;
  const parts: SentPart[] = [];
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  let launched = 0;
  let pool: PartPool | undefined;
  let current: Buffer | undefined;
  let used = 0;
  const putPart = async (n: number, data: Buffer, hashes: PartHashes): Promise<void> => {
    const md5 = hashes.md5?.digest();
    const crc = crcMode ? crc32Base64(hashes.crc) : undefined;
    const res = await client.send({
      method: 'PUT',
      bucket: u.bucket,
      key: u.key,
      query: { partNumber: n, uploadId },
      headers: {
        ...(md5 === undefined ? { [CRC32_HEADER]: crc! } : { 'content-md5': md5.toString('base64') }),
        'x-amz-content-sha256': hashes.sha256?.digest('hex') ?? UNSIGNED_PAYLOAD,
      },
      body: data,
      action: 'UploadPart',
      signal: u.signal,
      idempotent: true,
    });
    const etag = typeof res.headers.etag === 'string' ? res.headers.etag : undefined;
    if (md5 !== undefined) checkEtag(u, etag, md5.toString('hex'), ` part ${n}`);
    else checkCrc32Echo(res.headers, hashes.crc, `${u.bucket}/${u.key} part ${n}`, u.provider);
    parts.push({ n, etag: etag ?? '', crc });
  };
  const launch = async (buffer: Buffer, length: number, hashes: PartHashes): Promise<void> => {
    uploadId ??= await createMultipart(client, u);
    while (inFlight.size >= u.partsInFlight) await Promise.race(inFlight);
    if (failure !== undefined) {
      pool!.release(buffer);
      throw failure;
    }
    const n = ++launched;
    const p: Promise<void> = putPart(n, buffer.subarray(0, length), hashes)
      .catch((e: unknown) => {
        failure ??= e;
      })
      .finally(() => {
        inFlight.delete(p);
        pool!.release(buffer);
      });
    inFlight.add(p);
  };
  let currentSize = 0;
  let hashes: PartHashes | undefined;
  /** Copies bytes into the part being filled (hashing them on the way), sending each part as it fills. */
  const feed = async (buf: Buffer): Promise<void> => {
    let at = 0;
    while (at < buf.length) {
      if (current === undefined) {
        currentSize = partSizeOf(u.partSize, launched + 1);
        current = await pool!.acquire(currentSize);
        if (failure !== undefined) throw failure;
        hashes = {
          md5: crcMode ? undefined : createHash('md5'),
          crc: 0,
          sha256: u.unsignedPayload ? undefined : createHash('sha256'),
        };
      }
      const n = buf.copy(current, used, at, at + Math.min(buf.length - at, currentSize - used));
      const copied = current.subarray(used, used + n);
      if (crcMode) hashes!.crc = crc32(copied, hashes!.crc);
      else hashes!.md5!.update(copied);
      hashes!.sha256?.update(copied);
      used += n;
      at += n;
      if (used === currentSize) await flushPart();
    }
  };
  /** Sends the part being filled. */
  const flushPart = async (): Promise<void> => {
    const full = current!;
    const length = used;
    current = undefined;
    used = 0;
    await launch(full, length, hashes!);
  };
  try {
    for await (const chunk of u.source) {
      throwIfAborted(u.signal);
      const buf = toBuffer(chunk as Uint8Array);
      whole?.update(buf);
      if (crcMode) wholeCrc = crc32(buf, wholeCrc);
      size += buf.length;
      if (chunks !== undefined) {
        chunks.push(buf);
        if (size <= u.threshold) continue;
        // Past the threshold: a multipart upload, fed from what was collected so far.
        pool = new PartPool(u.partsInFlight + 1);
        const collected = chunks;
        chunks = undefined;
        for (const c of collected) await feed(c);
      } else await feed(buf);
      if (failure !== undefined) throw failure;
    }
    throwIfAborted(u.signal);
    if (chunks !== undefined) {
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
      // `crc32` uploads compute an MD5 only to check an expected one.
      const md5 = crcMode ? whole?.digest('hex') : createHash('md5').update(body).digest('hex');
      if (u.md5 !== undefined && u.md5 !== md5) throw uploadMismatch(`${u.bucket}/${u.key}`, 'md5', u.md5, md5, u.provider);
      const res = await client.send({
        method: 'PUT',
        bucket: u.bucket,
        key: u.key,
        headers: {
          ...u.headers,
          ...(crcMode ? { [CRC32_HEADER]: crc32Base64(wholeCrc) } : { 'content-md5': Buffer.from(md5!, 'hex').toString('base64') }),
        },
        body,
        action: 'PutObject',
        signal: u.signal,
        idempotent: true,
      });
      const etag = typeof res.headers.etag === 'string' ? res.headers.etag : undefined;
      if (crcMode) checkCrc32Echo(res.headers, wholeCrc, `${u.bucket}/${u.key}`, u.provider);
      else if (u.headers['x-amz-server-side-encryption'] !== 'aws:kms') checkEtag(u, etag, md5!, '');
      return { size, md5, etag, parts: 0, headers: res.headers };
    }
    if (current !== undefined && used > 0) await flushPart();
    while (inFlight.size > 0) await Promise.race(inFlight);
    if (failure !== undefined) throw failure;
    const md5 = whole?.digest('hex');
    if (u.md5 !== undefined && u.md5 !== md5) throw uploadMismatch(`${u.bucket}/${u.key}`, 'md5', u.md5, md5, u.provider);
    throwIfAborted(u.signal);
    const res = await completeMultipart(client, u, uploadId!, parts, crcMode ? wholeCrc : undefined);
    return { size, md5, etag: res.etag, parts: parts.length, headers: res.headers };
  } catch (e) {
    await Promise.allSettled(inFlight);
    if (uploadId !== undefined) await abortMultipart(client, u, uploadId);
    throw e;
  }
}

async function createMultipart(client: S3Client, u: S3Upload): Promise<string> {
  const res = await client.send({
    method: 'POST',
    bucket: u.bucket,
    key: u.key,
    query: { uploads: '' },
    headers:
      u.checksum === 'crc32' ? { ...u.headers, 'x-amz-checksum-algorithm': 'CRC32', 'x-amz-checksum-type': 'FULL_OBJECT' } : u.headers,
    action: 'CreateMultipartUpload',
    signal: u.signal,
  });
  const id = xmlText(xmlObject(parseXml(res.body, new Set()).InitiateMultipartUploadResult)?.UploadId);
  if (!id) throw new Error(`${u.provider}: CreateMultipartUpload returned no UploadId`);
  return id;
}

/**
 * CompleteMultipartUpload; with `wholeCrc` (a `crc32` upload) each part's CRC-32 is listed and the
 * full-object CRC-32 is sent for the service to check, and compared with the one it reports.
 */
async function completeMultipart(
  client: S3Client,
  u: S3Upload,
  uploadId: string,
  parts: SentPart[],
  wholeCrc: number | undefined,
): Promise<{ etag: string | undefined; headers: HttpHeaders }> {
  const sorted = [...parts].sort((a, b) => a.n - b.n);
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?><CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
    sorted
      .map(
        (p) =>
          `<Part><PartNumber>${p.n}</PartNumber><ETag>${escapeXmlText(p.etag)}</ETag>` +
          (p.crc === undefined ? '' : `<ChecksumCRC32>${p.crc}</ChecksumCRC32>`) +
          '</Part>',
      )
      .join('') +
    '</CompleteMultipartUpload>';
  const crcHeaders: Record<string, string> =
    wholeCrc === undefined ? {} : { [CRC32_HEADER]: crc32Base64(wholeCrc), 'x-amz-checksum-type': 'FULL_OBJECT' };
  const res = await client.send({
    method: 'POST',
    bucket: u.bucket,
    key: u.key,
    query: { uploadId },
    headers: { 'content-type': 'application/xml', ...crcHeaders },
    body: Buffer.from(xml),
    action: 'CompleteMultipartUpload',
    signal: u.signal,
  });
  const doc = parseXml(res.body, new Set());
  if (doc.Error !== undefined) client.throwEmbeddedError(res, 'CompleteMultipartUpload');
  const result = xmlObject(doc.CompleteMultipartUploadResult);
  const reported = xmlText(result?.ChecksumCRC32);
  if (wholeCrc !== undefined && reported !== undefined)
    checkCrc32Echo({ [CRC32_HEADER]: reported }, wholeCrc, `${u.bucket}/${u.key}`, u.provider);
  return { etag: xmlText(result?.ETag), headers: res.headers };
}

/** Best-effort AbortMultipartUpload (its own failure does not hide the original one). */
async function abortMultipart(client: S3Client, u: S3Upload, uploadId: string): Promise<void> {
  await client
    .send({ method: 'DELETE', bucket: u.bucket, key: u.key, query: { uploadId }, action: 'AbortMultipartUpload', idempotent: true })
    .catch(() => undefined);
}

/** What {@link putS3File} stores. */
export interface S3FilePut {
  bucket: string;
  key: string;
  filePath: string;
  headers: Readonly<Record<string, string>>;
  md5: string | undefined;
  unsignedPayload: boolean;
  checksum: S3ChecksumAlgorithm;
  signal: AbortSignal | undefined;
  provider: string;
}

/**
 * PutObject of a local file streamed from disk (never held in memory): a first pass hashes it (MD5
 * or CRC-32 as `checksum` says, and SHA-256 unless `unsignedPayload`), then the file is sent as a
 * fixed-length body with `x-amz-content-sha256` set to that hash (or `UNSIGNED-PAYLOAD`) and
 * `Content-MD5` or `x-amz-checksum-crc32`, so the service verifies the bytes. Re-opened if a region
 * redirect makes the driver send it again.
 */
export async function putS3File(client: S3Client, f: S3FilePut): Promise<S3Uploaded> {
  const crcMode = f.checksum === 'crc32';
  const md5 = crcMode && f.md5 === undefined ? undefined : createHash('md5');
  const sha = f.unsignedPayload ? undefined : createHash('sha256');
  let crc = 0;
  let size = 0;
  for await (const chunk of createReadStream(f.filePath, { highWaterMark: 1024 * 1024 })) {
    throwIfAborted(f.signal);
    const buf = chunk as Buffer;
    md5?.update(buf);
    if (crcMode) crc = crc32(buf, crc);
    sha?.update(buf);
    size += buf.length;
  }
  const md5Hex = md5?.digest('hex');
  if (f.md5 !== undefined && f.md5 !== md5Hex) throw uploadMismatch(`${f.bucket}/${f.key}`, 'md5', f.md5, md5Hex, f.provider);
  const res = await client.send({
    method: 'PUT',
    bucket: f.bucket,
    key: f.key,
    headers: {
      ...f.headers,
      ...(crcMode ? { [CRC32_HEADER]: crc32Base64(crc) } : { 'content-md5': Buffer.from(md5Hex!, 'hex').toString('base64') }),
    },
    body: () => createReadStream(f.filePath, { start: 0, end: Math.max(0, size - 1), highWaterMark: 1024 * 1024 }),
    contentLength: size,
    payloadHash: sha?.digest('hex') ?? UNSIGNED_PAYLOAD,
    action: 'PutObject',
    signal: f.signal,
  });
  const etag = typeof res.headers.etag === 'string' ? res.headers.etag : undefined;
  if (crcMode) checkCrc32Echo(res.headers, crc, `${f.bucket}/${f.key}`, f.provider);
  const plain = plainChecksum(etag);
  if (md5Hex !== undefined && f.headers['x-amz-server-side-encryption'] !== 'aws:kms' && plain?.algorithm === 'md5' && plain.hex !== md5Hex)
    throw uploadMismatch(`${f.bucket}/${f.key}`, 'md5', md5Hex, plain.hex, f.provider);
  return { size, md5: md5Hex, etag, parts: 0, headers: res.headers };
}
