import { createHash, randomBytes } from 'node:crypto';
import { joinedOnFirstRead, type SimulatorReply, type SimulatorRequest } from '@cloudmux/core/testing';
import { emptyReply, esc, fail, S3_XMLNS, xmlReply } from './replies.js';
import { checkContentMd5, objectTemplate } from './objects.js';
import { md5Etag, type SimBucket, type SimUpload } from './state.js';
import { checkUploadChecksum, crc32Base64, multipartChecksum, type SimChecksum } from './checksums.js';

function upload(b: SimBucket, q: URLSearchParams, key: string): SimUpload {
  const u = b.uploads.get(q.get('uploadId') ?? '');
  if (!u || u.key !== key)
    fail(
      404,
      'NoSuchUpload',
      'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
      {
        UploadId: q.get('uploadId') ?? '',
      },
    );
  return u;
}

/** CreateMultipartUpload. */
export function createUpload(b: SimBucket, key: string, req: SimulatorRequest): SimulatorReply {
  const id = randomBytes(24).toString('base64url');
  const checksum = multipartChecksum(req);
  b.uploads.set(id, { id, key, initiated: new Date(), template: objectTemplate(req), checksum, parts: new Map() });
  return xmlReply(
    `<InitiateMultipartUploadResult ${S3_XMLNS}><Bucket>${esc(b.name)}</Bucket><Key>${esc(key)}</Key><UploadId>${id}</UploadId></InitiateMultipartUploadResult>`,
    200,
    checksum === undefined ? {} : { 'x-amz-checksum-algorithm': checksum.algorithm, 'x-amz-checksum-type': checksum.type },
  );
}

/** UploadPart (1-10000; Content-MD5 and `x-amz-checksum-crc32` verified; the upload's checksum required). */
export function uploadPart(b: SimBucket, key: string, req: SimulatorRequest): SimulatorReply {
  const q = req.url.searchParams;
  const u = upload(b, q, key);
  const n = Number(q.get('partNumber'));
  if (!Number.isInteger(n) || n < 1 || n > 10000)
    fail(400, 'InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive');
  checkContentMd5(req);
  const crc = checkUploadChecksum(req);
  if (u.checksum !== undefined && crc === undefined)
    fail(
      400,
      'InvalidRequest',
      `Checksum Type mismatch occurred, expected checksum Type: ${u.checksum.algorithm.toLowerCase()}, actual checksum Type: null`,
    );
  const etag = md5Etag(req.body);
  u.parts.set(n, { data: req.body, etag, crc });
  return emptyReply(200, { etag, ...(crc === undefined ? {} : { 'x-amz-checksum-crc32': crc }) });
}

/** The `<Part>` entries of a CompleteMultipartUpload body (fields in any order). */
function listedParts(body: string): { n: number; etag: string; crc: string | undefined }[] {
  return [...body.matchAll(/<Part>([\s\S]*?)<\/Part>/g)].map((m) => {
    const field = (name: string): string | undefined => new RegExp(`<${name}>([^<]*)</${name}>`).exec(m[1]!)?.[1]?.trim();
    return { n: Number(field('PartNumber') ?? NaN), etag: (field('ETag') ?? '').replace(/&quot;/g, '"'), crc: field('ChecksumCRC32') };
  });
}

