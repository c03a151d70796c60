import { parseXml } from '../xml/index.js';
import type { S3Client } from './client.js';
import { encodeKey } from './names.js';

/** A bucket and key. */
export interface S3Location {
  bucket: string;
  key: string;
}

/**
 * Server-side CopyObject: `x-amz-copy-source`, with `x-amz-metadata-directive: COPY`, or `REPLACE`
 * and the new content type and user metadata. A 200 answer whose body is an `<Error>` (S3 can fail a
 * copy after it has started answering) is thrown as the mapped error.
 */
export async function copyS3Object(
  client: S3Client,
  src: S3Location,
  dst: S3Location,
  replace: { meta: Readonly<Record<string, string>>; contentType: string } | undefined,
  signal: AbortSignal | undefined,
): Promise<void> {
  const headers: Record<string, string> = {
    'x-amz-copy-source': `/${src.bucket}/${encodeKey(src.key)}`,
    'x-amz-metadata-directive': replace ? 'REPLACE' : 'COPY',
  };
  if (replace) {
    headers['content-type'] = replace.contentType;
    for (const [k, v] of Object.entries(replace.meta)) headers[`x-amz-meta-${k.toLowerCase()}`] = v;
  }
  const res = await client.send({ method: 'PUT', bucket: dst.bucket, key: dst.key, headers, action: 'CopyObject', signal });
  if (parseXml(res.body || '<CopyObjectResult/>', new Set()).Error !== undefined) client.throwEmbeddedError(res, 'CopyObject');
}
