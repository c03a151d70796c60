import { throwIfAborted } from '@cloudmux/core';
import { checkDelimiter, checkPrefix, ObjectPrefix, type StorageDriver, type StorageObject } from '@cloudmux/core/storage';
import { parseXml, xmlObject, xmlText, type XmlObject } from '../xml/index.js';
import type { S3Client } from './client.js';
import { objectFromListEntry, type S3ObjectExtra } from './to-object.js';

/** One entry of an S3 listing. */
export type S3ListingEntry = { kind: 'object'; object: StorageObject<S3ObjectExtra> } | { kind: 'prefix'; prefix: ObjectPrefix };

/** Elements that repeat in S3 list results. */
export const S3_LIST_ARRAYS: ReadonlySet<string> = new Set(['Contents', 'CommonPrefixes', 'Bucket', 'Upload', 'Part']);

function all(v: XmlObject[keyof XmlObject]): XmlObject[] {
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).filter((x): x is XmlObject => typeof x === 'object');
}

/** Keys are taken verbatim (spaces and all), not trimmed like other text. */
function rawKey(v: XmlObject[keyof XmlObject]): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/**
 * ListObjectsV2 (`continuation-token`) or, with `version` 1, ListObjects (`marker`: `NextMarker`, or
 * the last key/prefix of a truncated page), with `prefix` and `delimiter`: yields `<Contents>` and
 * `<CommonPrefixes>` of every page, lazily.
 */
export async function* iterateS3Listing(
  client: S3Client,
  driver: StorageDriver,
  bucket: string,
  options: { prefix?: string | undefined; delimiter?: string | undefined; signal?: AbortSignal | undefined },
  settings: { pageSize: number; version: 1 | 2 },
): AsyncGenerator<S3ListingEntry> {
  const prefix = checkPrefix(options.prefix);
  const delimiter = checkDelimiter(options.delimiter);
  let token: string | undefined;
  for (;;) {
    throwIfAborted(options.signal);
    const query =
      settings.version === 2
        ? { 'list-type': '2', prefix: prefix || undefined, delimiter, 'max-keys': settings.pageSize, 'continuation-token': token }
        : { prefix: prefix || undefined, delimiter, 'max-keys': settings.pageSize, marker: token };
    const res = await client.send({
      method: 'GET',
      bucket,
      query,
      action: settings.version === 2 ? 'ListObjectsV2' : 'ListObjects',
      signal: options.signal,
    });
    const root = xmlObject(parseXml(res.body, S3_LIST_ARRAYS).ListBucketResult) ?? {};
    const contents = all(root.Contents);
    const prefixes = all(root.CommonPrefixes)
      .map((p) => rawKey(p.Prefix))
      .filter((p): p is string => p !== undefined);
    for (const c of contents) yield { kind: 'object', object: objectFromListEntry(c, bucket, driver) };
    for (const p of prefixes) yield { kind: 'prefix', prefix: new ObjectPrefix({ name: p, containerName: bucket }, driver) };
    if (xmlText(root.IsTruncated) !== 'true') return;
    if (settings.version === 2) token = xmlText(root.NextContinuationToken);
    else {
      const lastKey = contents.length > 0 ? rawKey(contents[contents.length - 1]!.Key) : undefined;
      const last = [lastKey, prefixes[prefixes.length - 1]]
        .filter((x): x is string => x !== undefined)
        .sort()
        .pop();
      token = rawKey(root.NextMarker) || last;
    }
    if (!token) return;
  }
}

/** Bucket names and creation dates from ListBuckets. */
export function listBucketsResult(text: string): { name: string; creationDate: Date | undefined }[] {
  const root = xmlObject(parseXml(text, S3_LIST_ARRAYS).ListAllMyBucketsResult);
  const buckets = xmlObject(root?.Buckets);
  return all(buckets?.Bucket).map((b) => {
    const d = xmlText(b.CreationDate);
    return { name: xmlText(b.Name) ?? '', creationDate: d ? new Date(d) : undefined };
  });
}
