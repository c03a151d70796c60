import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { ChecksumMismatchError } from '@cloudmux/core/errors';
import { verifyStream } from '@cloudmux/core/storage';
import { OffThreadHash } from './hash-worker.js';

/**
 * Bytes handed to the hashing thread at a time, and how many such slots one download may use. Slots
 * are allocated as needed: a few while the worker keeps up; up to 8 MiB while it starts (about 50 ms),
 * so the download does not stall behind the worker's start-up.
 */
const SLOT_BYTES = 1024 * 1024;
const SLOTS = 8;

/** What {@link verifyDownload} checks. */
export interface VerifyDownloadOptions {
  /** Expected hex MD5. */
  expected: string;
  provider: string;
  /** `bucket/key`, for the error message. */
  what: string;
}

/**
 * Passes `source` through unchanged and fails the stream with `ChecksumMismatchError` at its end when
 * the bytes' MD5 differs from `expected`, like core's `verifyStream`, but hashing on the hash worker
 * thread: chunks are copied into 1 MiB shared slots (the only copy), and the stream waits only when
 * 8 slots are still being hashed. Without a worker it is core's `verifyStream`.
 */
export function verifyDownload(source: Readable, o: VerifyDownloadOptions): Readable {
  const hash = new OffThreadHash('md5');
  if (!hash.offThread) return verifyStream(source, { algorithm: 'md5', expected: o.expected, provider: o.provider, what: o.what });
  const free: Buffer[] = [];
  let allocated = 0;
  let slot: Buffer | undefined;
  let used = 0;
  // Hash updates run in order on the worker; the chain keeps the last one (and any failure).
  let chain: Promise<void> = Promise.resolve();
  let released: (() => void) | undefined;
  const dispatch = (): void => {
    const full = slot!;
    const bytes = full.subarray(0, used);
    slot = undefined;
    used = 0;
    const done = hash.update(bytes).finally(() => {
      free.push(full);
      released?.();
    });
    chain = chain.then(() => done);
    // A failure surfaces at `flush` (through `chain`); never unhandled meanwhile.
    done.catch(() => undefined);
  };
  const nextSlot = async (): Promise<void> => {
    if (free.length === 0 && allocated < SLOTS) {
      allocated++;
      free.push(Buffer.from(new SharedArrayBuffer(SLOT_BYTES)));
    }
    while (free.length === 0) await new Promise<void>((r) => (released = r));
    released = undefined;
    slot = free.pop();
  };
  const check = new Transform({
    readableHighWaterMark: SLOT_BYTES,
    writableHighWaterMark: SLOT_BYTES,
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      const copy = async (): Promise<void> => {
        let at = 0;
        while (at < chunk.length) {
          if (slot === undefined) await nextSlot();
          const n = chunk.copy(slot!, used, at);
          used += n;
          at += n;
          if (used === SLOT_BYTES) dispatch();
        }
      };
      // Fast path: room in the current slot (or a free one), no awaiting.
      if (slot !== undefined && used + chunk.length < SLOT_BYTES) {
        used += chunk.copy(slot, used);
        cb(null, chunk);
        return;
      }
      copy().then(
        () => cb(null, chunk),
        (e: unknown) => cb(e as Error),
      );
    },
    flush(cb: TransformCallback) {
      if (slot !== undefined && used > 0) dispatch();
      chain
        .then(() => hash.digest())
        .then(
          (actual) => {
            if (actual === o.expected.toLowerCase()) return cb();
            cb(
              new ChecksumMismatchError(
                `Downloaded bytes of ${o.what} do not match its md5 checksum (expected ${o.expected}, got ${actual})`,
                { algorithm: 'md5', expected: o.expected, actual, provider: o.provider },
              ),
            );
          },
          (e: unknown) => cb(e as Error),
        );
    },
  });
  source.on('error', (e) => check.destroy(e));
  check.on('close', () => {
    if (!check.writableFinished) hash.drop();
    if (!source.destroyed) source.destroy();
  });
  return source.pipe(check);
}
