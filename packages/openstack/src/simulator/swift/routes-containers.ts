/**
 * Account and container routes of the simulated Swift: JSON (or plain) listings with `limit`, `marker`,
 * `end_marker`, `prefix` and `delimiter` (`subdir` entries), metadata via POST, 201/202/204/404/409.
 * @module
 */
import type { Router, SimulatorReply, SimulatorRequest } from '@cloudmux/core/testing';
import type { SimulatorWorld } from '../world.js';
import { SWIFT_PREFIX, authorize } from './auth.js';
import { empty, fail, httpDate, listingTime, metaHeadersOf, metaOf } from './replies.js';
import { md5, swiftStore, type SwiftSimAccount, type SwiftSimContainer } from './store.js';

const MAX_LIMIT = 10_000;

interface ListParams {
  limit: number;
  marker: string;
  endMarker: string | undefined;
  prefix: string;
  delimiter: string | undefined;
  json: boolean;
}

function listParams(req: SimulatorRequest): ListParams {
  const q = req.url.searchParams;
  const limitRaw = q.get('limit');
  const limit = limitRaw === null ? MAX_LIMIT : Number(limitRaw);
  if (!Number.isInteger(limit) || limit < 0) fail(400, 'Value of limit must be a positive integer');
  if (limit > MAX_LIMIT) fail(412, `Maximum limit is ${MAX_LIMIT}`);
  const delimiter = q.get('delimiter') ?? undefined;
  if (delimiter !== undefined && delimiter.length !== 1) fail(412, 'Bad delimiter');
  const accept = String(req.headers.accept ?? '');
  return {
    limit,
    marker: q.get('marker') ?? '',
    endMarker: q.get('end_marker') ?? undefined,
    prefix: q.get('prefix') ?? '',
    delimiter,
    json: q.get('format') === 'json' || accept.includes('application/json'),
  };
}

/** Names in byte order after `marker`, before `end_marker`, under `prefix`, rolled up at `delimiter`. */
function page<T>(names: Iterable<[string, T]>, p: ListParams): ({ name: string; value: T } | { subdir: string })[] {
  const sorted = [...names].sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const out: ({ name: string; value: T } | { subdir: string })[] = [];
  let lastSubdir: string | undefined;
  for (const [name, value] of sorted) {
    if (out.length >= p.limit) break;
    if (Buffer.compare(Buffer.from(name), Buffer.from(p.marker)) <= 0) continue;
    if (p.endMarker !== undefined && Buffer.compare(Buffer.from(name), Buffer.from(p.endMarker)) >= 0) break;
    if (!name.startsWith(p.prefix)) continue;
    if (p.delimiter !== undefined) {
      const cut = name.indexOf(p.delimiter, p.prefix.length);
      if (cut >= 0) {
        const subdir = name.slice(0, cut + 1);
        if (subdir === lastSubdir || subdir === p.marker) continue;
        lastSubdir = subdir;
        out.push({ subdir });
        continue;
      }
    }
    out.push({ name, value });
  }
  return out;
}