/** CompleteMultipartUpload: parts listed in ascending order with matching ETags; all but the last at least `minPartSize`. */
export function completeUpload(b: SimBucket, key: string, req: SimulatorRequest, minPartSize: number): SimulatorReply {
  const u = upload(b, req.url.searchParams, key);
  const listed = listedParts(req.body.toString('utf8'));
  if (listed.length === 0 || listed.some((p) => !Number.isInteger(p.n)))
    fail(400, 'MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema.');
  const datas: Buffer[] = [];
  const md5s: Buffer[] = [];
  for (const [i, p] of listed.entries()) {
    if (i > 0 && p.n <= listed[i - 1]!.n)
      fail(400, 'InvalidPartOrder', 'The list of parts was not in ascending order. Parts must be ordered by part number.');
    const part = u.parts.get(p.n);
    if (!part || part.etag.replace(/"/g, '') !== p.etag.replace(/"/g, ''))
      fail(
        400,
        'InvalidPart',
        "One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
      );
    if (u.checksum !== undefined && p.crc === undefined)
      fail(
        400,
        'InvalidRequest',
        `The upload was created using a ${u.checksum.algorithm.toLowerCase()} checksum. The complete request must include the checksum for each part. It was missing for part ${p.n} in the request.`,
      );
    if (p.crc !== undefined && p.crc !== part.crc)
      fail(
        400,
        'InvalidPart',
        "One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
      );
    if (i < listed.length - 1 && part.data.length < minPartSize)
      fail(400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.');
    datas.push(part.data);
    // A part's ETag is the MD5 of its bytes, taken when it was uploaded.
    md5s.push(Buffer.from(part.etag.replace(/"/g, ''), 'hex'));
  }
  const etag = `"${createHash('md5').update(Buffer.concat(md5s)).digest('hex')}-${listed.length}"`;
  const checksum = completedChecksum(u, listed, datas, req);
  // Parts are joined when the object is first read (an upload deleted unread is never copied).
  b.objects.set(key, joinedOnFirstRead({ ...u.template, data: datas[0]!, etag, lastModified: new Date(), checksum }, datas));
  b.uploads.delete(u.id);
  return xmlReply(
    `<CompleteMultipartUploadResult ${S3_XMLNS}><Location>/${esc(b.name)}/${esc(key)}</Location><Bucket>${esc(b.name)}</Bucket><Key>${esc(key)}</Key><ETag>${esc(etag)}</ETag>` +
      (checksum === undefined ? '' : `<ChecksumCRC32>${checksum.value}</ChecksumCRC32><ChecksumType>${checksum.type}</ChecksumType>`) +
      `</CompleteMultipartUploadResult>`,
  );
}

/**
 * The object checksum of a completed upload: FULL_OBJECT is the CRC-32 of all the bytes (checked
 * against an `x-amz-checksum-crc32` header: `BadDigest`), COMPOSITE the CRC-32 of the parts' CRC-32s
 * with `-<parts>`.
 */
function completedChecksum(
  u: SimUpload,
  listed: readonly { crc: string | undefined }[],
  data: readonly Buffer[],
  req: SimulatorRequest,
): SimChecksum | undefined {
  if (u.checksum === undefined) return undefined;
  if (u.checksum.type === 'COMPOSITE') {
    const raw = Buffer.concat(listed.map((p) => Buffer.from(p.crc ?? '', 'base64')));
    return { algorithm: 'CRC32', value: `${crc32Base64(raw)}-${listed.length}`, type: 'COMPOSITE' };
  }
  const value = crc32Base64(data);
  const given = req.headers['x-amz-checksum-crc32'];
  if (given !== undefined && given !== value) fail(400, 'BadDigest', 'The CRC32 you specified did not match the calculated checksum.');
  return { algorithm: 'CRC32', value, type: 'FULL_OBJECT' };
}

/** AbortMultipartUpload. */
export function abortUpload(b: SimBucket, key: string, req: SimulatorRequest): SimulatorReply {
  const u = upload(b, req.url.searchParams, key);
  b.uploads.delete(u.id);
  return emptyReply(204);
}

/** ListMultipartUploads. */
export function listUploads(b: SimBucket): SimulatorReply {
  const uploads = [...b.uploads.values()].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  return xmlReply(
    `<ListMultipartUploadsResult ${S3_XMLNS}><Bucket>${esc(b.name)}</Bucket><IsTruncated>false</IsTruncated>` +
      uploads
        .map(
          (u) =>
            `<Upload><Key>${esc(u.key)}</Key><UploadId>${u.id}</UploadId><Initiated>${u.initiated.toISOString()}</Initiated><StorageClass>${u.template.storageClass}</StorageClass></Upload>`,
        )
        .join('') +
      `</ListMultipartUploadsResult>`,
  );
}
