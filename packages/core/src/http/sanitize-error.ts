import { redactText } from './redact.js';

/** Own properties of an error that are plain diagnostics, kept on a sanitized copy. */
const KEPT = ['code', 'syscall', 'errno', 'address', 'port', 'event', 'host', 'hostname'] as const;

/**
 * Properties through which an HTTP client error reaches the request it failed on: got's `options`
 * (signed headers: `authorization`, `x-amz-security-token`...), `request`, `response`, `timings`; axios's `config`.
 */
const REQUEST_CARRIERS = ['options', 'request', 'response', 'timings', 'config'] as const;

/**
 * What a transport failure becomes when it is the `cause` of a cloudmux error: its name, a redacted message,
 * and the diagnostics that help (`code`, `syscall`, `errno`, `address`, `port`, the timeout `event`), with its
 * own `cause` sanitized the same way. It never holds the request, its options or signed headers.
 */
export class TransportFailure extends Error {
  /** Error code (`ECONNRESET`, `ETIMEDOUT`, `ERR_GOT_REQUEST_ERROR`...). */
  declare readonly code?: string;
  /** System call that failed (`connect`, `read`...). */
  declare readonly syscall?: string;
  /** errno, when a system call failed. */
  declare readonly errno?: number;
  /** Remote address, when known. */
  declare readonly address?: string;
  /** Remote port, when known. */
  declare readonly port?: number;
  /** Host name being resolved or reached, when known. */
  declare readonly hostname?: string;
  /** Timeout phase (`request`, `connect`, `response`...) for timeouts. */
  declare readonly event?: string;

  constructor(name: string, message: string, fields: Partial<Record<(typeof KEPT)[number], unknown>>, cause: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    Object.defineProperty(this, 'name', { value: name, enumerable: false, configurable: true });
    // Only the diagnostics present, as strings or numbers: nothing else can ride along.
    for (const key of KEPT) {
      const v = fields[key];
      if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))
        (this as Record<string, unknown>)[key === 'host' ? 'hostname' : key] = v;
    }
  }
}

/** Whether `value` is an error that carries the request it failed on (got's `RequestError` family, axios errors). */
export function carriesRequest(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  for (const key of REQUEST_CARRIERS) if (key in value) return true;
  return false;
}

/** Removes the body text V8 quotes in `JSON.parse` errors (`Unexpected token 'x', "{"pass"... is not valid JSON`). */
function stripQuotedInput(message: string): string {
  return message.replace(/, "[\s\S]*" is not valid JSON$/, ' (input not shown) is not valid JSON');
}

/**
 * A copy of a failure that is safe to print (`console.error`, `util.inspect` at any depth, `JSON.stringify`,
 * `stack`): see {@link TransportFailure}. Non-error values are returned redacted (strings) or as they are;
 * cloudmux errors (already safe) are returned as they are.
 */
export function sanitizeCause(err: unknown, redact?: readonly string[], depth = 0): unknown {
  if (typeof err === 'string') return redactText(err, redact);
  if (typeof err !== 'object' || err === null) return err;
  if (err instanceof TransportFailure) return err;
  if (Symbol.for('cloudmux.error') in err) return err;
  const e = err as Record<string, unknown> & { name?: unknown; message?: unknown; stack?: unknown; cause?: unknown };
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const message = redactText(stripQuotedInput(typeof e.message === 'string' ? e.message : String(err)), redact);
  const fields: Partial<Record<(typeof KEPT)[number], unknown>> = {};
  for (const key of KEPT) fields[key] = e[key];
  const cause = depth < 4 && e.cause !== undefined && e.cause !== err ? sanitizeCause(e.cause, redact, depth + 1) : undefined;
  const out = new TransportFailure(name, message, fields, cause);
  // Keep where it was thrown (the frames name files and functions only), under the redacted first line.
  const frames = typeof e.stack === 'string' ? e.stack.split('\n').filter((l) => /^\s+at /.test(l)) : [];
  out.stack = `${name}: ${message}${frames.length > 0 ? `\n${frames.join('\n')}` : ''}`;
  return out;
}
