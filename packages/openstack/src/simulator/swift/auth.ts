/**
 * Authorization of the simulated Swift: tempauth v1.0 logins (`X-Auth-User: <project>:<user>`, the user's
 * password as `X-Auth-Key`), Keystone tokens (the token's project must own the `AUTH_<project id>`
 * account), and temp URLs (`temp_url_sig`/`temp_url_expires`, HMAC-SHA1/256/512 with the account's keys).
 * @module
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Router, SimulatorRequest } from '@cloudmux/core/testing';
import type { SimulatorWorld } from '../world.js';
import { empty, fail, hdr } from './replies.js';
import type { SwiftSimAccount } from './store.js';

/** The storage path prefix of the simulated Swift (`/swift/v1`). */
export const SWIFT_PREFIX = '/swift/v1';

/** Adds `GET /auth/v1.0` (and `/auth/v1.0/`, `/swift/auth/v1.0`). */
export function registerTempAuthRoutes(router: Router, world: SimulatorWorld): void {
  const login = (req: SimulatorRequest) => {
    const user = hdr(req.headers, 'x-auth-user') ?? hdr(req.headers, 'x-storage-user');
    const key = hdr(req.headers, 'x-auth-key') ?? hdr(req.headers, 'x-storage-pass');
    const colon = user?.indexOf(':') ?? -1;
    if (!user || !key || colon <= 0) return fail(401);
    const ids = world.identity;
    const domain = ids.findDomain({ name: 'Default' });
    const project = domain ? ids.findProject({ name: user.slice(0, colon), domainId: domain.id }) : undefined;
    const found = domain ? ids.findUser({ name: user.slice(colon + 1), domainId: domain.id }) : undefined;
    if (!project || !found || found.password !== key) return fail(401);
    const roles = ids.rolesOn(found.id, `project:${project.id}`);
    if (roles.length === 0) return fail(401);
    const token = ids.issue({
      version: '3',
      user: found,
      project,
      domain: undefined,
      roles,
      methods: ['password'],
      applicationCredentialId: undefined,
    });
    const url = `${world.url}${SWIFT_PREFIX}/AUTH_${project.id}`;
    return empty(200, {
      'x-storage-url': url,
      'x-auth-token': token.id,
      'x-storage-token': token.id,
      'x-auth-token-expires': String(Math.max(1, Math.floor((token.expiresAt - world.now()) / 1000))),
    });
  };
  router.add('GET', '/auth/v1.0', login);
  router.add('GET', '/swift/auth/v1.0', login);
}

function sign(digest: string, key: string, method: string, expires: string, path: string): Buffer {
  return createHmac(digest, key).update(`${method}\n${expires}\n${path}`).digest();
}

/** Whether the request carries a valid temp URL signature for `account` (throws 401 for a bad or expired one). */
function tempUrlAllowed(req: SimulatorRequest, world: SimulatorWorld, account: SwiftSimAccount, objectLevel: boolean): boolean {
  const sig = req.url.searchParams.get('temp_url_sig');
  const expires = req.url.searchParams.get('temp_url_expires');
  if (sig === null && expires === null) return false;
  if (!objectLevel || sig === null || expires === null || !/^\d+$/.test(expires)) fail(401);
  if (Number(expires) * 1000 <= world.now()) fail(401);
  const keys = [account.meta['temp-url-key'], account.meta['temp-url-key-2']].filter((k): k is string => !!k);
  let given: Buffer;
  let digest: string;
  if (/^[0-9a-f]{40}$/.test(sig)) [digest, given] = ['sha1', Buffer.from(sig, 'hex')];
  else if (/^[0-9a-f]{64}$/.test(sig)) [digest, given] = ['sha256', Buffer.from(sig, 'hex')];
  else if (sig.startsWith('sha512:')) [digest, given] = ['sha512', Buffer.from(sig.slice(7), 'base64url')];
  else return fail(401);
  // A GET signature also allows HEAD; a PUT one allows only PUT (and HEAD).
  const methods = req.method === 'HEAD' ? ['HEAD', 'GET', 'PUT'] : [req.method];
  for (const key of keys)
    for (const m of methods) {
      const want = sign(digest, key, m, expires, req.path);
      if (want.length === given.length && timingSafeEqual(want, given)) return true;
    }
  return fail(401);
}

/**
 * Authorizes a request to `AUTH_<project id>`: a temp URL (object GET/HEAD/PUT), or a token whose project
 * owns the account. 401 for no/bad token, 403 for another project's account.
 */
export function authorize(
  req: SimulatorRequest,
  world: SimulatorWorld,
  accountName: string,
  account: () => SwiftSimAccount,
  objectLevel: boolean,
): void {
  if ((req.method === 'GET' || req.method === 'HEAD' || req.method === 'PUT') && tempUrlAllowed(req, world, account(), objectLevel)) return;
  const raw = hdr(req.headers, 'x-auth-token');
  const token = world.identity.check(raw);
  if (typeof token === 'string') fail(401);
  if (!accountName.startsWith('AUTH_')) fail(404);
  if (!token.project || `AUTH_${token.project.id}` !== accountName) fail(403);
}
