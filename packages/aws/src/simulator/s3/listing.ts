import type { SimulatorReply } from '@cloudmux/core/testing';
import { esc, fail, S3_XMLNS, xmlReply } from './replies.js';
import type { S3State, SimBucket } from './state.js';

interface Entry {
  kind: 'object' | 'prefix';
  name: string;
}

function maxKeys(v: string | null, cap: number): number {
  if (v === null) return cap;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) fail(400, 'InvalidArgument', 'Provided max-keys not an integer or within integer range');
  return Math.min(n, cap);
}

/** One page of entries after `after`, rolled up by `delimiter`. */
function page(
  state: S3State,
  b: SimBucket,
  prefix: string,
  delimiter: string,
  after: string,
  max: number,
): { entries: Entry[]; truncated: boolean } {
  const entries: Entry[] = [];
  let truncated = false;
  for (const key of state.sortedKeys(b)) {
    if (!key.startsWith(prefix) || key <= after) continue;
    const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
    const name = cut < 0 ? key : key.slice(0, cut + delimiter.length);
    if (cut >= 0 && (name <= after || entries.at(-1)?.name === name)) continue;
    if (entries.length >= max) {
      truncated = true;
      break;
    }
    entries.push({ kind: cut < 0 ? 'object' : 'prefix', name });
  }
  return { entries, truncated };
}

function entriesXml(b: SimBucket, entries: Entry[]): string {
  let xml = '';
  for (const e of entries) {
    if (e.kind === 'prefix') continue;
    const o = b.objects.get(e.name)!;
    xml +=
      `<Contents><Key>${esc(e.name)}</Key><LastModified>${o.lastModified.toISOString()}</LastModified>` +
      `<ETag>${esc(o.etag)}</ETag><Size>${o.data.length}</Size><StorageClass>${o.storageClass}</StorageClass></Contents>`;
  }
  for (const e of entries) if (e.kind === 'prefix') xml += `<CommonPrefixes><Prefix>${esc(e.name)}</Prefix></CommonPrefixes>`;
  return xml;
}

/** Where a page ended: the last entry's name (a common prefix makes `page` skip every key under it). */
function resumeAfter(entries: Entry[]): string {
  return entries.at(-1)?.name ?? '';
}

/** ListObjectsV2: `continuation-token` (opaque base64url), `start-after`, `KeyCount`. */
export function listV2(state: S3State, b: SimBucket, q: URLSearchParams, cap: number): SimulatorReply {
  const prefix = q.get('prefix') ?? '';
  const delimiter = q.get('delimiter') ?? '';
  const max = maxKeys(q.get('max-keys'), cap);
  const token = q.get('continuation-token');
  let after = q.get('start-after') ?? '';
  if (token !== null) {
    after = Buffer.from(token, 'base64url').toString('utf8');
    if (!after.startsWith('cmx:')) fail(400, 'InvalidArgument', 'The continuation token provided is incorrect');
    after = after.slice(4);
  }
  const { entries, truncated } = page(state, b, prefix, delimiter, after, max);
  const next = truncated ? Buffer.from(`cmx:${resumeAfter(entries)}`).toString('base64url') : undefined;
  return xmlReply(
    `<ListBucketResult ${S3_XMLNS}><Name>${esc(b.name)}</Name><Prefix>${esc(prefix)}</Prefix>` +
      (delimiter ? `<Delimiter>${esc(delimiter)}</Delimiter>` : '') +
      `<MaxKeys>${max}</MaxKeys><KeyCount>${entries.length}</KeyCount><IsTruncated>${truncated}</IsTruncated>` +
      (token !== null ? `<ContinuationToken>${esc(token)}</ContinuationToken>` : '') +
      (next ? `<NextContinuationToken>${next}</NextContinuationToken>` : '') +
      entriesXml(b, entries) +
      `</ListBucketResult>`,
  );
}

