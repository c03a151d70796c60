/**
 * Object routes of the simulated Swift: PUT (ETag checked → 422, `If-None-Match: *` → 412, `X-Copy-From`),
 * COPY with `Destination`, GET/HEAD with `Range` (206/416), POST metadata (202), DELETE (204), and static
 * large objects (`?multipart-manifest=put|delete|get`).
 * @module
 */
import type { Router, SimulatorReply, SimulatorRequest } from '@cloudmux/core/testing';
import type { SimulatorWorld } from '../world.js';
import { SWIFT_PREFIX, authorize } from './auth.js';
import { empty, fail, hdr, httpDate, metaHeadersOf, metaOf } from './replies.js';
import { md5, splitObjectPath, swiftStore, type SwiftSimAccount, type SwiftSimContainer, type SwiftSimObject } from './store.js';

/** Largest single object (Swift's `max_file_size`, 5 GiB); the simulator also caps what it keeps in memory. */
const MAX_FILE_SIZE = 5 * 1024 ** 3;

function objectHeaders(o: SwiftSimObject): Record<string, string> {
  return {
    etag: o.slo ? `"${o.etag}"` : o.etag,
    'content-type': o.contentType,
    'last-modified': httpDate(o.timestamp),
    'x-timestamp': o.timestamp.toFixed(5),
    'accept-ranges': 'bytes',
    ...(o.slo ? { 'x-static-large-object': 'True' } : {}),
    ...metaHeadersOf(o.meta, 'object'),
  };
}

