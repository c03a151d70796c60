import type { HttpResponse, QueryValue } from '@cloudmux/core/http';
import { MalformedResponseError } from '@cloudmux/core/errors';
import type { CloudApiClient } from './client.js';
import { MAX_PAGE_SIZE } from './list-query.js';

/**
 * Fetches every page of a CloudAPI list that pages with `limit`/`offset` and `x-query-limit`,
 * until a short page. While the caller works on a full page, the next one is already being
 * fetched (that request would be made anyway); if the caller stops early, at most that one
 * request is wasted.
 */
export async function* pages<T>(
  client: CloudApiClient,
  path: string,
  query: Record<string, QueryValue>,
  signal: AbortSignal | undefined,
  pageSize = MAX_PAGE_SIZE,
): AsyncGenerator<T[]> {
  const fetchPage = (offset: number): Promise<HttpResponse<T[]>> =>
    client.request<T[]>({ method: 'GET', path, query: { ...query, limit: pageSize, offset }, signal });
  let offset = 0;
  let pending = fetchPage(offset);
  for (;;) {
    const res = await pending;
    const page = res.body;
    if (!Array.isArray(page))
      throw new MalformedResponseError(`GET ${path} did not return an array`, JSON.stringify(page) ?? '', {
        provider: 'joyent',
        requestId: res.requestId,
      });
    const limit = Number(res.headers['x-query-limit']) || pageSize;
    const more = page.length > 0 && page.length >= limit;
    if (more) {
      offset += page.length;
      pending = fetchPage(offset);
      // Observed here so an abandoned prefetch never surfaces as an unhandled rejection.
      pending.catch(() => undefined);
    }
    yield page;
    if (!more) return;
  }
}

/** Reads a JSON array body, failing loudly when it is not one. */
export function asArray<T>(res: HttpResponse<T[]>, what: string): T[] {
  if (!Array.isArray(res.body))
    throw new MalformedResponseError(`${what} did not return an array`, JSON.stringify(res.body) ?? '', {
      provider: 'joyent',
      requestId: res.requestId,
    });
  return res.body;
}