/** ListObjects (V1): `marker`; `NextMarker` only with a delimiter, as S3 does. */
export function listV1(state: S3State, b: SimBucket, q: URLSearchParams, cap: number): SimulatorReply {
  const prefix = q.get('prefix') ?? '';
  const delimiter = q.get('delimiter') ?? '';
  const max = maxKeys(q.get('max-keys'), cap);
  const marker = q.get('marker') ?? '';
  const { entries, truncated } = page(state, b, prefix, delimiter, marker, max);
  const nextMarker = truncated && delimiter ? entries.at(-1)?.name : undefined;
  return xmlReply(
    `<ListBucketResult ${S3_XMLNS}><Name>${esc(b.name)}</Name><Prefix>${esc(prefix)}</Prefix><Marker>${esc(marker)}</Marker>` +
      (nextMarker ? `<NextMarker>${esc(nextMarker)}</NextMarker>` : '') +
      (delimiter ? `<Delimiter>${esc(delimiter)}</Delimiter>` : '') +
      `<MaxKeys>${max}</MaxKeys><IsTruncated>${truncated}</IsTruncated>` +
      entriesXml(b, entries) +
      `</ListBucketResult>`,
  );
}

/** Largest `max-buckets`, and the page size of a paged request without one (10,000, as S3). */
const MAX_BUCKETS = 10_000;
/** Marks the simulator's ListBuckets tokens (object listing tokens are not accepted here). */
const BUCKET_TOKEN = 'cmx-buckets:';

function maxBuckets(v: string | null): number {
  if (v === null) return MAX_BUCKETS;
  if (!/^-?\d+$/.test(v) || !Number.isSafeInteger(Number(v)))
    fail(400, 'InvalidArgument', 'Provided max-buckets not an integer or within integer range', {
      ArgumentName: 'max-buckets',
      ArgumentValue: v,
    });
  const n = Number(v);
  if (n < 1 || n > MAX_BUCKETS)
    fail(400, 'InvalidArgument', `Argument max-buckets must be an integer between 1 and ${MAX_BUCKETS}`, {
      ArgumentName: 'max-buckets',
      ArgumentValue: v,
    });
  return n;
}

/**
 * ListBuckets. Without any of `max-buckets`, `continuation-token`, `prefix`, `bucket-region` it answers
 * every bucket, unpaged and without `<BucketRegion>` (as S3 does); with any of them, a page of
 * `max-buckets` (default 10,000) buckets in name order with their `<BucketRegion>`, and a
 * `<ContinuationToken>` (opaque base64url) when more follow. A token it did not issue is 400 `InvalidArgument`.
 */
export function listBuckets(state: S3State, owner: string, q: URLSearchParams): SimulatorReply {
  const paged = ['max-buckets', 'continuation-token', 'prefix', 'bucket-region'].some((p) => q.has(p));
  const max = maxBuckets(q.get('max-buckets'));
  const prefix = q.get('prefix') ?? '';
  const region = q.get('bucket-region');
  const token = q.get('continuation-token');
  let after = '';
  if (token !== null) {
    const decoded = Buffer.from(token, 'base64url').toString('utf8');
    if (!decoded.startsWith(BUCKET_TOKEN) || Buffer.from(decoded).toString('base64url') !== token)
      fail(400, 'InvalidArgument', 'The continuation token provided is incorrect', {
        ArgumentName: 'continuation-token',
        ArgumentValue: token,
      });
    after = decoded.slice(BUCKET_TOKEN.length);
  }
  const matching = [...state.buckets.values()]
    .filter((b) => b.name.startsWith(prefix) && b.name > after && (region === null || b.region === region))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const buckets = paged ? matching.slice(0, max) : matching;
  const last = buckets.at(-1);
  const next = paged && matching.length > buckets.length && last ? Buffer.from(BUCKET_TOKEN + last.name).toString('base64url') : undefined;
  const bucketXml = (b: SimBucket): string =>
    `<Bucket><Name>${esc(b.name)}</Name><CreationDate>${b.created.toISOString()}</CreationDate>` +
    (paged ? `<BucketRegion>${esc(b.region)}</BucketRegion>` : '') +
    `</Bucket>`;
  return xmlReply(
    `<ListAllMyBucketsResult ${S3_XMLNS}><Owner><ID>${esc(owner)}</ID><DisplayName>${esc(owner)}</DisplayName></Owner>` +
      `<Buckets>${buckets.map(bucketXml).join('')}</Buckets>` +
      (next !== undefined ? `<ContinuationToken>${next}</ContinuationToken>` : '') +
      (q.has('prefix') ? `<Prefix>${esc(prefix)}</Prefix>` : '') +
      `</ListAllMyBucketsResult>`,
  );
}
