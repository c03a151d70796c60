import { collectPagesAhead, throwIfAborted } from '@cloudmux/core';
import { MalformedResponseError } from '@cloudmux/core/errors';
import { checkDelimiter, checkPrefix, ObjectPrefix, type StorageDriver, type StorageObject } from '@cloudmux/core/storage';
import { decodeXmlText, forEachXmlRecord } from '@cloudmux/core/xml';
import { parseXml, xmlObject, xmlText, type XmlObject } from '../xml/index.js';
import type { S3Client } from './client.js';
import { CONTENTS_FIELDS, objectFromListValues, type S3ObjectExtra } from './to-object.js';

/** Elements that repeat in S3 list results. */
export const S3_LIST_ARRAYS: ReadonlySet<string> = new Set(['Contents', 'CommonPrefixes', 'Bucket', 'Upload', 'Part']);

/** `<Contents>` is read by the record scanner; the tree parse of a page jumps over it. */
const SKIP_CONTENTS: ReadonlySet<string> = new Set(['Contents']);

function all(v: XmlObject[keyof XmlObject]): XmlObject[] {
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).filter((x): x is XmlObject => typeof x === 'object');
}

/** Keys are taken verbatim (spaces and all), not trimmed like other text. */
function rawKey(v: XmlObject[keyof XmlObject]): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** What to list: validated once by {@link s3Listing}. */
export interface S3ListingQuery {
  readonly bucket: string;
  readonly prefix: string;
  readonly delimiter: string | undefined;
  readonly signal: AbortSignal | undefined;
  readonly pageSize: number;
  readonly version: 1 | 2;
}

/** One page of a listing: its objects and common prefixes, and the token of the next page (`undefined`: last page). */
export interface S3ListingPage {
  objects: StorageObject<S3ObjectExtra>[];
  prefixes: ObjectPrefix[];
  next: string | undefined;
}

/** Validates the listing options of `bucket`. */
export function s3Listing(
  bucket: string,
  options: { prefix?: string | undefined; delimiter?: string | undefined; signal?: AbortSignal | undefined },
  settings: { pageSize: number; version: 1 | 2 },
): S3ListingQuery {
  return {
    bucket,
    prefix: checkPrefix(options.prefix),
    delimiter: checkDelimiter(options.delimiter),
    signal: options.signal,
    pageSize: settings.pageSize,
    version: settings.version,
  };
}

/** Sends the request for one page of a listing (ListObjectsV2, or ListObjects with `version` 1); resolves to its body. */
async function requestS3ListingPage(client: S3Client, q: S3ListingQuery, token: string | undefined): Promise<string> {
  throwIfAborted(q.signal);
  const query =
    q.version === 2
      ? { 'list-type': '2', prefix: q.prefix || undefined, delimiter: q.delimiter, 'max-keys': q.pageSize, 'continuation-token': token }
      : { prefix: q.prefix || undefined, delimiter: q.delimiter, 'max-keys': q.pageSize, marker: token };
  const res = await client.send({
    method: 'GET',
    bucket: q.bucket,
    query,
    action: q.version === 2 ? 'ListObjectsV2' : 'ListObjects',
    signal: q.signal,
  });
  return res.body;
}

/**
 * Reads one page of ListObjectsV2 (`continuation-token`) or, with `version` 1, ListObjects (`marker`:
 * the next token is `NextMarker`, or the last key/prefix of a truncated page). The `<Contents>` records
 * are read straight into objects by core's record scanner (no intermediate tree): listings are the hot path.
 */
function parseS3ListingPage(text: string, driver: StorageDriver, q: S3ListingQuery): S3ListingPage {
  const objects: StorageObject<S3ObjectExtra>[] = [];
  const span = forEachXmlRecord(text, 'Contents', CONTENTS_FIELDS, (v) => objects.push(objectFromListValues(v, q.bucket, driver)));
  // The rest of the page (paging fields, common prefixes), without the records when they form one run.
  const rest = span === undefined ? text : text.slice(0, span[0]) + text.slice(span[1]);
  const root = xmlObject(parseXml(rest, S3_LIST_ARRAYS, SKIP_CONTENTS).ListBucketResult) ?? {};
  const prefixNames = all(root.CommonPrefixes)
    .map((p) => rawKey(p.Prefix))
    .filter((p): p is string => p !== undefined);
  const prefixes = prefixNames.map((p) => new ObjectPrefix({ name: p, containerName: q.bucket }, driver));
  let next: string | undefined;
  if (xmlText(root.IsTruncated) === 'true') {
    if (q.version === 2) next = xmlText(root.NextContinuationToken);
    else {
      const lastKey = objects.length > 0 ? objects[objects.length - 1]!.name : undefined;
      const last = [lastKey, prefixNames[prefixNames.length - 1]]
        .filter((x): x is string => x !== undefined)
        .sort()
        .pop();
      next = rawKey(root.NextMarker) || last;
    }
  }
  return { objects, prefixes, next: next || undefined };
}

