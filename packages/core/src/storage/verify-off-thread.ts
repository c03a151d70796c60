import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { ChecksumMismatchError } from '../errors/checksum-mismatch-error.js';
import { verifyStream, type VerifyStreamOptions } from './checksum.js';
import { allocSharedBuffer, OffThreadHash } from './hash-worker.js';

/** Downloads of a known size below this are verified on the event loop (a thread round trip costs more than it saves). */
export const OFF_THREAD_MIN_BYTES = 8 * 1024 * 1024;
/** Bytes handed to the hashing thread at a time. */
const SLOT_BYTES = 1024 * 1024;
/**
 * Slots one download may use (being filled or hashed): 8 MiB at most, allocated as needed. A few
 * suffice while the thread keeps up; all of them cover its start-up (about 50 ms) without stalling.
 */
const SLOTS = 8;

/** What {@link verifyStreamOffThread} checks. */
export interface VerifyOffThreadOptions extends VerifyStreamOptions {
  /** Content length when known: below `minOffThreadBytes`, the stream is verified in line. */
  size?: number | undefined;
  /** Size from which the hashing thread is used (default {@link OFF_THREAD_MIN_BYTES}); unknown sizes use it. */
  minOffThreadBytes?: number | undefined;
}

/**
 * Like {@link verifyStream} (same pass-through, same `ChecksumMismatchError` at the end on a
 * mismatch) but hashing (MD5, SHA-256) on the process-wide hashing thread: chunks are copied into 1 MiB shared
 * slots (the only copy) and the stream waits only when 8 slots are still being hashed. Small
 * downloads of known size, and any download when no thread can start, use `verifyStream`.
 */
export function verifyStreamOffThread(source: Readable, options: VerifyOffThreadOptions): Readable {
  const min = options.minOffThreadBytes ?? OFF_THREAD_MIN_BYTES;
  // CRC-32 costs less in line than a thread round trip.
  if (options.algorithm === 'crc32' || (options.size !== undefined && options.size < min)) return verifyStream(source, options);
  const hash = new OffThreadHash(options.algorithm);
  if (!hash.offThread) return verifyStream(source, options);
  const check = new OffThreadCheck(options, hash);
  source.on('error', (e) => check.destroy(e));
  check.on('close', () => {
    if (!source.destroyed) source.destroy();
  });
  return source.pipe(check);
}

/** A pass-through that copies the bytes into shared slots the thread hashes, then compares at the end. */
class OffThreadCheck extends Transform {
  readonly #o: VerifyStreamOptions;
  readonly #hash: OffThreadHash;
  readonly #free: Buffer[] = [];
  #allocated = 0;
  #slot: Buffer | undefined;
  #used = 0;
  #wake: (() => void) | undefined;
  #failure: Error | undefined;

  constructor(o: VerifyStreamOptions, hash: OffThreadHash) {
    super({ highWaterMark: SLOT_BYTES });
    this.#o = o;
    this.#hash = hash;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    const wait = this.#feed(chunk, 0);
    if (wait === undefined) {
      cb(this.#failure ?? null, chunk);
      return;
    }
    // The bytes flow on at once; only the next chunk waits for a free slot.
    this.push(chunk);
    wait.then(() => cb(this.#failure), cb);
  }

  override _flush(cb: TransformCallback): void {
    if (this.#failure) return cb(this.#failure);
    if (this.#slot !== undefined && this.#used > 0) this.#send();
    this.#hash.digest().then((actual) => {
      if (this.#failure) return cb(this.#failure);
      const { algorithm, expected, provider, what } = this.#o;
      if (actual === expected.toLowerCase()) return cb();
      cb(
        new ChecksumMismatchError(
          `Downloaded bytes of ${what} do not match its ${algorithm} checksum (expected ${expected}, got ${actual})`,
          {
            algorithm,
            expected,
            actual,
            provider,
          },
        ),
      );
    }, cb);
  }

  override _destroy(err: Error | null, cb: (error?: Error | null) => void): void {
    this.#hash.discard();
    this.#wakeUp();
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
