import { setMaxListeners } from 'node:events';
import { OffThreadHash } from './hash-worker.js';
import { PartPool } from './part-pool.js';

/** One part handed to {@link HashedPartWriterOptions.send}. */
export interface HashedPart {
  /** Position of the part, from 0. */
  readonly index: number;
  /** The part's bytes: valid until `send` settles (the buffer is then reused). */
  readonly body: Buffer;
  /** Hex MD5 of `body`. */
  readonly md5: string;
  /** Aborted when another part fails, the writer is discarded or the caller's signal fires. */
  readonly signal: AbortSignal;
}

/** How a {@link HashedPartWriter} cuts and sends parts. */
export interface HashedPartWriterOptions {
  /** Parts sent at once at most; memory is `(partsInFlight + 1) ×` the part size. */
  readonly partsInFlight: number;
  /** Size of part `index` (from 0); every part but the last is exactly this long. */
  readonly partSize: (index: number) => number;
  /** Sends one part (a Put Block, a segment PUT); rejects to fail the upload. */
  readonly send: (part: HashedPart) => Promise<void>;
  /** The caller's signal, passed on (combined) to every `send`. */
  readonly signal?: AbortSignal | undefined;
}

/** What {@link HashedPartWriter.finish} reports. */
export interface HashedPartsResult {
  /** Parts sent. */
  readonly parts: number;
  /** Bytes sent. */
  readonly size: number;
  /** Hex MD5 of all the bytes, in order. */
  readonly md5: string;
}

/**
 * The staged part of a multipart upload with bounded memory (Azure blocks, Swift SLO segments):
 * cuts the bytes written into parts held in reused shared-memory buffers, hashes each on the
 * hashing thread (its own MD5 and the running MD5 of everything, in one pass, in order) and hands it
 * to `send`, at most `partsInFlight` at once, so the event loop only copies bytes. The first
 * failure aborts the other parts and is rethrown by the next `write` or `finish`.
 */
export class HashedPartWriter {
  readonly #o: HashedPartWriterOptions;
  readonly #md5 = new OffThreadHash('md5');
  readonly #pool: PartPool;
  readonly #inflight = new Set<Promise<void>>();
  readonly #abort = new AbortController();
  readonly #signal: AbortSignal;
  #current: Buffer | undefined;
  #currentSize = 0;
  #used = 0;
  #parts = 0;
  #size = 0;
  #failure: unknown;

  constructor(options: HashedPartWriterOptions) {
    this.#o = options;
    // Shared memory, so the hashing thread reads the parts in place.
    this.#pool = new PartPool(options.partsInFlight + 1, { shared: true });
    this.#signal = options.signal === undefined ? this.#abort.signal : AbortSignal.any([options.signal, this.#abort.signal]);
    // Every part in flight listens to the one signal: more than Node's default 10 is expected, not a leak.
    setMaxListeners(options.partsInFlight + 10, this.#signal);
  }

  /** Adds bytes, sending every part that fills up; waits while `partsInFlight` parts are in flight. */
  async write(data: Buffer): Promise<void> {
    let off = 0;
    while (off < data.length) {
      if (this.#current === undefined) await this.#nextBuffer();
      const n = data.copy(this.#current!, this.#used, off, off + Math.min(data.length - off, this.#currentSize - this.#used));
      this.#used += n;
      off += n;
      if (this.#used === this.#currentSize) await this.#send();
    }
  }

  /** Sends the last (partial) part and waits for all of them. */
  async finish(): Promise<HashedPartsResult> {
    if (this.#failure === undefined && this.#used > 0) await this.#send();
    while (this.#inflight.size > 0) await Promise.all(this.#inflight);
    if (this.#failure !== undefined) throw this.#failure;
    return { parts: this.#parts, size: this.#size, md5: await this.#md5.digest() };
  }

  /** Stops: aborts the parts in flight and waits for them to settle. */
  async discard(): Promise<void> {
    this.#abort.abort();
    await Promise.allSettled([...this.#inflight]);
    this.#md5.discard();
  }

  /** Takes a free buffer for the next part (at most `partsInFlight + 1` exist). */
  async #nextBuffer(): Promise<void> {
    if (this.#failure !== undefined) throw this.#failure;
    const size = this.#o.partSize(this.#parts);
    const b = await this.#pool.acquire(size);
    if (this.#failure !== undefined) {
      this.#pool.release(b);
      throw this.#failure;
    }
    this.#current = b;
    this.#currentSize = size;
    this.#used = 0;
  }

  /** Starts sending the current part, once fewer than `partsInFlight` are in flight. */
  async #send(): Promise<void> {
    while (this.#inflight.size >= this.#o.partsInFlight) await Promise.race(this.#inflight);
    if (this.#failure !== undefined) throw this.#failure;
    const buf = this.#current!;
    const body = buf.subarray(0, this.#used);
    this.#current = undefined;
    this.#used = 0;
    const index = this.#parts++;
    this.#size += body.length;
    const signal = this.#signal;
    // Hashing requests are queued in part order, so the running MD5 sees the bytes in order.
    const task: Promise<void> = this.#md5
      .update(body, true)
      .then((md5) => this.#o.send({ index, body, md5: md5 ?? '', signal }))
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
