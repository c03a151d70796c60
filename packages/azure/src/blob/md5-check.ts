import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { ChecksumMismatchError } from '@cloudmux/core/errors';
import { verifyStream } from '@cloudmux/core/storage';
import { OffThreadMd5, sharedBufferOf } from './md5-worker.js';

/** Downloads from this size on are hashed on the worker thread; smaller ones on the event loop. */
export const OFF_THREAD_MIN_BYTES = 8 * 1024 * 1024;
/** Bytes handed to the worker at a time. */
const STAGE_BYTES = 2 * 1024 * 1024;
/** Stages in use at most (being filled or hashed): memory bound of one verified download. */
const STAGES = 4;

/** What a verified download is checked against. */
export interface Md5CheckOptions {
  /** Expected hex MD5. */
  expected: string;
  /** Provider id. */
  provider: string;
  /** What is read (`container/name`), for the error message. */
  what: string;
  /** Content length, when known: small downloads are hashed on the event loop. */
  size: number | undefined;
}

/**
 * Wraps a download stream so that it errors with `ChecksumMismatchError` instead of ending when the
 * bytes' MD5 differs from `expected`. Bytes flow through unchanged as they arrive. Large downloads
 * are hashed on a worker thread beside the transfer; small or unknown-size ones with core's
 * `verifyStream`.
 */
export function verifyMd5(source: Readable, o: Md5CheckOptions): Readable {
  if (o.size === undefined || o.size < OFF_THREAD_MIN_BYTES)
    return verifyStream(source, { algorithm: 'md5', expected: o.expected, provider: o.provider, what: o.what });
  const check = new Md5CheckStream(o);
  source.on('error', (e) => check.destroy(e));
  check.on('close', () => {
    if (!source.destroyed) source.destroy();
  });
  return source.pipe(check);
}

/** A pass-through that copies the bytes into shared stages the worker hashes, then compares at the end. */
class Md5CheckStream extends Transform {
  readonly #o: Md5CheckOptions;
  readonly #md5 = new OffThreadMd5();
  readonly #free: Buffer[] = [];
  #allocated = 0;
  #stage: Buffer | undefined;
  #used = 0;
  #wake: (() => void) | undefined;
  #failure: Error | undefined;

  constructor(o: Md5CheckOptions) {
    super({ highWaterMark: STAGE_BYTES });
    this.#o = o;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    const wait = this.#feed(chunk, 0);
    if (wait === undefined) {
      cb(this.#failure ?? null, chunk);
      return;
    }
    this.push(chunk);
    wait.then(() => cb(this.#failure), cb);
  }

  override _flush(cb: TransformCallback): void {
    if (this.#failure) return cb(this.#failure);
    if (this.#stage !== undefined && this.#used > 0) this.#send();
    this.#md5.digest().then((actual) => {
      if (actual === this.#o.expected.toLowerCase()) return cb();
      const { expected, provider, what } = this.#o;
      cb(
        new ChecksumMismatchError(`Downloaded bytes of ${what} do not match its md5 checksum (expected ${expected}, got ${actual})`, {
          algorithm: 'md5',
          expected,
          actual,
          provider,
        }),
      );
    }, cb);
  }

  override _destroy(err: Error | null, cb: (error?: Error | null) => void): void {
    this.#md5.discard();
    this.#wake?.();
    cb(err);
  }

  /** Copies `chunk` from `from` into stages; a promise when it must wait for a stage to come back. */
  #feed(chunk: Buffer, from: number): Promise<void> | undefined {
    let off = from;
    while (off < chunk.length) {
      if (this.#stage === undefined) {
        const stage = this.#free.pop() ?? (this.#allocated < STAGES ? (this.#allocated++, sharedBufferOf(STAGE_BYTES)) : undefined);
        if (stage === undefined) {
          return new Promise<void>((resolve) => (this.#wake = resolve)).then(() =>
            this.destroyed || this.#failure ? undefined : this.#feed(chunk, off),
          );
        }
        this.#stage = stage;
        this.#used = 0;
      }
      const n = chunk.copy(this.#stage, this.#used, off);
      this.#used += n;
      off += n;
      if (this.#used === this.#stage.length) this.#send();
    }
    return undefined;
  }

  /** Hands the current stage to the worker; it comes back to the free list once hashed. */
  #send(): void {
    const stage = this.#stage!;
    const used = this.#used;
    this.#stage = undefined;
    this.#md5.update(stage.subarray(0, used)).then(
      () => {
        this.#free.push(stage);
        const wake = this.#wake;
        this.#wake = undefined;
        wake?.();
      },
      (err: Error) => {
        this.#failure ??= err;
        const wake = this.#wake;
        this.#wake = undefined;
        wake?.();
      },
    );
  }
}
