/**
 * Routes of the simulated Cloud Files CDN management API under `/cdn/v1/AUTH_<project>`: list CDN containers
 * (JSON or plain, `limit`/`marker`/`end_marker`, `enabled_only`), `HEAD` a container's CDN settings, `PUT`
 * to CDN-enable (201 first time, 202 after), `POST` to update (202), `DELETE` an object to purge it (204), `DELETE` a container with `X-Remove-CDN-Container: t` to drop it from the listing.
 * @module
 */
import type { Router, SimulatorReply, SimulatorRequest } from '@cloudmux/core/testing';
import { swiftStore, type SimulatorWorld } from '@cloudmux/openstack/simulator';
import { RACKSPACE_SIM_PATHS } from '../catalog.js';
import { cdnFail, emptyReply, header } from './replies.js';
import { cdnStore, cdnUris, SIM_CDN_DEFAULT_TTL, type CdnSimContainer } from './store.js';

/** Path prefix before the account (`/cdn/v1`). */
export const CDN_SIM_PREFIX = RACKSPACE_SIM_PATHS.cdn.slice(0, RACKSPACE_SIM_PATHS.cdn.indexOf('/AUTH_'));

const MIN_TTL = 900;
const MAX_TTL = 31_536_000;
const MAX_LIMIT = 10_000;

/** Authorizes a request: a valid token whose project owns the `AUTH_<project>` account (401, 403 otherwise). */
function authorize(req: SimulatorRequest, world: SimulatorWorld, account: string): void {
  const token = world.authenticate(req);
  if (!account.startsWith('AUTH_')) cdnFail(404, `Unknown account ${account}`);
  if (`AUTH_${token.project.id}` !== account) cdnFail(403, 'The token does not own this account.');
}

function boolHeader(req: SimulatorRequest, name: string): boolean | undefined {
  const v = header(req.headers, name);
  if (v === undefined) return undefined;
  const lower = v.trim().toLowerCase();
  if (lower === 'true' || lower === 't' || lower === 'yes' || lower === '1') return true;
  if (lower === 'false' || lower === 'f' || lower === 'no' || lower === '0') return false;
  return cdnFail(400, `Invalid ${name}: "${v}" (expected True or False)`);
}

function ttlHeader(req: SimulatorRequest): number | undefined {
  const v = header(req.headers, 'x-ttl');
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || n < MIN_TTL || n > MAX_TTL)
    cdnFail(400, `Invalid X-TTL: "${v}" (must be ${MIN_TTL} to ${MAX_TTL} seconds)`);
  return n;
}

function infoHeaders(c: CdnSimContainer): Record<string, string> {
  return {
    'x-cdn-enabled': c.enabled ? 'True' : 'False',
    'x-cdn-uri': c.uris.http,
    'x-cdn-ssl-uri': c.uris.https,
    'x-cdn-streaming-uri': c.uris.streaming,
    'x-cdn-ios-uri': c.uris.ios,
    'x-ttl': String(c.ttl),
    'x-log-retention': c.logRetention ? 'True' : 'False',
  };
}

function listing(req: SimulatorRequest, containers: Map<string, CdnSimContainer>): SimulatorReply {
  const q = req.url.searchParams;
  const limitRaw = q.get('limit');
  const limit = limitRaw === null ? MAX_LIMIT : Number(limitRaw);
  if (limitRaw !== null && (!/^\d+$/.test(limitRaw) || limit > MAX_LIMIT)) cdnFail(412, `limit must be 0 to ${MAX_LIMIT}`);
  const marker = q.get('marker') ?? '';
  const endMarker = q.get('end_marker') ?? undefined;
  const enabledOnly = (q.get('enabled_only') ?? '').toLowerCase() === 'true';
  const json = q.get('format') === 'json' || String(req.headers.accept ?? '').includes('application/json');
  const page: CdnSimContainer[] = [];
  for (const c of [...containers.values()].sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)))) {
    if (page.length >= limit) break;
    if (Buffer.compare(Buffer.from(c.name), Buffer.from(marker)) <= 0) continue;
    if (endMarker !== undefined && Buffer.compare(Buffer.from(c.name), Buffer.from(endMarker)) >= 0) break;
    if (enabledOnly && !c.enabled) continue;
    page.push(c);
  }
  if (page.length === 0) return emptyReply(204);
  if (!json) return { ...emptyReply(200, { 'content-type': 'text/plain; charset=utf-8' }), body: page.map((c) => `${c.name}\n`).join('') };
  const body = page.map((c) => ({
    name: c.name,
    cdn_enabled: c.enabled,
    ttl: c.ttl,
    log_retention: c.logRetention,
    cdn_uri: c.uris.http,
    cdn_ssl_uri: c.uris.https,
    cdn_streaming_uri: c.uris.streaming,
    cdn_ios_uri: c.uris.ios,
  }));
  const reply = emptyReply(200, { 'content-type': 'application/json; charset=utf-8' });
  const text = JSON.stringify(body);
  return { ...reply, headers: { ...reply.headers, 'content-length': String(Buffer.byteLength(text)) }, body: text };
}