const TRUNCATED = '<IsTruncated>true</IsTruncated>';
const TOKEN_OPEN = '<NextContinuationToken>';
const TOKEN_CLOSE = '</NextContinuationToken>';

/**
 * The next ListObjectsV2 token of a page, found without parsing it (`undefined` when the page is the
 * last, is V1, or is not in the plain form): lets the next request go out while this page is read.
 * The parsed page stays authoritative.
 */
function peekNextToken(text: string, q: S3ListingQuery): string | undefined {
  if (q.version !== 2 || !text.includes(TRUNCATED)) return undefined;
  const s = text.indexOf(TOKEN_OPEN);
  const e = s < 0 ? -1 : text.indexOf(TOKEN_CLOSE, s);
  if (e < 0) return undefined;
  const raw = text.slice(s + TOKEN_OPEN.length, e);
  return raw.includes('<') ? undefined : xmlText(decodeXmlText(raw));
}

/** One page of a listing: requested, then read. */
export async function fetchS3ListingPage(
  client: S3Client,
  driver: StorageDriver,
  q: S3ListingQuery,
  token: string | undefined,
): Promise<S3ListingPage> {
  return parseS3ListingPage(await requestS3ListingPage(client, q, token), driver, q);
}

/** Every page of a listing, lazily (the next page is requested only when asked for). */
export async function* iterateS3Pages(client: S3Client, driver: StorageDriver, q: S3ListingQuery): AsyncGenerator<S3ListingPage> {
  let token: string | undefined;
  do {
    const page = await fetchS3ListingPage(client, driver, q, token);
    yield page;
    token = page.next;
  } while (token !== undefined);
}

/**
 * Every object of a listing, all pages collected straight into one array (no per-key iterator hops).
 * The next page is requested as soon as its token is seen, while the current page is read.
 */
export function listAllS3Objects(client: S3Client, driver: StorageDriver, q: S3ListingQuery): Promise<StorageObject<S3ObjectExtra>[]> {
  return collectPagesAhead({
    request: (token) => requestS3ListingPage(client, q, token),
    peek: (text) => peekNextToken(text, q),
    parse: (text) => {
      const page = parseS3ListingPage(text, driver, q);
      return { items: page.objects, next: page.next };
    },
  });
}

/** One bucket of a ListBuckets page. */
export interface S3ListedBucket {
  name: string;
  creationDate: Date | undefined;
  /** `<BucketRegion>` (Amazon S3 sends it on paged requests; other servers may not). */
  region: string | undefined;
}

/** One ListBuckets page: its buckets and the `<ContinuationToken>` of the next (`undefined`: last page). */
export interface S3BucketPage {
  buckets: S3ListedBucket[];
  next: string | undefined;
}

/** Reads a ListBuckets answer (`<ListAllMyBucketsResult>`), paged or not. */
export function listBucketsResult(text: string): S3BucketPage {
  const root = xmlObject(parseXml(text, S3_LIST_ARRAYS).ListAllMyBucketsResult);
  const buckets = all(xmlObject(root?.Buckets)?.Bucket).map((b) => {
    const d = xmlText(b.CreationDate);
    return { name: xmlText(b.Name) ?? '', creationDate: d ? new Date(d) : undefined, region: xmlText(b.BucketRegion) || undefined };
  });
  return { buckets, next: xmlText(root?.ContinuationToken) || undefined };
}

/** What {@link iterateS3Buckets} lists. */
export interface S3BucketListing {
  /** `max-buckets` of every request (1 to 10,000). */
  readonly pageSize: number;
  /** `prefix`: only bucket names starting with it. */
  readonly prefix?: string | undefined;
  /** Checked before every page and passed to every request. */
  readonly signal?: AbortSignal | undefined;
  /** Provider id, for errors. */
  readonly provider: string;
}

/**
 * Every bucket of ListBuckets, page by page (`max-buckets`, then `continuation-token` until a page
 * has none). Lazy: the next page is requested only when the consumer asks past the current one.
 * A server that does not page ignores the query and answers everything at once, with no token. A
 * token seen before (a server bug) is a `MalformedResponseError`, never an endless loop.
 */
export async function* iterateS3Buckets(client: S3Client, q: S3BucketListing): AsyncGenerator<S3ListedBucket> {
  const seen = new Set<string>();
  let token: string | undefined;
  do {
    throwIfAborted(q.signal);
    const res = await client.send({
      method: 'GET',
      query: { 'max-buckets': q.pageSize, prefix: q.prefix || undefined, 'continuation-token': token },
      action: 'ListBuckets',
      signal: q.signal,
    });
    const page = listBucketsResult(res.body);
    if (page.next !== undefined) {
      if (seen.has(page.next))
        throw new MalformedResponseError(
          `${q.provider}: ListBuckets returned continuation token ${JSON.stringify(page.next)} again (the listing would never end)`,
          res.body,
          { provider: q.provider, status: res.status, method: 'GET', requestId: res.requestId },
        );
      seen.add(page.next);
    }
    yield* page.buckets;
    token = page.next;
  } while (token !== undefined);
}
