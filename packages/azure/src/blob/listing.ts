import { collectPagesAhead, throwIfAborted } from '@cloudmux/core';
import { decodeXmlText } from '@cloudmux/core/xml';
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

/** A validated listing: container, `prefix`, `delimiter`, page size. */
interface BlobListing {
  client: BlobClient;
  driver: StorageDriver;
  container: string;
  prefix: string;
  delimiter: string | undefined;
  signal: AbortSignal | undefined;
  pageSize: number;
}

function blobListing(
  client: BlobClient,
  driver: StorageDriver,
  container: string,
  options: BlobListingOptions,
  pageSize: number,
): BlobListing {
  return {
    client,
    driver,
    container,
    prefix: checkPrefix(options.prefix),
    delimiter: checkDelimiter(options.delimiter),
    signal: options.signal,
    pageSize,
  };
}

/** Requests the List Blobs page at `marker`; resolves to its body. */
async function requestBlobPage(l: BlobListing, marker: string | undefined): Promise<string> {
  throwIfAborted(l.signal);
  const res = await l.client.send({
    method: 'GET',
    container: l.container,
    query: {
      restype: 'container',
      comp: 'list',
      include: 'metadata',
      maxresults: l.pageSize,
      prefix: l.prefix === '' ? undefined : l.prefix,
      delimiter: l.delimiter,
      marker,
    },
    action: 'ListBlobs',
    signal: l.signal,
  });
  return res.body;
}

/** Reads one List Blobs page. */
function parseBlobPage(l: BlobListing, text: string): BlobListingPage & { next: string | undefined } {
  const page = listBlobsPage(parseXml(text));
  return {
    objects: page.blobs.map((b) => objectFromListEntry(b, l.container, l.driver)),
    prefixes: page.prefixes.map((p) => new ObjectPrefix({ name: p, containerName: l.container }, l.driver)),
    next: page.next,
  };
}

const MARKER_OPEN = '<NextMarker>';
const MARKER_CLOSE = '</NextMarker>';

/** The `NextMarker` of a page, found without parsing it (it closes the document); `undefined` when absent or not in the plain form. */
function peekNextMarker(text: string): string | undefined {
  const s = text.lastIndexOf(MARKER_OPEN);
  const e = s < 0 ? -1 : text.indexOf(MARKER_CLOSE, s);
  if (e < 0) return undefined;
  const raw = text.slice(s + MARKER_OPEN.length, e);
  return raw === '' || raw.includes('<') ? undefined : decodeXmlText(raw);
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
  const l = blobListing(client, driver, container, options, pageSize);
  let marker: string | undefined;
  do {
    const page = parseBlobPage(l, await requestBlobPage(l, marker));
    yield page;
    marker = page.next;
  } while (marker);
}

/** Every blob of a listing in one array; each page is requested (its `NextMarker` peeked) while the one before is read. */
export function listAllBlobs(
  client: BlobClient,
  driver: StorageDriver,
  container: string,
  options: BlobListingOptions,
  pageSize: number,
): Promise<StorageObject<AzureBlobExtra>[]> {
  const l = blobListing(client, driver, container, options, pageSize);
  return collectPagesAhead({
    request: (marker) => requestBlobPage(l, marker),
    peek: peekNextMarker,
    parse: (text) => {
      const page = parseBlobPage(l, text);
      return { items: page.objects, next: page.next || undefined };
    },
  });
}
