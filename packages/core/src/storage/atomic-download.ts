import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { link, lstat, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { throwIfAborted } from '../common/abort.js';
import { InvalidArgumentError } from '../errors/cloud-error.js';
import { AlreadyExistsError } from '../errors/provider-error.js';

/** Options of {@link downloadToFile}. */
export interface DownloadToFileOptions {
  /** Destination file. */
  destinationPath: string;
  /** Replace an existing destination (default false: `AlreadyExistsError`). */
  overwrite?: boolean | undefined;
  /** Aborts the download (the temporary file is removed). */
  signal?: AbortSignal | undefined;
  /** fsync the temporary file before it is renamed into place. */
  fsync?: boolean | undefined;
  /** Write buffer size. */
  highWaterMark?: number | undefined;
  /** Provider id for errors. */
  provider?: string | undefined;
}

function destExists(dest: string, provider: string | undefined): AlreadyExistsError {
  return new AlreadyExistsError(`downloadObject: destination "${dest}" exists; pass { overwrite: true } to replace it`, { provider });
}

/**
 * Writes the stream `open()` returns to `destinationPath` atomically: into a temporary file in the
 * destination's directory (`.<name>.<random>.cloudmux-part`), renamed over the destination only once
 * every byte is written (and the stream ended without error, so a checksum verified at its end has
 * passed). On any failure or abort the temporary file is removed and the destination is untouched:
 * no partial file is ever visible. Without `overwrite` an existing destination is refused, also
 * one that appears during the download (a hard link is used instead of a rename).
 */
export async function downloadToFile(open: () => Promise<Readable>, options: DownloadToFileOptions): Promise<true> {
  const destinationPath = options?.destinationPath;
  if (typeof destinationPath !== 'string' || destinationPath.length === 0)
    throw new InvalidArgumentError('downloadObject: destinationPath must be a non-empty path');
  const dest = path.resolve(destinationPath);
  const existing = await lstat(dest).catch(() => undefined);
  if (existing?.isDirectory()) throw new InvalidArgumentError(`downloadObject: destination "${dest}" is a directory`);
  if (existing && !options.overwrite) throw destExists(dest, options.provider);
  const source = await open();
  const tmp = path.join(path.dirname(dest), `.${path.basename(dest)}.${randomBytes(6).toString('hex')}.cloudmux-part`);
  try {
    const out = createWriteStream(tmp, {
      flags: 'wx',
      flush: options.fsync === true,
      ...(options.highWaterMark === undefined ? {} : { highWaterMark: options.highWaterMark }),
    });
    await pipeline(source, out, options.signal ? { signal: options.signal } : {});
    if (options.overwrite) {
      await rename(tmp, dest);
    } else {
      // link() fails if the destination appeared meanwhile: never replaces it.
      await link(tmp, dest).catch((e: unknown) => {
        throw (e as NodeJS.ErrnoException).code === 'EEXIST' ? destExists(dest, options.provider) : e;
      });
    }
  } catch (e) {
    if (!source.destroyed) source.destroy();
    throwIfAborted(options.signal, 'Download');
    throw e;
  } finally {
    await rm(tmp, { force: true });
  }
  return true;
}
