import type { Readable } from 'node:stream';
import { downloadMismatch, pipeChecked, verifyStream, type VerifyStreamOptions } from './checksum.js';
import { OffThreadHashingStream } from './hashing-stream-off-thread.js';

/** Downloads of a known size below this are verified on the event loop (a thread round trip costs more than it saves). */
export const OFF_THREAD_MIN_BYTES = 8 * 1024 * 1024;
/** What {@link verifyStreamOffThread} checks. */
export interface VerifyOffThreadOptions extends VerifyStreamOptions {
  /** Content length when known: below `minOffThreadBytes`, the stream is verified in line. */
  size?: number | undefined;
  /** Size from which the hashing thread is used (default {@link OFF_THREAD_MIN_BYTES}); unknown sizes use it. */
  minOffThreadBytes?: number | undefined;
}

/**
 * Like {@link verifyStream} (same pass-through, same `ChecksumMismatchError` at the end on a
 * mismatch) but hashing (MD5, SHA-256) on the process-wide hashing thread, through an
 * {@link OffThreadHashingStream} (which hashes in line where no thread can start). Small downloads of
 * known size and CRC-32 (cheaper in line than a thread round trip) use `verifyStream`.
 */
export function verifyStreamOffThread(source: Readable, options: VerifyOffThreadOptions): Readable {
  const min = options.minOffThreadBytes ?? OFF_THREAD_MIN_BYTES;
  if (options.algorithm === 'crc32' || (options.size !== undefined && options.size < min)) return verifyStream(source, options);
  // Where no thread can start, the stream hashes in line itself.
  return pipeChecked(source, new OffThreadHashingStream(options.algorithm, { check: (actual) => downloadMismatch(options, actual) }));
}