function parseRange(value: string, size: number): { start: number; end: number } | 'invalid' | undefined {
  const m = /^bytes=(\d*)-(\d*)$/.exec(value.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (m[1] === '') {
    const n = Number(m[2]);
    if (n === 0) return 'invalid';
    start = Math.max(0, size - n);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
    if (m[2] !== '' && Number(m[2]) < start) return undefined;
  }
  if (start >= size) return 'invalid';
  return { start, end };
}

/** Adds the object routes. */
export function registerSwiftObjectRoutes(router: Router, world: SimulatorWorld): void {
  const store = swiftStore(world);
  const path = `${SWIFT_PREFIX}/:account/:container/:object*`;

  const open = (req: SimulatorRequest, p: Record<string, string>): { a: SwiftSimAccount; c: SwiftSimContainer; name: string } => {
    authorize(req, world, p.account!, () => store.account(p.account!), true);
    const a = store.account(p.account!);
    const c = a.containers.get(p.container!);
    if (!c) return fail(404);
    const name = p.object!;
    if (Buffer.byteLength(name) > 1024) return fail(400, 'Object name length too long');
    return { a, c, name };
  };

  const store1 = (c: SwiftSimContainer, name: string, o: Omit<SwiftSimObject, 'timestamp'>): SwiftSimObject => {
    const full = { ...o, timestamp: store.timestamp() };
    c.objects.set(name, full);
    return full;
  };

  const copyTo = (req: SimulatorRequest, a: SwiftSimAccount, dst: SwiftSimContainer, dstName: string, from: string): SimulatorReply => {
    const { container, object } = splitObjectPath(from);
    if (container === undefined || object === undefined)
      return fail(412, 'X-Copy-From header must be of the form <container name>/<object name>');
    const src = a.containers.get(container)?.objects.get(object);
    if (!src) return fail(404);
    const data = store.contentOf(a, src);
    if (!data) return fail(409);
    const fresh = String(hdr(req.headers, 'x-fresh-metadata') ?? '').toLowerCase() === 'true';
    const meta = { ...(fresh ? {} : src.meta), ...metaOf(req.headers, 'object') };
    const o = store1(dst, dstName, {
      data,
      contentType: hdr(req.headers, 'content-type') ?? src.contentType,
      meta,
      etag: md5(data),
      slo: undefined,
      size: data.length,
    });
    return empty(201, { etag: o.etag, 'last-modified': httpDate(o.timestamp), 'x-copied-from': `${container}/${object}` });
  };

  const putManifest = (req: SimulatorRequest, a: SwiftSimAccount, c: SwiftSimContainer, name: string): SimulatorReply => {
    let list: unknown;
    try {
      list = JSON.parse(req.body.toString('utf8'));
    } catch {
      return fail(400, 'Manifest must be valid JSON.');
    }
    if (!Array.isArray(list) || list.length === 0) return fail(400, 'Manifest must be a list of segments.');
    const errors: string[] = [];
    const segments: { path: string; etag: string; size: number }[] = [];
    for (const [i, raw] of list.entries()) {
      const s = raw as { path?: unknown; etag?: unknown; size_bytes?: unknown };
      const seg = typeof s.path === 'string' ? store.resolve(a, s.path) : undefined;
      if (!seg || seg.slo) {
        errors.push(`Index ${i}: 404 Not Found`);
        continue;
      }
      if (typeof s.etag === 'string' && s.etag !== seg.etag) errors.push(`Index ${i}: Etag Mismatch`);
      if (typeof s.size_bytes === 'number' && s.size_bytes !== seg.size) errors.push(`Index ${i}: Size Mismatch`);
      segments.push({ path: s.path as string, etag: seg.etag, size: seg.size });
    }
    if (errors.length > 0) return fail(400, `Errors:<br>${errors.join('<br>')}`);
    const etag = md5(segments.map((s) => s.etag).join(''));
    const o = store1(c, name, {
      data: Buffer.alloc(0),
      contentType: hdr(req.headers, 'content-type') ?? 'application/octet-stream',
      meta: metaOf(req.headers, 'object'),
      etag,
      slo: segments,
      size: segments.reduce((n, s) => n + s.size, 0),
    });
    return empty(201, { etag: `"${etag}"`, 'last-modified': httpDate(o.timestamp) });
  };

  router.add('PUT', path, (req, p) => {
    const { a, c, name } = open(req, p);
    if (hdr(req.headers, 'if-none-match') === '*' && c.objects.has(name)) return fail(412);
    if (req.url.searchParams.get('multipart-manifest') === 'put') return putManifest(req, a, c, name);
    const from = hdr(req.headers, 'x-copy-from');
    if (from !== undefined) return copyTo(req, a, c, name, from);
    if (req.headers['content-length'] === undefined && !/chunked/i.test(String(req.headers['transfer-encoding'] ?? ''))) return fail(411);
    if (req.body.length > MAX_FILE_SIZE) return fail(413);
    const etag = md5(req.body);
    const expected = hdr(req.headers, 'etag')?.replace(/"/g, '').toLowerCase();
    if (expected !== undefined && expected !== etag) return fail(422);
    const o = store1(c, name, {
      data: req.body,
      contentType: hdr(req.headers, 'content-type') ?? 'application/octet-stream',
      meta: metaOf(req.headers, 'object'),
      etag,
      slo: undefined,
      size: req.body.length,
    });
    return empty(201, { etag, 'last-modified': httpDate(o.timestamp) });
  });

  router.add('COPY', path, (req, p) => {
    const { a, c, name } = open(req, p);
    const dest = hdr(req.headers, 'destination');
    const target = dest === undefined ? { container: undefined, object: undefined } : splitObjectPath(dest);
    if (target.container === undefined || target.object === undefined)
      return fail(412, 'Destination header must be of the form <container name>/<object name>');
    const dst = a.containers.get(target.container);
    if (!dst) return fail(404);
    if (!c.objects.has(name)) return fail(404);
    return copyTo(req, a, dst, target.object, `/${p.container}/${name}`);
  });

  router.add('GET', path, (req, p) => {
    const { a, c, name } = open(req, p);
    const o = c.objects.get(name);
    if (!o) return fail(404);
    const headers = objectHeaders(o);
    if (o.slo && req.url.searchParams.get('multipart-manifest') === 'get') {
      const body = JSON.stringify(o.slo.map((s) => ({ name: s.path, hash: s.etag, bytes: s.size })));
      return {
        status: 200,
        headers: { ...headers, 'content-type': 'application/json; charset=utf-8', etag: o.etag },
        body: req.method === 'HEAD' ? '' : body,
      };
    }
    const data = store.contentOf(a, o);
    if (!data) return fail(409);
    const rangeHeader = hdr(req.headers, 'range');
    const range = rangeHeader === undefined ? undefined : parseRange(rangeHeader, data.length);
    if (range === 'invalid') return { ...fail416(data.length) };
    if (range) {
      const slice = data.subarray(range.start, range.end + 1);
      return {
        status: 206,
        headers: {
          ...headers,
          'content-range': `bytes ${range.start}-${range.end}/${data.length}`,
          'content-length': String(slice.length),
        },
        body: req.method === 'HEAD' ? '' : slice,
      };
    }
    return { status: 200, headers: { ...headers, 'content-length': String(data.length) }, body: req.method === 'HEAD' ? '' : data };
  });

  router.add('POST', path, (req, p) => {
    const { c, name } = open(req, p);
    const o = c.objects.get(name);
    if (!o) return fail(404);
    o.meta = metaOf(req.headers, 'object');
    const type = hdr(req.headers, 'content-type');
    if (type !== undefined && type !== '') o.contentType = type;
    o.timestamp = store.timestamp();
    return empty(202);
  });

  router.add('DELETE', path, (req, p) => {
    const { a, c, name } = open(req, p);
    const o = c.objects.get(name);
    if (!o) return fail(404);
    if (req.url.searchParams.get('multipart-manifest') === 'delete') {
      if (!o.slo) return fail(400, 'Not an SLO manifest');
      let deleted = 1;
      for (const s of o.slo) {
        const { container, object } = splitObjectPath(s.path);
        if (container !== undefined && object !== undefined && a.containers.get(container)?.objects.delete(object)) deleted++;
      }
      c.objects.delete(name);
      return {
        status: 200,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body: `Number Deleted: ${deleted}\nNumber Not Found: 0\nResponse Body: \nResponse Status: 200 OK\nErrors: \n`,
      };
    }
    c.objects.delete(name);
    return empty(204);
  });
}

function fail416(size: number): SimulatorReply {
  return {
    status: 416,
    headers: { 'content-type': 'text/html; charset=UTF-8', 'content-range': `bytes */${size}` },
    body: '<html><h1>Requested Range Not Satisfiable</h1><p>The Range requested is not available.</p></html>',
  };
}
