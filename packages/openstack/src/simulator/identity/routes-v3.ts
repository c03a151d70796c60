/**
 * Keystone v3 token routes: issue (`POST`), validate (`GET`/`HEAD`), revoke (`DELETE`) `/identity/v3/auth/tokens`,
 * and `GET /identity/v3/auth/{catalog,projects,domains}`.
 * @module
 */
import { jsonReply, parseJsonBody, type Router, type SimulatorRequest } from '@cloudmux/core/testing';
import type { SimulatorWorld } from '../world.js';
import { authenticateV3 } from './auth-v3.js';
import { v3Catalog } from './catalog.js';
import { keystoneError } from './errors.js';
import type { SimToken } from './model.js';
import { v3TokenBody } from './token-body.js';

function header(req: SimulatorRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function subject(world: SimulatorWorld, req: SimulatorRequest): SimToken | { error: ReturnType<typeof keystoneError> } {
  const id = header(req, 'x-subject-token');
  const result = world.identity.check(id);
  if (typeof result === 'string') return { error: keystoneError(404, `Could not find token: ${id ?? ''}.`) };
  return result;
}

/** Adds the v3 token routes. */
export function registerV3TokenRoutes(router: Router, world: SimulatorWorld): void {
  router.add('POST', '/identity/v3/auth/tokens', (req) => {
    const token = authenticateV3(world, parseJsonBody(req));
    const nocatalog = req.url.searchParams.has('nocatalog');
    return jsonReply(201, v3TokenBody(world, token, !nocatalog), { 'x-subject-token': token.id, vary: 'X-Auth-Token' });
  });
  router.add('GET', '/identity/v3/auth/tokens', (req) => {
    world.authenticateAny(req);
    const found = subject(world, req);
    if ('error' in found) return found.error;
    const nocatalog = req.url.searchParams.has('nocatalog');
    return jsonReply(200, v3TokenBody(world, found, !nocatalog), { 'x-subject-token': found.id, vary: 'X-Auth-Token' });
  });
  router.add('HEAD', '/identity/v3/auth/tokens', (req) => {
    world.authenticateAny(req);
    const found = subject(world, req);
    if ('error' in found) return { status: 404 };
    return { status: 200, headers: { 'x-subject-token': found.id } };
  });
  router.add('DELETE', '/identity/v3/auth/tokens', (req) => {
    world.authenticateAny(req);
    const found = subject(world, req);
    if ('error' in found) return found.error;
    world.identity.revoke(found);
    return { status: 204 };
  });
  router.add('GET', '/identity/v3/auth/projects', (req) => {
    const token = world.authenticateAny(req);
    const store = world.identity;
    const projects = [...store.projects.values()]
      .filter((p) => store.rolesOn(token.user.id, `project:${p.id}`).length > 0)
      .map((p) => ({
        id: p.id,
        name: p.name,
        domain_id: p.domainId,
        enabled: true,
        is_domain: false,
        parent_id: p.domainId,
        description: '',
        tags: [],
        links: { self: `${world.identityUrl}/v3/projects/${p.id}` },
      }));
    return jsonReply(200, { projects, links: { self: `${world.identityUrl}/v3/auth/projects`, previous: null, next: null } });
  });
  router.add('GET', '/identity/v3/auth/domains', (req) => {
    const token = world.authenticateAny(req);
    const store = world.identity;
    const domains = [...store.domains.values()]
      .filter((d) => store.rolesOn(token.user.id, `domain:${d.id}`).length > 0)
      .map((d) => ({
        id: d.id,
        name: d.name,
        enabled: true,
        description: '',
        tags: [],
        links: { self: `${world.identityUrl}/v3/domains/${d.id}` },
      }));
    return jsonReply(200, { domains, links: { self: `${world.identityUrl}/v3/auth/domains`, previous: null, next: null } });
  });
  router.add('GET', '/identity/v3/auth/catalog', (req) => {
    const token = world.authenticateAny(req);
    if (!token.project && !token.domain) return keystoneError(403, 'A scoped token is required to list the catalog.');
    return jsonReply(200, {
      catalog: v3Catalog(world, token),
      links: { self: `${world.identityUrl}/v3/auth/catalog`, previous: null, next: null },
    });
  });
}
