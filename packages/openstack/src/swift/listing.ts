import { throwIfAborted } from '@cloudmux/core';
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

/** One entry of a delimited object listing. */
export type SwiftEntry = { kind: 'object'; object: StorageObject<SwiftObjectExtra> } | { kind: 'prefix'; prefix: ObjectPrefix };

/** Objects (and, with a delimiter, `subdir` common prefixes) of a container in name order, every page. */
export async function* iterateSwiftObjects(
  client: SwiftClient,
  driver: StorageDriver,
  container: string,
  options: {
    prefix?: string | undefined;
    delimiter?: string | undefined;
    endMarker?: string | undefined;
    signal?: AbortSignal | undefined;
  },
  pageSize: number,
): AsyncGenerator<SwiftEntry> {
  const prefix = checkPrefix(options.prefix);
  const delimiter = checkDelimiter(options.delimiter);
  let marker: string | undefined;
  for (;;) {
    throwIfAborted(options.signal);
    const res = await client.send<unknown>({
      method: 'GET',
      container,
      query: {
        format: 'json',
        limit: pageSize,
        marker,
        prefix: prefix || undefined,
        delimiter,
        end_marker: options.endMarker,
      },
      responseType: 'json',
      acceptStatus: [204],
      action: `list objects of ${container}`,
      signal: options.signal,
    });
    const page = res.status === 204 ? [] : entries(res.body, container);
    for (const e of page) {
      if (typeof e.subdir === 'string')
        yield { kind: 'prefix', prefix: new ObjectPrefix({ name: e.subdir, containerName: container }, driver) };
      else yield { kind: 'object', object: objectFromListing(e, container, driver) };
    }
    const lastEntry = page[page.length - 1];
    const last = lastEntry?.name ?? lastEntry?.subdir;
    if (page.length < pageSize || last === undefined) return;
    marker = last;
  }
}
