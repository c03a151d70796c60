import { createHash } from 'node:crypto';
import type { SimulatorReply, SimulatorRequest } from '@cloudmux/core/testing';
import { baseHeaders, emptyReply, errorReply, esc, fail, S3_XMLNS, xmlReply } from './replies.js';
import { md5Etag, type S3State, type SimBucket, type SimObject } from './state.js';
import { checksumHeaders, checkUploadChecksum } from './checksums.js';

function h(req: SimulatorRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/** Content type, `x-amz-meta-*`, SSE and storage class from request headers. */
export function objectTemplate(req: SimulatorRequest): Omit<SimObject, 'data' | 'etag' | 'lastModified'> {
  const meta: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (k.startsWith('x-amz-meta-') && v !== undefined) meta[k.slice(11)] = Array.isArray(v) ? v.join(',') : v;
  return {
    contentType: h(req, 'content-type') ?? 'binary/octet-stream',
    meta,
    storageClass: h(req, 'x-amz-storage-class') ?? 'STANDARD',
    sse: h(req, 'x-amz-server-side-encryption'),
  };
}

/** Checks `Content-MD5` against the body (`BadDigest`/`InvalidDigest`). */
export function checkContentMd5(req: SimulatorRequest): void {
  const md5 = h(req, 'content-md5');
  if (md5 === undefined) return;
  if (Buffer.from(md5, 'base64').length !== 16) fail(400, 'InvalidDigest', 'The Content-MD5 you specified was invalid.');
  if (createHash('md5').update(req.body).digest('base64') !== md5)
    fail(400, 'BadDigest', 'The Content-MD5 you specified did not match what we received.');
}

function objectHeaders(o: SimObject): Record<string, string> {
  const out: Record<string, string> = {
    etag: o.etag,
    'last-modified': o.lastModified.toUTCString(),
    'content-type': o.contentType,
    'accept-ranges': 'bytes',
  };
  for (const [k, v] of Object.entries(o.meta)) out[`x-amz-meta-${k}`] = v;
  if (o.storageClass !== 'STANDARD') out['x-amz-storage-class'] = o.storageClass;
  if (o.sse) out['x-amz-server-side-encryption'] = o.sse;
  return out;
}

/** PutObject (Content-MD5 and `x-amz-checksum-crc32` verified; an aws-chunked body was refused by auth). */
export function putObject(b: SimBucket, key: string, req: SimulatorRequest): SimulatorReply {
  checkContentMd5(req);
  const crc = checkUploadChecksum(req);
  const o: SimObject = {
    ...objectTemplate(req),
    data: req.body,
    etag: md5Etag(req.body),
    lastModified: new Date(),
    checksum: crc === undefined ? undefined : { algorithm: 'CRC32', value: crc, type: 'FULL_OBJECT' },
  };
  b.objects.set(key, o);
  return emptyReply(200, { etag: o.etag, ...(o.sse ? { 'x-amz-server-side-encryption': o.sse } : {}), ...checksumHeaders(o.checksum) });
}

/**
 * GetObject / HeadObject with `Range` (206, `Content-Range`; 416 `InvalidRange`). With
 * `x-amz-checksum-mode: ENABLED`, whole reads also carry the stored additional checksum.
 */
export function getObject(b: SimBucket, key: string, req: SimulatorRequest): SimulatorReply {
  const head = req.method === 'HEAD';
  const o = b.objects.get(key);
  if (!o) return errorReply(404, 'NoSuchKey', 'The specified key does not exist.', { Key: key }, head);
  const range = h(req, 'range');
  const size = o.data.length;
  if (range === undefined || head) {
    const checksum = h(req, 'x-amz-checksum-mode') === 'ENABLED' ? checksumHeaders(o.checksum) : {};
    return {
      status: 200,
      headers: { ...baseHeaders(), ...objectHeaders(o), ...checksum, 'content-length': String(size) },
      body: head ? '' : o.data,
    };
  }
  const m = /^bytes=(\d*)-(\d*)$/.exec(range);
  if (!m || (m[1] === '' && m[2] === '')) return { status: 200, headers: { ...baseHeaders(), ...objectHeaders(o) }, body: o.data };
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || end < start)
    return errorReply(416, 'InvalidRange', 'The requested range is not satisfiable', {
      RangeRequested: range,
      ActualObjectSize: String(size),
    });
  return {
    status: 206,
    headers: { ...baseHeaders(), ...objectHeaders(o), 'content-range': `bytes ${start}-${end}/${size}` },
    body: o.data.subarray(start, end + 1),
  };
}

/** CopyObject (`x-amz-copy-source`, `x-amz-metadata-directive` COPY or REPLACE). */
export function copyObject(state: S3State, b: SimBucket, key: string, req: SimulatorRequest): SimulatorReply {
  const source = decodeURIComponent(h(req, 'x-amz-copy-source') ?? '').replace(/^\//, '');
  const slash = source.indexOf('/');
  const srcBucket = state.buckets.get(source.slice(0, slash));
  if (slash <= 0 || !srcBucket)
    fail(404, 'NoSuchBucket', 'The specified bucket does not exist.', { BucketName: source.slice(0, Math.max(0, slash)) });
  const src = srcBucket.objects.get(source.slice(slash + 1));
  if (!src) fail(404, 'NoSuchKey', 'The specified key does not exist.', { Key: source.slice(slash + 1) });
  const directive = h(req, 'x-amz-metadata-directive') ?? 'COPY';
  if (directive !== 'COPY' && directive !== 'REPLACE') fail(400, 'InvalidArgument', 'Unknown metadata directive.');
  if (srcBucket === b && source.slice(slash + 1) === key && directive === 'COPY')
    fail(
      400,
      'InvalidRequest',
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
    );
  const template =
    directive === 'REPLACE'
      ? objectTemplate(req)
      : { contentType: src.contentType, meta: { ...src.meta }, storageClass: src.storageClass, sse: src.sse };
  const o: SimObject = { ...template, data: src.data, etag: src.etag, lastModified: new Date(), checksum: src.checksum };
  b.objects.set(key, o);
  return xmlReply(
    `<CopyObjectResult ${S3_XMLNS}><LastModified>${o.lastModified.toISOString()}</LastModified><ETag>${esc(o.etag)}</ETag></CopyObjectResult>`,
  );
}