function listingReply(p: ListParams, entries: unknown[], names: string[], headers: Record<string, string>): SimulatorReply {
  if (p.json)
    return { status: 200, headers: { ...headers, 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(entries) };
  if (names.length === 0) return empty(204, headers);
  return { status: 200, headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' }, body: names.map((n) => `${n}\n`).join('') };
}

function accountHeaders(a: SwiftSimAccount): Record<string, string> {
  let objects = 0;
  let bytes = 0;
  for (const c of a.containers.values())
    for (const o of c.objects.values()) {
      objects++;
      bytes += o.size;
    }
  return {
    'x-account-container-count': String(a.containers.size),
    'x-account-object-count': String(objects),
    'x-account-bytes-used': String(bytes),
    ...metaHeadersOf(a.meta, 'account'),
  };
}

/** Container headers (counts, bytes, metadata). */
export function containerHeaders(c: SwiftSimContainer): Record<string, string> {
  let bytes = 0;
  for (const o of c.objects.values()) bytes += o.size;
  return {
    'x-container-object-count': String(c.objects.size),
    'x-container-bytes-used': String(bytes),
    'x-timestamp': c.timestamp.toFixed(5),
    'x-storage-policy': 'Policy-0',
    ...metaHeadersOf(c.meta, 'container'),
  };
}

function applyMeta(target: Record<string, string>, given: Record<string, string>): void {
  for (const [k, v] of Object.entries(given)) {
    if (v === '') delete target[k];
    else target[k] = v;
  }
}

/** Adds the account and container routes. */
export function registerSwiftContainerRoutes(router: Router, world: SimulatorWorld): void {
  const store = swiftStore(world);
  const acct = (req: SimulatorRequest, name: string): SwiftSimAccount => {
    authorize(req, world, name, () => store.account(name), false);
    return store.account(name);
  };

  router.add('GET', `${SWIFT_PREFIX}/:account`, (req, { account }) => {
    const a = acct(req, account!);
    const headers = accountHeaders(a);
    if (req.method === 'HEAD') return empty(204, headers);
    const p = listParams(req);
    const items = page(a.containers.entries(), p);
    const entries = items.map((e) => {
      if ('subdir' in e) return { subdir: e.subdir };
      const c = e.value;
      let bytes = 0;
      for (const o of c.objects.values()) bytes += o.size;
      return { name: e.name, count: c.objects.size, bytes, last_modified: listingTime(c.timestamp) };
    });
    return listingReply(
      p,
      entries,
      items.map((e) => ('subdir' in e ? e.subdir : e.name)),
      headers,
    );
  });
  router.add('POST', `${SWIFT_PREFIX}/:account`, (req, { account }) => {
    const a = acct(req, account!);
    applyMeta(a.meta, metaOf(req.headers, 'account'));
    return empty(204);
  });

  router.add('GET', `${SWIFT_PREFIX}/:account/:container`, (req, { account, container }) => {
    const c = acct(req, account!).containers.get(container!);
    if (!c) return fail(404);
    const headers = containerHeaders(c);
    if (req.method === 'HEAD') return empty(204, headers);
    const p = listParams(req);
    const items = page(c.objects.entries(), p);
    const entries = items.map((e) => {
      if ('subdir' in e) return { subdir: e.subdir };
      const o = e.value;
      return {
        name: e.name,
        hash: o.slo ? md5(o.slo.map((s) => s.etag).join('')) : o.etag,
        bytes: o.size,
        content_type: o.contentType,
        last_modified: listingTime(o.timestamp),
        ...(o.slo ? { slo_etag: `"${o.etag}"` } : {}),
      };
    });
    return listingReply(
      p,
      entries,
      items.map((e) => ('subdir' in e ? e.subdir : e.name)),
      headers,
    );
  });
  router.add('PUT', `${SWIFT_PREFIX}/:account/:container`, (req, { account, container }) => {
    const a = acct(req, account!);
    const name = container!;
    if (Buffer.byteLength(name) > 256) return fail(400, 'Container name length too long');
    const existing = a.containers.get(name);
    const meta = metaOf(req.headers, 'container');
    if (existing) {
      applyMeta(existing.meta, meta);
      return empty(202);
    }
    const c: SwiftSimContainer = { meta: {}, objects: new Map(), timestamp: store.timestamp() };
    applyMeta(c.meta, meta);
    a.containers.set(name, c);
    return empty(201, { 'last-modified': httpDate(c.timestamp) });
  });
  router.add('POST', `${SWIFT_PREFIX}/:account/:container`, (req, { account, container }) => {
    const c = acct(req, account!).containers.get(container!);
    if (!c) return fail(404);
    applyMeta(c.meta, metaOf(req.headers, 'container'));
    return empty(204);
  });
  router.add('DELETE', `${SWIFT_PREFIX}/:account/:container`, (req, { account, container }) => {
    const a = acct(req, account!);
    const c = a.containers.get(container!);
    if (!c) return fail(404);
    if (c.objects.size > 0) return fail(409);
    a.containers.delete(container!);
    return empty(204);
  });
}
