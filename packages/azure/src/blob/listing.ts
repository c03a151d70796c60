import { throwIfAborted } from '@cloudmux/core';
import { checkDelimiter, checkPrefix, ObjectPrefix, type StorageDriver, type StorageObject } from '@cloudmux/core/storage';
import type { BlobClient } from './client.js';
import { listBlobsPage, objectFromListEntry, type AzureBlobExtra } from './to-object.js';
import { parseXml } from './xml.js';

/** One page of a blob listing. */
export interface BlobListingPage {
  objects: StorageObject<AzureBlobExtra>[];
  prefixes: ObjectPrefix[];
}

/** Where a listing reads. */
export interface BlobListingOptions {
  prefix?: string | undefined;
  delimiter?: string | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * List Blobs with `prefix`, `delimiter` and `include=metadata`, following `NextMarker` page by page
 * (`maxresults` = `pageSize`): yields each page's blobs and, with a delimiter, its `<BlobPrefix>`
 * entries. Pages, not entries, so that listing everything costs no per-entry generator step.
 */
export async function* iterateBlobPages(
  client: BlobClient,
  driver: StorageDriver,
  container: string,
  options: BlobListingOptions,
  pageSize: number,
): AsyncGenerator<BlobListingPage> {
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
    yield {
      objects: page.blobs.map((b) => objectFromListEntry(b, container, driver)),
      prefixes: page.prefixes.map((p) => new ObjectPrefix({ name: p, containerName: container }, driver)),
    };
    marker = page.next;
  } while (marker);
}
