import { Transform, type TransformCallback } from 'node:stream';
import type { ChecksumAlgorithm } from './checksum.js';
import { allocSharedBuffer, OffThreadHash } from './hash-worker.js';

/** Bytes handed to the hashing thread at a time. */
const SLOT_BYTES = 1024 * 1024;
/**
 * Slots one stream may use (being filled or hashed): 8 MiB at most, allocated as needed. A few
 * suffice while the thread keeps up; all of them cover its start-up (about 50 ms) without stalling.
 */
const SLOTS = 8;

/** Options of {@link OffThreadHashingStream}. */
export interface OffThreadHashingOptions {
  /** Called with the hex digest once every byte has passed; an error it returns ends the stream with that error. */
  check?: ((actual: string) => Error | undefined) | undefined;
  /**
   * Bytes to expect, when known: once that many have passed, the digest is taken at once, so it is
   * complete even if the consumer (an HTTP client that has sent them all) destroys the stream before
   * its end arrives. More bytes than this fail the stream.
   */
  size?: number | undefined;
}

/**
 * A pass-through that computes a digest (MD5, SHA-256) of its bytes on core's process-wide hashing
 * thread, so hashing overlaps the transfer instead of adding to it on the event loop. Chunks are copied
 * into 1 MiB shared slots (the only copy) and the stream waits only when 8 slots are still being
 * hashed. Where no thread can start, it hashes in line. {@link digest} resolves with the hex digest
 * once every byte has passed (at the stream's end, or once `size` bytes have passed), and rejects if
 * the stream fails first.
 */
export class OffThreadHashingStream extends Transform {
  /** Bytes passed so far. */
  size = 0;
  readonly #hash: OffThreadHash;
  readonly #o: OffThreadHashingOptions;
  readonly #free: Buffer[] = [];
  readonly #digest: Promise<string>;
  #settle!: { resolve: (hex: string) => void; reject: (err: Error) => void };
  /** The digest once taken (at the end, or at `size` bytes). */
  #final: Promise<string> | undefined;
  #allocated = 0;
  #slot: Buffer | undefined;
  #used = 0;
  #wake: (() => void) | undefined;
  #failure: Error | undefined;

  constructor(algorithm: ChecksumAlgorithm, options: OffThreadHashingOptions = {}) {
    super({ highWaterMark: SLOT_BYTES });
    this.#hash = new OffThreadHash(algorithm);
    this.#o = options;
    this.#digest = new Promise<string>((resolve, reject) => (this.#settle = { resolve, reject }));
    // A failed stream reports through its own 'error'; a digest nobody awaits must not be an unhandled rejection.
    this.#digest.catch(() => undefined);
  }

  /** Whether the bytes are hashed on the hashing thread (false: no thread could start, so in line). */
  get offThread(): boolean {
    return this.#hash.offThread;
  }

  /** The hex digest of every byte, once the stream has passed them all. */
  digest(): Promise<string> {
    return this.#digest;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.size += chunk.length;
    const expected = this.#o.size;
    if (expected !== undefined && this.size > expected) {
      cb(new RangeError(`${this.size} bytes passed where ${expected} were expected`));
      return;
    }
    // The last expected chunk is passed on only after the digest is taken: its consumer may destroy the stream at once.
    const last = this.size === expected;
    if (!this.#hash.offThread) {
      void this.#hash.update(chunk);
      if (last) this.#finish();
      cb(null, chunk);
      return;
    }
    const wait = this.#feed(chunk, 0);
    if (wait === undefined) {
      if (last && !this.#failure) this.#finish();
      cb(this.#failure ?? null, chunk);
    } else if (!last) {
      // The bytes flow on at once; only the next chunk waits for a free slot.
      this.push(chunk);
      wait.then(() => cb(this.#failure), cb);
    } else {
      wait.then(() => {
        if (!this.#failure) this.#finish();
        cb(this.#failure ?? null, chunk);
      }, cb);
    }
  }

  override _flush(cb: TransformCallback): void {
    if (this.#failure) return this.#fail(this.#failure, cb);
    this.#finish().then(
      (actual) => {
        const err = this.#failure ?? this.#o.check?.(actual);
        if (err) return this.#fail(err, cb);
        cb();
      },
      (err: Error) => this.#fail(err, cb),
    );
  }

  override _destroy(err: Error | null, cb: (error?: Error | null) => void): void {
    // Once the digest is taken, it completes whoever destroys the stream (an HTTP client done with it).
    if (this.#final === undefined || err) {
      this.#hash.discard();
      this.#settle.reject(err ?? new Error('the stream was destroyed before every byte was hashed'));
    }
    this.#wakeUp();
    cb(err);
  }

  /** Takes the digest of everything fed so far (once): hands over the last partial slot, then asks for it. */
  #finish(): Promise<string> {
    if (this.#final === undefined) {
      if (this.#slot !== undefined && this.#used > 0) this.#send();
      this.#final = this.#hash.digest();
      this.#final.then(
        (hex) => (this.#failure ? this.#settle.reject(this.#failure) : this.#settle.resolve(hex)),
        (e: Error) => this.#settle.reject(e),
      );
    }
    return this.#final;
  }

  #fail(err: Error, cb: TransformCallback): void {
    this.#settle.reject(err);
    cb(err);
  }

  /** Copies `chunk` from `from` on into slots; a promise when it must wait for a slot to come back. */
  #feed(chunk: Buffer, from: number): Promise<void> | undefined {
    let at = from;
    while (at < chunk.length) {
      if (this.#slot === undefined) {
        const slot = this.#free.pop() ?? (this.#allocated < SLOTS ? (this.#allocated++, allocSharedBuffer(SLOT_BYTES)) : undefined);
        if (slot === undefined) {
          return new Promise<void>((resolve) => (this.#wake = resolve)).then(() =>
            this.destroyed || this.#failure ? undefined : this.#feed(chunk, at),
          );
        }
        this.#slot = slot;
        this.#used = 0;
      }
      const n = chunk.copy(this.#slot, this.#used, at);
      this.#used += n;
      at += n;
      if (this.#used === this.#slot.length) this.#send();
    }
    return undefined;
  }

  /** Hands the current slot to the thread (updates are answered in order); it is free again once hashed. */
  #send(): void {
    const slot = this.#slot!;
    const used = this.#used;
    this.#slot = undefined;
    this.#hash.update(slot.subarray(0, used)).then(
      () => {
        this.#free.push(slot);
        this.#wakeUp();
      },
      (err: Error) => {
        this.#failure ??= err;
        this.#wakeUp();
      },
    );
  }

  #wakeUp(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
