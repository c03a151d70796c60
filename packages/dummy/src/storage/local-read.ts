import type { Readable } from 'node:stream';
import { addAbortSignal } from 'node:stream';
import { InvalidArgumentError, NotFoundError } from '@cloudmux/core/errors';
import { checkRange, verifyStream } from '@cloudmux/core/storage';
import { SymlinkRefusedError } from './confine.js';
import type { StorageLayout } from './layout.js';
import { readSidecar, sidecarMatches } from './sidecar.js';

/** What {@link openObjectStream} reads. */
export interface ReadRequest {
  container: string;
  name: string;
  start?: number | undefined;
  end?: number | undefined;
  /** Verify a whole-object read against the stored hash (default true). */
  verifyHash?: boolean | undefined;
  signal?: AbortSignal | undefined;
  highWaterMark: number;
}

function notFound(what: string, why?: string): NotFoundError {
  return new NotFoundError(`Object "${what}" not found${why ? `: ${why}` : ''}`, { provider: 'local', status: 404 });
}

/** Resolves a byte range against the object size (`end` is clamped; `start` past the end is refused). */
function resolveRange(size: number, request: ReadRequest): { start: number; end: number } | undefined {
  const range = checkRange(request);
  if (size === 0 && range === undefined) return undefined;
  const start = range?.start ?? 0;
  if (start >= size) throw new InvalidArgumentError(`Invalid range start ${start}: the object is ${size} bytes long`);
  return { start, end: Math.min(range?.end ?? size - 1, size - 1) };
}

/**
 * Opens an object for reading from one descriptor (opened with `O_NOFOLLOW` and checked to be the
 * path under the root, so nothing outside it is ever read). A whole-object read whose sidecar
 * describes this very file (inode, size, mtime) is verified against the hash recorded at upload:
 * bytes changed behind the driver's back end the stream with `ChecksumMismatchError`.
 */
export async function openObjectStream(layout: StorageLayout, request: ReadRequest): Promise<Readable> {
  const { container, name } = request;
  const what = `${container}/${name}`;
  const fh = await layout.confine.openFile(layout.objectPath(container, name)).catch((e: unknown) => {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') throw notFound(what);
    throw e instanceof SymlinkRefusedError ? notFound(what, e.reason) : e;
  });
  let stream: Readable;
  let expected: { hash: string; alg: 'md5' | 'sha256' } | undefined;
  try {
    const st = await fh.stat({ bigint: true });
    if (!st.isFile()) throw notFound(what);
    const range = resolveRange(Number(st.size), request);
    const whole = range === undefined || (range.start === 0 && range.end === Number(st.size) - 1);
    if (whole && request.verifyHash !== false) {
      const sc = await readSidecar(layout, layout.sidecarPath(container, name));
      if (sidecarMatches(sc, name, st)) expected = { hash: sc.hash, alg: sc.alg };
    }
    stream = fh.createReadStream({ start: range?.start ?? 0, ...(range ? { end: range.end } : {}), highWaterMark: request.highWaterMark });
  } catch (e) {
    await fh.close();
    throw e;
  }
  if (expected) stream = verifyStream(stream, { algorithm: expected.alg, expected: expected.hash, provider: 'local', what });
  return request.signal ? addAbortSignal(request.signal, stream) : stream;
}
