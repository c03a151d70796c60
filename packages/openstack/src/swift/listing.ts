import { collectPagesAhead, throwIfAborted } from '@cloudmux/core';
import { MalformedResponseError } from '@cloudmux/core/errors';
import { checkDelimiter, checkPrefix, ObjectPrefix, type Container, type StorageDriver, type StorageObject } from '@cloudmux/core/storage';
import type { SwiftClient } from './client.js';
import { objectFromListing, toContainer, type SwiftContainerExtra, type SwiftListingEntry, type SwiftObjectExtra } from './to-object.js';

function entries(body: unknown, what: string): SwiftListingEntry[] {
  if (!Array.isArray(body))
    throw new MalformedResponseError(`Swift listing of ${what}: expected a JSON array`, JSON.stringify(body ?? null).slice(0, 200), {
      providerCode: 'MalformedListing',
    });
  return body as SwiftListingEntry[];
}

/** Containers of the account, every page (`format=json`, `limit`, `marker`). */
export async function* iterateSwiftContainers(
  client: SwiftClient,
  driver: StorageDriver,
  pageSize: number,
  signal: AbortSignal | undefined,
): AsyncGenerator<Container<SwiftContainerExtra>> {
  let marker: string | undefined;
  for (;;) {
    throwIfAborted(signal);
    const res = await client.send<unknown>({
      method: 'GET',
      query: { format: 'json', limit: pageSize, marker },
      responseType: 'json',
      acceptStatus: [204],
      action: 'list containers',
      signal,
    });
    const page = res.status === 204 ? [] : entries(res.body, 'the account');
    for (const c of page) {
      if (typeof c.name !== 'string') continue;
      const e = c as { count?: unknown; bytes?: unknown };
      yield toContainer(
        c.name,
        { objectCount: typeof e.count === 'number' ? e.count : undefined, bytesUsed: typeof e.bytes === 'number' ? e.bytes : undefined },
        driver,
      );
    }
    const last = page[page.length - 1]?.name;
    if (page.length < pageSize || last === undefined) return;
    marker = last;
  }
}

/** What an object listing reads. */
export interface SwiftObjectListing {
  prefix?: string | undefined;
  delimiter?: string | undefined;
  endMarker?: string | undefined;
  signal?: AbortSignal | undefined;
}

/** A validated object listing of one container. */
interface ObjectListing {
  client: SwiftClient;
  container: string;
  prefix: string;
  delimiter: string | undefined;
  endMarker: string | undefined;
  signal: AbortSignal | undefined;
  pageSize: number;
}

function objectListing(client: SwiftClient, container: string, options: SwiftObjectListing, pageSize: number): ObjectListing {
  return {
    client,
    container,
    prefix: checkPrefix(options.prefix),
    delimiter: checkDelimiter(options.delimiter),
    endMarker: options.endMarker,
    signal: options.signal,
    pageSize,
  };
}

/** The entries of the page after `marker`. */
async function requestObjectPage(l: ObjectListing, marker: string | undefined): Promise<SwiftListingEntry[]> {
  throwIfAborted(l.signal);
  const res = await l.client.send<unknown>({
    method: 'GET',
    container: l.container,
    query: {
      format: 'json',
      limit: l.pageSize,
      marker,
      prefix: l.prefix || undefined,
      delimiter: l.delimiter,
      end_marker: l.endMarker,
    },
    responseType: 'json',
    acceptStatus: [204],
    action: `list objects of ${l.container}`,
    signal: l.signal,
  });
  return res.status === 204 ? [] : entries(res.body, l.container);
}

/** The marker of the page after `page` (its last name or subdir), `undefined` when `page` is the last. */
function nextMarker(l: ObjectListing, page: readonly SwiftListingEntry[]): string | undefined {
  const lastEntry = page[page.length - 1];
  const last = lastEntry?.name ?? lastEntry?.subdir;
  return page.length < l.pageSize ? undefined : last;
}

/** One entry of a delimited object listing. */
export type SwiftEntry = { kind: 'object'; object: StorageObject<SwiftObjectExtra> } | { kind: 'prefix'; prefix: ObjectPrefix };

/** Objects (and, with a delimiter, `subdir` common prefixes) of a container in name order, every page. */
export async function* iterateSwiftObjects(
  client: SwiftClient,
  driver: StorageDriver,
  container: string,
  options: SwiftObjectListing,
  pageSize: number,
): AsyncGenerator<SwiftEntry> {
  const l = objectListing(client, container, options, pageSize);
  let marker: string | undefined;
  do {
    const page = await requestObjectPage(l, marker);
    for (const e of page) {
      if (typeof e.subdir === 'string')
        yield { kind: 'prefix', prefix: new ObjectPrefix({ name: e.subdir, containerName: container }, driver) };
      else yield { kind: 'object', object: objectFromListing(e, container, driver) };
    }
    marker = nextMarker(l, page);
  } while (marker !== undefined);
}

/**
 * Every object of a listing (not its `subdir` prefixes) in one array; each page is requested as soon
 * as the one before is decoded, while its objects are built.
 */
export function listAllSwiftObjects(
  client: SwiftClient,
  driver: StorageDriver,
  container: string,
  options: SwiftObjectListing,
  pageSize: number,
): Promise<StorageObject<SwiftObjectExtra>[]> {
  const l = objectListing(client, container, options, pageSize);
  return collectPagesAhead({
    request: (marker) => requestObjectPage(l, marker),
    peek: (page) => nextMarker(l, page),
    parse: (page) => {
      const items: StorageObject<SwiftObjectExtra>[] = [];
      for (const e of page) if (typeof e.subdir !== 'string') items.push(objectFromListing(e, container, driver));
      return { items, next: nextMarker(l, page) };
    },
  });
}
