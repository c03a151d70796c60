import { appendFileSync, writeSync } from 'node:fs';
import { lookupTable, type LookupTable } from '../common/lookup-table.js';
import type { Readable } from 'node:stream';
import type { HttpHeaders } from './types.js';
import { toCurl } from './curl.js';
import { redactHeaders, redactText, redactUrl } from './redact.js';

/** Trace targets written through the process's own descriptors. */
const STD_STREAMS: LookupTable<number> = lookupTable({ '/dev/stderr': 2, '/dev/stdout': 1 });

/** Bytes of a response body written to the trace. */
const TRACE_BODY_BYTES = 4096;

/** Resolves the debug trace target: an explicit path, else `CLOUDMUX_DEBUG` (`1`/`true` mean stderr). */
export function resolveDebugFile(debugFile: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const v = debugFile ?? env.CLOUDMUX_DEBUG;
  if (v === undefined || v === '' || v === '0' || v === 'false') return undefined;
  if (v === '1' || v === 'true') return '/dev/stderr';
  return v;
}

/**
 * Appends a redacted record of every attempt to a file (created with mode 0600): the request line, a replayable `curl` command,
 * then the status, response headers, elapsed time and the first 4 KiB of the body.
 * Only constructed when tracing is on, so a disabled trace costs nothing.
 */
export class DebugTrace {
  private failed = false;

  constructor(
    /** Path appended to (`/dev/stderr` works). */
    readonly file: string,
    private readonly provider: string,
    private readonly redact: readonly string[] | undefined,
    private readonly insecure: boolean,
  ) {}

  private write(text: string): void {
    if (this.failed) return;
    try {
      // stderr/stdout are written through their descriptors: opening /dev/stderr fails (ENXIO) when
      // it is a socket, as under systemd, some containers and test runners.
      const fd = STD_STREAMS[this.file];
      if (fd !== undefined) writeSync(fd, text);
      // A new trace file is readable by its owner only (it holds URLs, ids and bodies); an existing file keeps its mode.
      else appendFileSync(this.file, text, { mode: 0o600 });
    } catch (err) {
      this.failed = true;
      process.emitWarning(`cloudmux: cannot write debug trace to ${this.file}: ${String(err)}`);
    }
  }

  /** Records an attempt about to be sent. */
  request(
    id: string,
    attempt: number,
    method: string,
    url: string,
    headers: Readonly<Record<string, string>>,
    body: Buffer | string | Readable | undefined,
  ): void {
    this.write(
      `--- ${new Date().toISOString()} cloudmux ${this.provider} #${id} attempt ${attempt}\n` +
        `> ${method} ${redactUrl(url, this.redact)}\n` +
        `${toCurl({ method, url, headers, body, insecure: this.insecure, redact: this.redact })}\n`,
    );
  }

  /** Records a response (status, headers, elapsed time, start of the body). */
  response(id: string, status: number, headers: HttpHeaders, elapsedMs: number, body: Buffer | string | undefined): void {
    const lines = [`< #${id} HTTP ${status} (${Math.round(elapsedMs)} ms)`];
    const red = redactHeaders(headers, this.redact);
    for (const [name, value] of Object.entries(red)) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) lines.push(`< ${name}: ${String(v)}`);
    }
    let text = '';
    if (body === undefined) text = '[body streamed to the caller]';
    else {
      const buf = typeof body === 'string' ? Buffer.from(body) : body;
      text = redactText(buf.subarray(0, TRACE_BODY_BYTES).toString('utf8'), this.redact);
      if (buf.length > TRACE_BODY_BYTES) text += `\n[... ${buf.length - TRACE_BODY_BYTES} more bytes]`;
    }
    this.write(`${lines.join('\n')}\n${text}\n`);
  }

  /** Records a failed attempt (network error, timeout). */
  failure(id: string, elapsedMs: number, error: unknown): void {
    const e = error as { code?: unknown; message?: unknown };
    const what = `${typeof e?.code === 'string' ? `${e.code} ` : ''}${typeof e?.message === 'string' ? e.message : String(error)}`;
    this.write(`< #${id} failed after ${Math.round(elapsedMs)} ms: ${redactText(what, this.redact)}\n`);
  }

  /** Records the decision to wait before retrying. */
  retry(id: string, delayMs: number, reason: string): void {
    this.write(`. #${id} retrying in ${Math.round(delayMs)} ms (${reason})\n`);
  }
}
