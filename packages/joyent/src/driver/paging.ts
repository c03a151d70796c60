import type { HttpResponse, QueryValue } from '@cloudmux/core/http';
import { MalformedResponseError } from '@cloudmux/core/errors';
import type { CloudApiClient } from '../client/cloudapi-client.js';
import { MAX_PAGE_SIZE } from './list-query.js';

/** Fetches every page of a CloudAPI list that pages with `limit`/`offset` and `x-query-limit`. */
export async function* pages<T>(client: CloudApiClient, path: string, query: Record<string, QueryValue>, signal: AbortSignal | undefined, pageSize = MAX_PAGE_SIZE): AsyncGenerator<T[]> {
  for (let offset = 0; ; ) {
    const res: HttpResponse<T[]> = await client.request<T[]>({ method: 'GET', path, query: { ...query, limit: pageSize, offset }, signal });
    const page = res.body;
    if (!Array.isArray(page)) throw new MalformedResponseError(`GET ${path} did not return an array`, JSON.stringify(page) ?? '', { provider: 'joyent', requestId: res.requestId });
    yield page;
    const limit = Number(res.headers['x-query-limit']) || pageSize;
    if (page.length === 0 || page.length < limit) return;
    offset += page.length;
  }
}

/** Reads a JSON array body, failing loudly when it is not one. */
export function asArray<T>(res: HttpResponse<T[]>, what: string): T[] {
  if (!Array.isArray(res.body)) throw new MalformedResponseError(`${what} did not return an array`, JSON.stringify(res.body) ?? '', { provider: 'joyent', requestId: res.requestId });
  return res.body;
}
