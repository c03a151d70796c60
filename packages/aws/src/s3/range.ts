import { Transform, type Readable } from 'node:stream';
import type { HttpHeaders } from '@cloudmux/core/http';

/** Passes on `length` bytes of `source` after skipping `skip` bytes, then ends (and releases the source). */
export function sliceStream(source: Readable, skip: number, length: number): Readable {
  let pos = 0;
  const out = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      const from = Math.max(0, skip - pos);
      const to = Math.min(chunk.length, skip + length - pos);
      pos += chunk.length;
      if (to > from) this.push(chunk.subarray(from, to));
      if (pos >= skip + length) {
        this.push(null);
        source.unpipe(out);
        source.destroy();
      }
      cb();
    },
  });
  source.on('error', (e) => out.destroy(e));
  return source.pipe(out);
}

/**
 * Makes a ranged response hold exactly the requested bytes: a server that ignored `Range` (200)
 * or sent a wider range than asked (s3rver answers `bytes=0-0` with the whole object) is trimmed
 * on the client. A well-behaved 206 passes through untouched.
 */
export function exactRange(body: Readable, status: number, headers: HttpHeaders, start: number, end: number | undefined): Readable {
  const cr = headers['content-range'];
  const m = typeof cr === 'string' ? /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(cr) : null;
  if (status === 200)
    return end === undefined && start === 0
      ? body
      : sliceStream(body, start, end === undefined ? Number.MAX_SAFE_INTEGER : end - start + 1);
  if (!m || end === undefined) return body;
  const gotStart = Number(m[1]);
  const gotEnd = Number(m[2]);
  if (gotStart === start && gotEnd === end) return body;
  if (gotStart > start || gotEnd < end) return body;
  return sliceStream(body, start - gotStart, end - start + 1);
}
