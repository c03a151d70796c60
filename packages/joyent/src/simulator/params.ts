/**
 * Request parameters the restify way: query string and body (JSON or form) merged into one set.
 * @module
 */
import type { SimulatorRequest } from '@cloudmux/core/testing';
import { CloudApiError, invalidArgument } from './errors.js';

/** Merged request parameters. Query values are strings; JSON body values keep their types. */
export type Params = Record<string, unknown>;

/** Parameters consumed by the framework, never handed to resources (tags, metadata). */
const RESERVED = new Set(['as-role']);

/** Parses the body by content type (JSON, form, or JSON when untyped). */
function bodyParams(req: SimulatorRequest): Params {
  if (req.body.length === 0) return {};
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  const text = req.body.toString('utf8');
  if (type.startsWith('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  if (type !== '' && !type.includes('json')) {
    throw new CloudApiError('BadRequest', `Unsupported Content-Type: ${type}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new CloudApiError('BadRequest', `Invalid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new CloudApiError('BadRequest', 'Request body must be a JSON object');
  }
  return value as Params;
}

/** Query + body parameters (body wins), without framework parameters such as `as-role`. */
export function requestParams(req: SimulatorRequest): Params {
  const out: Params = {};
  for (const [k, v] of req.url.searchParams) out[k] = v;
  Object.assign(out, bodyParams(req));
  for (const k of RESERVED) delete out[k];
  return out;
}

/** A string parameter (numbers and booleans are stringified); `undefined` when absent. */
export function str(p: Params, name: string): string | undefined {
  const v = p[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return invalidArgument(`${name} must be a string`);
}

/** A boolean parameter (`true`/`false` strings accepted); `undefined` when absent. */
export function bool(p: Params, name: string): boolean | undefined {
  const v = p[name];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return invalidArgument(`${name} must be a boolean`);
}

/** A non-negative integer parameter; `undefined` when absent. */
export function int(p: Params, name: string): number | undefined {
  const v = p[name];
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isInteger(n) || n < 0) return invalidArgument(`${name} must be a non-negative integer`);
  return n;
}

/** Keys of `p` starting with `prefix` (flattened `tag.<k>` / `metadata.<k>`), prefix removed. */
export function prefixed(p: Params, prefix: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) if (k.startsWith(prefix) && k.length > prefix.length) out[k.slice(prefix.length)] = v;
  return out;
}

/** Matches `value` against a filter that may contain `*` wildcards. */
export function wildcardMatch(filter: string, value: string): boolean {
  if (!filter.includes('*')) return filter === value;
  const re = new RegExp(
    `^${filter
      .split('*')
      .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return re.test(value);
}
