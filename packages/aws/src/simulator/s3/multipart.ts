import { createHash, randomBytes } from 'node:crypto';
import type { SimulatorReply, SimulatorRequest } from '@cloudmux/core/testing';
import { emptyReply, esc, fail, S3_XMLNS, xmlReply } from './replies.js';
import { checkContentMd5, objectTemplate } from './objects.js';
import { md5Etag, type SimBucket, type SimUpload } from './state.js';

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
  b.uploads.set(id, { id, key, initiated: new Date(), template: objectTemplate(req), parts: new Map() });
  return xmlReply(
    `<InitiateMultipartUploadResult ${S3_XMLNS}><Bucket>${esc(b.name)}</Bucket><Key>${esc(key)}</Key><UploadId>${id}</UploadId></InitiateMultipartUploadResult>`,
  );
}

/** UploadPart (1-10000; Content-MD5 verified). */
export function uploadPart(b: SimBucket, key: string, req: SimulatorRequest): SimulatorReply {
  const q = req.url.searchParams;
  const u = upload(b, q, key);
  const n = Number(q.get('partNumber'));
  if (!Number.isInteger(n) || n < 1 || n > 10000)
    fail(400, 'InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive');
  checkContentMd5(req);
  const etag = md5Etag(req.body);
  u.parts.set(n, { data: Buffer.from(req.body), etag });
  return emptyReply(200, { etag });
}

/** CompleteMultipartUpload: parts listed in ascending order with matching ETags; all but the last at least `minPartSize`. */
export function completeUpload(b: SimBucket, key: string, req: SimulatorRequest, minPartSize: number): SimulatorReply {
  const u = upload(b, req.url.searchParams, key);
  const body = req.body.toString('utf8');
  const listed = [...body.matchAll(/<Part>\s*<PartNumber>(\d+)<\/PartNumber>\s*<ETag>([^<]*)<\/ETag>\s*<\/Part>/g)].map((m) => ({
    n: Number(m[1]),
    etag: m[2]!.replace(/&quot;/g, '"'),
  }));
  if (listed.length === 0)
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
    if (i < listed.length - 1 && part.data.length < minPartSize)
      fail(400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.');
    datas.push(part.data);
    md5s.push(createHash('md5').update(part.data).digest());
  }
  const etag = `"${createHash('md5').update(Buffer.concat(md5s)).digest('hex')}-${listed.length}"`;
  b.objects.set(key, { ...u.template, data: Buffer.concat(datas), etag, lastModified: new Date() });
  b.uploads.delete(u.id);
  return xmlReply(
    `<CompleteMultipartUploadResult ${S3_XMLNS}><Location>/${esc(b.name)}/${esc(key)}</Location><Bucket>${esc(b.name)}</Bucket><Key>${esc(key)}</Key><ETag>${esc(etag)}</ETag></CompleteMultipartUploadResult>`,
  );
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
