import { createHash, randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { throwIfAborted } from '@cloudmux/core';
import type { HttpHeaders } from '@cloudmux/core/http';
import { HashedPartWriter, md5HexToBase64, PartBuffer, toBuffer, uploadMismatch } from '@cloudmux/core/storage';
import type { BlobClient } from './client.js';
import { metaHeaders } from './meta.js';
import { escapeXml } from './xml.js';

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
  /** Put Block requests in flight at most. */
  blocksInFlight: number;
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
 * bytes, up to `blocksInFlight` at once (each with its own `Content-MD5`, verified by the service),
 * then Put Block List with the whole content's MD5 as `x-ms-blob-content-md5`; both digests are
 * computed on a worker thread while blocks are sent. Memory: `blocksInFlight + 1` blocks. Nothing is
 * visible until the final call succeeds: a failed source, abort or checksum mismatch leaves the
 * previous blob (if any) as it was, and staged blocks that are never committed are discarded by the
 * service.
 */
export async function uploadBlob(client: BlobClient, u: BlobUpload): Promise<UploadedBlob> {
  const head = new PartBuffer();
  let size = 0;
  const blockId = blockIds();
  let blocks: HashedPartWriter | undefined;
  try {
    for await (const chunk of u.source) {
      throwIfAborted(u.signal);
      const buf = toBuffer(chunk);
      size += buf.length;
      if (blocks !== undefined) {
        await blocks.write(buf);
      } else {
        head.push(buf);
        if (size > u.threshold) {
          blocks = blockWriter(client, u, blockId);
          await blocks.write(head.take());
        }
      }
    }
    throwIfAborted(u.signal);
    if (blocks === undefined) return await putWhole(client, u, head.take());
    const { parts, md5 } = await blocks.finish();
    const ids = Array.from({ length: parts }, (_, i) => blockId(i));
    if (u.md5 !== undefined && u.md5 !== md5) throw uploadMismatch(`${u.container}/${u.name}`, 'md5', u.md5, md5, u.provider);
    throwIfAborted(u.signal);
    const xml = `<?xml version="1.0" encoding="utf-8"?><BlockList>${ids.map((id) => `<Latest>${escapeXml(id)}</Latest>`).join('')}</BlockList>`;
    const res = await client.send({
      method: 'PUT',
      container: u.container,
      blob: u.name,
      query: { comp: 'blocklist' },
      headers: {
        'content-type': 'application/xml',
        'x-ms-blob-content-md5': Buffer.from(md5, 'hex').toString('base64'),
        ...contentHeaders(u),
      },
      body: Buffer.from(xml),
      action: 'PutBlockList',
      signal: u.signal,
    });
    return { size, md5, headers: res.headers };
  } catch (err) {
    await blocks?.discard();
    throw err;
  }
}

/** One Put Blob of the whole content (at most `threshold` bytes), with its `Content-MD5`. */
async function putWhole(client: BlobClient, u: BlobUpload, data: Buffer): Promise<UploadedBlob> {
  const md5 = createHash('md5').update(data).digest();
  const md5Hex = md5.toString('hex');
  if (u.md5 !== undefined && u.md5 !== md5Hex) throw uploadMismatch(`${u.container}/${u.name}`, 'md5', u.md5, md5Hex, u.provider);
  const res = await client.send({
    method: 'PUT',
    container: u.container,
    blob: u.name,
    headers: { 'x-ms-blob-type': 'BlockBlob', 'content-md5': md5.toString('base64'), ...contentHeaders(u) },
    body: data,
    action: 'PutBlob',
    signal: u.signal,
  });
  return { size: data.length, md5: md5Hex, headers: res.headers };
}

/** The block ids of one upload: a random prefix and the block's index, base64 (all of one length, as Azure requires). */
function blockIds(): (index: number) => string {
  const prefix = randomBytes(6).toString('hex');
  return (index) => Buffer.from(`${prefix}-${String(index).padStart(6, '0')}`).toString('base64');
}

/** Staged blocks: Put Block of each part of a {@link HashedPartWriter}, with its `Content-MD5`. */
function blockWriter(client: BlobClient, u: BlobUpload, blockId: (index: number) => string): HashedPartWriter {
  return new HashedPartWriter({
    partsInFlight: u.blocksInFlight,
    partSize: () => u.blockSize,
    signal: u.signal,
    send: async ({ index, body, md5, signal }) => {
      const id = blockId(index);
      await client.send({
        method: 'PUT',
        container: u.container,
        blob: u.name,
        query: { comp: 'block', blockid: id },
        headers: { 'content-md5': md5HexToBase64(md5) },
        body,
        action: 'PutBlock',
        signal,
      });
    },
  });
}
