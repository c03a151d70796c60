import { throwIfAborted } from '@cloudmux/core';
import { checkDelimiter, checkPrefix, ObjectPrefix, type StorageDriver, type StorageObject } from '@cloudmux/core/storage';
import type { BlobClient } from './client.js';
import { listBlobsPage, objectFromListEntry, type AzureBlobExtra } from './to-object.js';
import { parseXml } from './xml.js';

/** One entry of a blob listing. */
export type BlobListingEntry = { kind: 'object'; object: StorageObject<AzureBlobExtra> } | { kind: 'prefix'; prefix: ObjectPrefix };

/**
 * List Blobs with `prefix`, `delimiter` and `include=metadata`, following `NextMarker` page by page
 * (`maxresults` = `pageSize`): yields blobs and, with a delimiter, `<BlobPrefix>` entries, lazily.
 */
export async function* iterateBlobListing(
  client: BlobClient,
  driver: StorageDriver,
  container: string,
  options: { prefix?: string | undefined; delimiter?: string | undefined; signal?: AbortSignal | undefined },
  pageSize: number,
): AsyncGenerator<BlobListingEntry> {
  const prefix = checkPrefix(options.prefix);
  const delimiter = checkDelimiter(options.delimiter);
  let marker: string | undefined;
  do {
    throwIfAborted(options.signal);
    const res = await client.send({
      method: 'GET',
      container,
      query: {
        restype: 'container',
        comp: 'list',
        include: 'metadata',
        maxresults: pageSize,
        prefix: prefix === '' ? undefined : prefix,
        delimiter,
        marker,
      },
      action: 'ListBlobs',
      signal: options.signal,
    });
    const page = listBlobsPage(parseXml(res.body));
    for (const b of page.blobs) yield { kind: 'object', object: objectFromListEntry(b, container, driver) };
    for (const p of page.prefixes) yield { kind: 'prefix', prefix: new ObjectPrefix({ name: p, containerName: container }, driver) };
    marker = page.next;
  } while (marker);
}