/** Adds the CDN routes. */
export function registerCdnApiRoutes(router: Router, world: SimulatorWorld): void {
  const store = cdnStore(world);
  const acct = `${CDN_SIM_PREFIX}/:account`;
  const known = (account: string, container: string): CdnSimContainer => {
    const c = store.account(account).get(container);
    return c ?? cdnFail(404, `Container ${container} is not CDN-enabled`);
  };

  router.add('GET', acct, (req, { account }) => {
    authorize(req, world, account!);
    return listing(req, store.account(account!));
  });

  router.add('HEAD', `${acct}/:container`, (req, { account, container }) => {
    authorize(req, world, account!);
    return emptyReply(204, infoHeaders(known(account!, container!)));
  });

  router.add('PUT', `${acct}/:container`, (req, { account, container }) => {
    authorize(req, world, account!);
    const ttl = ttlHeader(req);
    const logRetention = boolHeader(req, 'x-log-retention');
    const enabled = boolHeader(req, 'x-cdn-enabled') ?? true;
    // Only containers that exist in Cloud Files storage can be CDN-enabled.
    if (!swiftStore(world).accounts.get(account!)?.containers.has(container!)) cdnFail(404, `Container ${container} does not exist`);
    const containers = store.account(account!);
    const existing = containers.get(container!);
    if (existing) {
      existing.enabled = enabled;
      if (ttl !== undefined) existing.ttl = ttl;
      if (logRetention !== undefined) existing.logRetention = logRetention;
      return emptyReply(202, infoHeaders(existing));
    }
    const created: CdnSimContainer = {
      name: container!,
      enabled,
      ttl: ttl ?? SIM_CDN_DEFAULT_TTL,
      logRetention: logRetention ?? false,
      uris: cdnUris(account!, container!),
    };
    containers.set(container!, created);
    return emptyReply(201, infoHeaders(created));
  });

  router.add('POST', `${acct}/:container`, (req, { account, container }) => {
    authorize(req, world, account!);
    const ttl = ttlHeader(req);
    const logRetention = boolHeader(req, 'x-log-retention');
    const enabled = boolHeader(req, 'x-cdn-enabled');
    const c = known(account!, container!);
    if (ttl !== undefined) c.ttl = ttl;
    if (logRetention !== undefined) c.logRetention = logRetention;
    if (enabled !== undefined) c.enabled = enabled;
    return emptyReply(202, infoHeaders(c));
  });

  // A container once CDN-enabled stays in the listing; `X-Remove-CDN-Container: t` removes it from there.
  router.add('DELETE', `${acct}/:container`, (req, { account, container }) => {
    authorize(req, world, account!);
    if (boolHeader(req, 'x-remove-cdn-container') !== true) cdnFail(400, 'DELETE on a CDN container needs X-Remove-CDN-Container: t');
    known(account!, container!);
    store.account(account!).delete(container!);
    return emptyReply(204);
  });

  router.add('DELETE', `${acct}/:container/:object*`, (req, { account, container, object }) => {
    authorize(req, world, account!);
    known(account!, container!);
    const email = header(req.headers, 'x-purge-email');
    if (email !== undefined && !email.split(',').every((e) => /^[^\s@]+@[^\s@]+$/.test(e.trim())))
      cdnFail(400, `Invalid X-Purge-Email: "${email}"`);
    store.purges.push({ account: account!, container: container!, object: object!, email, at: world.now() });
    return emptyReply(204);
  });
}
