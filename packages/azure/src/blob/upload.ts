import { createHash, randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { HttpHeaders } from '@cloudmux/core/http';
import { uploadMismatch } from '@cloudmux/core/storage';
import type { BlobClient } from './client.js';
import { metaHeaders } from './meta.js';
import { escapeXml } from './xml.js';
import { throwIfAborted } from '@cloudmux/core';
import { PartBuffer } from '@cloudmux/core/storage';

/** What {@link uploadBlob} stores. */
export interface BlobUpload {
  container: string;
  name: string;
  source: Readable | AsyncIterable<Uint8Array>;
  contentType: string;
  meta: Readonly<Record<string, string>>;
  /** Expected hex MD5 (the `md5` option). */
  md5: string | undefined;
  /** Single Put Blob up to this many bytes. */
  threshold: number;
  /** Block size above it. */
  blockSize: number;
  signal: AbortSignal | undefined;
  provider: string;
}

/** What the upload stored. */
export interface UploadedBlob {
  size: number;
  /** Hex MD5 of the bytes. */
  md5: string;
  headers: HttpHeaders;
}

function contentHeaders(u: BlobUpload): Record<string, string> {
  return { 'x-ms-blob-content-type': u.contentType, ...metaHeaders(u.meta) };
}

/**
 * Uploads a block blob with bounded memory. Up to `threshold` bytes: one Put Blob carrying
 * `Content-MD5`, which the service verifies and stores. Larger: Put Block for every `blockSize`
 * bytes (each with its own `Content-MD5`, verified by the service), then Put Block List with the
 * whole content's MD5 as `x-ms-blob-content-md5`. Nothing is visible until the final call
 * succeeds: a failed source, abort or checksum mismatch leaves the previous blob (if any) as it was,
 * and staged blocks that are never committed are discarded by the service.
 */
export async function uploadBlob(client: BlobClient, u: BlobUpload): Promise<UploadedBlob> {
  const whole = createHash('md5');
  const pending = new PartBuffer();
  const blockIds: string[] = [];
  const prefix = randomBytes(6).toString('hex');
  let size = 0;
  const putBlock = async (data: Buffer): Promise<void> => {
    const id = Buffer.from(`${prefix}-${String(blockIds.length).padStart(6, '0')}`).toString('base64');
    await client.send({
      method: 'PUT',
      container: u.container,
      blob: u.name,
      query: { comp: 'block', blockid: id },
      headers: { 'content-md5': createHash('md5').update(data).digest('base64') },
      body: data,
      action: 'PutBlock',
      signal: u.signal,
    });
    blockIds.push(id);
  };
  for await (const chunk of u.source) {
    throwIfAborted(u.signal);
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    whole.update(buf);
    size += buf.length;
    pending.push(buf);
    if (size > u.threshold) while (pending.size >= u.blockSize) await putBlock(pending.take(u.blockSize));
  }
  throwIfAborted(u.signal);
  const md5 = whole.digest();
  const md5Hex = md5.toString('hex');
  if (u.md5 !== undefined && u.md5 !== md5Hex) throw uploadMismatch(`${u.container}/${u.name}`, 'md5', u.md5, md5Hex, u.provider);
  if (blockIds.length === 0 && size <= u.threshold) {
    const data = pending.take();
    const res = await client.send({
      method: 'PUT',
      container: u.container,
      blob: u.name,
      headers: { 'x-ms-blob-type': 'BlockBlob', 'content-md5': md5.toString('base64'), ...contentHeaders(u) },
      body: data,
      action: 'PutBlob',
      signal: u.signal,
    });
    return { size, md5: md5Hex, headers: res.headers };
  }
  if (pending.size > 0) await putBlock(pending.take());
  const xml = `<?xml version="1.0" encoding="utf-8"?><BlockList>${blockIds.map((id) => `<Latest>${escapeXml(id)}</Latest>`).join('')}</BlockList>`;
  const res = await client.send({
    method: 'PUT',
    container: u.container,
    blob: u.name,
    query: { comp: 'blocklist' },
    headers: { 'content-type': 'application/xml', 'x-ms-blob-content-md5': md5.toString('base64'), ...contentHeaders(u) },
    body: Buffer.from(xml),
    action: 'PutBlockList',
    signal: u.signal,
  });
  return { size, md5: md5Hex, headers: res.headers };
}
