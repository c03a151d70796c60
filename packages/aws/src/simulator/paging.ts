import { Ec2Error } from './errors.js';
import type { QueryParams } from './params.js';

/** Something listed in creation order. */
export interface Sequenced {
  /** Creation sequence number. */
  seq: number;
}

/** One page of a listing. */
export interface Page<T> {
  /** Items of this page. */
  items: T[];
  /** Token of the next page, when there is one. */
  nextToken: string | undefined;
}

function encodeToken(action: string, seq: number): string {
  return Buffer.from(JSON.stringify({ a: action, s: seq }), 'utf8').toString('base64url');
}

function decodeToken(action: string, token: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { a?: unknown; s?: unknown };
    if (parsed.a === action && typeof parsed.s === 'number' && Number.isInteger(parsed.s)) return parsed.s;
  } catch {
    // fall through
  }
  throw new Ec2Error('InvalidPaginationToken', `The pagination token '${token}' is invalid or has expired.`);
}

/**
 * Pages items (sorted by `seq`) with `MaxResults`/`NextToken`: `MaxResults` outside `[min, max]` is
 * `InvalidParameterValue`; without `MaxResults` everything after the token is returned.
 * Tokens remember the last item, so items created between pages do not shift later pages.
 */
export function paginate<T extends Sequenced>(
  action: string,
  items: readonly T[],
  params: QueryParams,
  bounds: { min: number; max: number },
): Page<T> {
  const max = params.int('MaxResults', bounds);
  const token = params.get('NextToken');
  const after = token === undefined || token === '' ? 0 : decodeToken(action, token);
  let start = 0;
  if (after > 0) while (start < items.length && (items[start] as T).seq <= after) start++;
  if (max === undefined) return { items: items.slice(start), nextToken: undefined };
  const page = items.slice(start, start + max);
  const more = start + max < items.length;
  return { items: page, nextToken: more && page.length > 0 ? encodeToken(action, (page[page.length - 1] as T).seq) : undefined };
}
