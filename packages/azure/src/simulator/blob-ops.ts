import { joinedOnFirstRead, type SimulatorReply, type SimulatorRequest } from '@cloudmux/core/testing';
import { child, list, parseXml, text } from '../blob/xml.js';
import { emptyReply, fail } from './replies.js';
import { md5Base64, newEtag, type BlobState, type SimBlob, type SimContainer } from './state.js';

function header(req: SimulatorRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function metaFrom(req: SimulatorRequest): Map<string, string> {
  const meta = new Map<string, string>();
  for (const [k, v] of Object.entries(req.headers)) {
    if (!k.startsWith('x-ms-meta-') || v === undefined) continue;
    const name = k.slice('x-ms-meta-'.length);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      fail(400, 'InvalidMetadata', 'The metadata specified is invalid. It has characters that are not permitted.');
    meta.set(name, Array.isArray(v) ? v.join(',') : v);
  }
  return meta;
}

/** Checks the request's `Content-MD5` against the body; returns the body's MD5 (base64). */
function checkMd5(req: SimulatorRequest, body: Buffer): string {
  const md5 = header(req, 'content-md5');
  const actual = md5Base64(body);
  if (md5 !== undefined && md5 !== actual)
    fail(400, 'Md5Mismatch', 'The MD5 value specified in the request did not match with the MD5 value calculated by the server.');
  return actual;
}

/** Headers describing a blob (Get Blob Properties / Get Blob). */
export function blobHeaders(b: SimBlob): Record<string, string> {
  const h: Record<string, string> = {
    etag: b.etag,
    'last-modified': b.lastModified.toUTCString(),
    'x-ms-creation-time': b.created.toUTCString(),
    'x-ms-blob-type': 'BlockBlob',
    'x-ms-access-tier': 'Hot',
    'accept-ranges': 'bytes',
    'content-type': b.contentType ?? 'application/octet-stream',
  };
  if (b.contentMd5) h['content-md5'] = b.contentMd5;
  for (const [k, v] of b.meta) h[`x-ms-meta-${k}`] = v;
  if (b.copy) h['x-ms-copy-status'] = Date.now() >= b.copy.completeAt ? 'success' : 'pending';
  return h;
}

function commit(c: SimContainer, name: string, req: SimulatorRequest, parts: readonly Buffer[], contentMd5: string | undefined): SimBlob {
  const now = new Date();
  // Blocks are joined when the blob is first read (a blob deleted unread is never copied).
  const blob: SimBlob = joinedOnFirstRead(
    {
      data: parts[0] ?? Buffer.alloc(0),
      contentType: header(req, 'x-ms-blob-content-type') ?? header(req, 'content-type'),
      contentMd5,
      meta: metaFrom(req),
      etag: newEtag(),
      lastModified: now,
      created: c.blobs.get(name)?.created ?? now,
      copy: undefined,
    },
    parts,
  );
  c.blobs.set(name, blob);
  c.blocks.delete(name);
  return blob;
}

/** PUT on a blob: Put Blob, Put Block, Put Block List, Set Blob Metadata/Properties, Copy Blob. */
export function putBlob(
  state: BlobState,
  c: SimContainer,
  name: string,
  req: SimulatorRequest,
  copyDelayMs: number,
  account: string,
): SimulatorReply {
  const comp = req.url.searchParams.get('comp');
  const existing = c.blobs.get(name);
  if (comp === 'block') {
    const id = req.url.searchParams.get('blockid');
    if (!id || Buffer.from(id, 'base64').length === 0 || Buffer.from(id, 'base64').length > 64)
      fail(400, 'InvalidQueryParameterValue', 'Value for one of the query parameters specified in the request URI is invalid.');
    const md5 = checkMd5(req, req.body);
    const blocks = c.blocks.get(name) ?? new Map<string, Buffer>();
    blocks.set(id, req.body);
    c.blocks.set(name, blocks);
    return emptyReply(201, { 'content-md5': md5, 'x-ms-request-server-encrypted': 'true' });
  }
  if (comp === 'blocklist') {
    const doc = parseXml(req.body.toString('utf8'));
    const ids = list(child(doc['BlockList'], 'Latest')).map((n) => text(n) ?? '');
    const staged = c.blocks.get(name) ?? new Map<string, Buffer>();
    const parts: Buffer[] = [];
    for (const id of ids) {
      const part = staged.get(id);
      if (!part) fail(400, 'InvalidBlockList', 'The specified block list is invalid.');
      parts.push(part);
    }
    const b = commit(c, name, req, parts, header(req, 'x-ms-blob-content-md5'));
    return emptyReply(201, { etag: b.etag, 'last-modified': b.lastModified.toUTCString(), 'x-ms-request-server-encrypted': 'true' });
  }
  if (comp === 'metadata' || comp === 'properties') {
    if (!existing) fail(404, 'BlobNotFound', 'The specified blob does not exist.');
    if (comp === 'metadata') existing.meta = metaFrom(req);
    else {
      // Set Blob Properties: every content header not given is cleared.
      existing.contentType = header(req, 'x-ms-blob-content-type');
      existing.contentMd5 = header(req, 'x-ms-blob-content-md5');
    }
    existing.etag = newEtag();
    existing.lastModified = new Date();
    return emptyReply(200, { etag: existing.etag, 'last-modified': existing.lastModified.toUTCString() });
  }
  if (comp !== null) fail(400, 'UnsupportedQueryParameter', `The query parameter comp=${comp} is not supported.`);
  const source = header(req, 'x-ms-copy-source');
  if (source !== undefined) {
    const u = new URL(source);
    const parts = u.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (parts[0] !== account) fail(400, 'CannotVerifyCopySource', 'The copy source account does not match.');
    const src = state.containers.get(parts[1] ?? '')?.blobs.get(parts.slice(2).join('/'));
    if (!src) fail(404, 'CannotVerifyCopySource', 'The specified blob does not exist.');
    const meta = metaFrom(req);
    const now = new Date();
    const b: SimBlob = {
      ...src,
      data: src.data,
      meta: meta.size > 0 ? meta : new Map(src.meta),
      etag: newEtag(),
      lastModified: now,
      created: now,
      copy: { completeAt: Date.now() + copyDelayMs },
    };
    c.blobs.set(name, b);
    return emptyReply(202, {
      etag: b.etag,
      'last-modified': now.toUTCString(),
      'x-ms-copy-id': crypto.randomUUID(),
      'x-ms-copy-status': copyDelayMs > 0 ? 'pending' : 'success',
    });
  }
  if (header(req, 'x-ms-blob-type') !== 'BlockBlob')
    fail(400, 'MissingRequiredHeader', "An HTTP header that's mandatory for this request is not specified: x-ms-blob-type.");
  checkMd5(req, req.body);
  const b = commit(c, name, req, [req.body], header(req, 'x-ms-blob-content-md5') ?? md5Base64(req.body));
  return emptyReply(201, {
    etag: b.etag,
    'last-modified': b.lastModified.toUTCString(),
    'content-md5': b.contentMd5 ?? '',
    'x-ms-request-server-encrypted': 'true',
  });
}

/** GET/HEAD on a blob, with `x-ms-range`/`Range` (inclusive) → 206. */
export function getBlob(b: SimBlob, req: SimulatorRequest): SimulatorReply {
  const headers = blobHeaders(b);
  const range = header(req, 'x-ms-range') ?? header(req, 'range');
  if (range === undefined)
    return { ...emptyReply(200, { ...headers, 'content-length': String(b.data.length) }), body: req.method === 'HEAD' ? '' : b.data };
  const m = /^bytes=(\d+)-(\d*)$/.exec(range);
  if (!m) fail(400, 'InvalidHeaderValue', 'The value for one of the HTTP headers is not in the correct format.');
  const start = Number(m[1]);
  const end = Math.min(m[2] ? Number(m[2]) : b.data.length - 1, b.data.length - 1);
  if (start >= b.data.length || end < start)
    fail(416, 'InvalidRange', 'The range specified is invalid for the current size of the resource.');
  delete headers['content-md5'];
  const slice = b.data.subarray(start, end + 1);
  return {
    ...emptyReply(206, { ...headers, 'content-range': `bytes ${start}-${end}/${b.data.length}`, 'content-length': String(slice.length) }),
    body: req.method === 'HEAD' ? '' : slice,
  };
}
