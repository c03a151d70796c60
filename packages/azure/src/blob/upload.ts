import { createHash, randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { throwIfAborted } from '@cloudmux/core';
import type { HttpHeaders } from '@cloudmux/core/http';
import { md5HexToBase64, OffThreadHash, PartBuffer, PartPool, toBuffer, uploadMismatch } from '@cloudmux/core/storage';
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
  let blocks: BlockWriter | undefined;
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
          blocks = new BlockWriter(client, u);
          await blocks.write(head.take());
        }
      }
    }
    throwIfAborted(u.signal);
    if (blocks === undefined) return await putWhole(client, u, head.take());
    const { ids, md5 } = await blocks.finish();
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

/**
 * Cuts the bytes into blocks (shared-memory buffers, reused once a block is stored), hashes each on
 * the worker thread (its own MD5 and the running whole-content MD5, in order) and sends it with
 * Put Block, at most `blocksInFlight` at once. The first failure aborts the other requests.
 */
class BlockWriter {
  readonly #client: BlobClient;
  readonly #u: BlobUpload;
  readonly #md5 = new OffThreadHash('md5');
  readonly #prefix = randomBytes(6).toString('hex');
  readonly #ids: string[] = [];
  readonly #pool: PartPool;
  readonly #inflight = new Set<Promise<void>>();
  readonly #abort = new AbortController();
  readonly #signal: AbortSignal;
  #current: Buffer | undefined;
  #used = 0;
  #failure: unknown;

  constructor(client: BlobClient, u: BlobUpload) {
    this.#client = client;
    this.#u = u;
    // Shared memory, so the hashing thread reads the blocks in place.
    this.#pool = new PartPool(u.blocksInFlight + 1, { shared: true });
    this.#signal = u.signal === undefined ? this.#abort.signal : AbortSignal.any([u.signal, this.#abort.signal]);
  }

  /** Adds bytes, sending every block that fills up; waits while `blocksInFlight` blocks are in flight. */
  async write(data: Buffer): Promise<void> {
    let off = 0;
    while (off < data.length) {
      this.#current ??= await this.#buffer();
      const n = data.copy(this.#current, this.#used, off);
      this.#used += n;
      off += n;
      if (this.#used === this.#current.length) await this.#send();
    }
  }

  /** Sends the last (partial) block and waits for all; the block ids in order and the whole content's hex MD5. */
  async finish(): Promise<{ ids: string[]; md5: string }> {
    if (this.#failure === undefined && this.#used > 0) await this.#send();
    while (this.#inflight.size > 0) await Promise.all(this.#inflight);
    if (this.#failure !== undefined) throw this.#failure;
    return { ids: this.#ids, md5: await this.#md5.digest() };
  }

  /** Stops: aborts the requests in flight and waits for them to settle. */
  async discard(): Promise<void> {
    this.#abort.abort();
    await Promise.allSettled([...this.#inflight]);
    this.#md5.discard();
  }

  /** A free block buffer (reused once its block is stored; at most `blocksInFlight + 1` exist). */
  async #buffer(): Promise<Buffer> {
    if (this.#failure !== undefined) throw this.#failure;
    const b = await this.#pool.acquire(this.#u.blockSize);
    this.#used = 0;
    if (this.#failure !== undefined) {
      this.#pool.release(b);
      throw this.#failure;
    }
    return b;
  }

  /** Starts Put Block of the current buffer, once fewer than `blocksInFlight` are in flight. */
  async #send(): Promise<void> {
    while (this.#inflight.size >= this.#u.blocksInFlight) await Promise.race(this.#inflight);
    if (this.#failure !== undefined) throw this.#failure;
    const buf = this.#current!;
    const body = buf.subarray(0, this.#used);
    this.#current = undefined;
    this.#used = 0;
    const index = this.#ids.length;
    const id = Buffer.from(`${this.#prefix}-${String(index).padStart(6, '0')}`).toString('base64');
    this.#ids.push(id);
    // Hashing requests are queued in block order, so the whole-content MD5 sees the bytes in order.
    const task: Promise<void> = this.#md5
      .update(body, true)
      .then((contentMd5) =>
        this.#client.send({
          method: 'PUT',
          container: this.#u.container,
          blob: this.#u.name,
          query: { comp: 'block', blockid: id },
          headers: { 'content-md5': md5HexToBase64(contentMd5 ?? '') },
          body,
          action: 'PutBlock',
          signal: this.#signal,
        }),
      )
      .then(
        () => undefined,
        (err: unknown) => {
          this.#failure ??= err;
          this.#abort.abort();
        },
      )
      .finally(() => {
        this.#inflight.delete(task);
        // The request has settled (answered after reading the whole body, or aborted): the buffer is free.
        this.#pool.release(buf);
      });
    this.#inflight.add(task);
  }
}
