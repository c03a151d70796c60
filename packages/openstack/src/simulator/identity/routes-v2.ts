/**
 * Keystone v2.0: `POST /identity/v2.0/tokens` (passwordCredentials or token, tenantName/tenantId) and
 * `GET /identity/v2.0/tenants`.
 * @module
 */
import { jsonReply, parseJsonBody, type Router } from '@cloudmux/core/testing';
import { obj, str } from '../json.js';
import type { SimulatorWorld } from '../world.js';
import { AUTH_REQUIRED, MALFORMED, fail } from './errors.js';
import type { SimProject, SimRole, SimUser } from './model.js';
import { v2AccessBody } from './token-body.js';

/** Adds the v2.0 routes. */
export function registerV2Routes(router: Router, world: SimulatorWorld): void {
  const store = world.identity;
  router.add('POST', '/identity/v2.0/tokens', (req) => {
    const auth = obj(obj(parseJsonBody(req))?.auth);
    if (!auth) fail(400, `Expecting to find auth in request body. ${MALFORMED}`);
    let user: SimUser | undefined;
    let expiresAt: number | undefined;
    const pc = obj(auth.passwordCredentials);
    const tok = obj(auth.token);
    const vendor = Object.entries(world.options.v2Credentials).find(([key]) => obj(auth[key]) !== undefined);
    let method = pc ? 'password' : 'token';
    if (vendor) {
      const [key, verify] = vendor;
      const found = verify(obj(auth[key]) ?? {}, world);
      if (!found) fail(401, AUTH_REQUIRED);
      user = found;
      method = key;
    } else if (pc) {
      const username = str(pc.username);
      const password = str(pc.password);
      if (username === undefined || password === undefined)
        fail(400, `Expecting to find username and password in passwordCredentials. ${MALFORMED}`);
      user = store.findUser({ name: username, domainId: 'default' });
      if (!user || user.password !== password) fail(401, AUTH_REQUIRED);
    } else if (tok) {
      const original = store.check(str(tok.id));
      if (typeof original === 'string') fail(401, AUTH_REQUIRED);
      user = original.user;
      expiresAt = original.expiresAt;
    } else {
      fail(400, `Expecting to find passwordCredentials or token in auth. ${MALFORMED}`);
    }
    const defaultProject = world.options.v2ScopeToDefaultProject && user.defaultProjectId !== undefined ? user.defaultProjectId : undefined;
    let project: SimProject | undefined;
    let roles: SimRole[] = [];
    const tenantId = str(auth.tenantId) ?? (str(auth.tenantName) === undefined ? defaultProject : undefined);
    const tenantName = str(auth.tenantName);
    if (tenantId !== undefined || tenantName !== undefined) {
      project = tenantId !== undefined ? store.findProject({ id: tenantId }) : store.findProject({ name: tenantName, domainId: 'default' });
      if (!project) fail(401, `Project not found: ${tenantId ?? tenantName ?? ''}`);
      roles = store.rolesOn(user.id, `project:${project.id}`);
      if (roles.length === 0) fail(401, `User ${user.id} is unauthorized for tenant ${project.id}`);
    }
    const token = store.issue({
      version: '2.0',
      user,
      project,
      domain: undefined,
      roles,
      methods: [method],
      applicationCredentialId: undefined,
      expiresAt,
    });
    return jsonReply(200, v2AccessBody(world, token));
  });

  router.add('GET', '/identity/v2.0/tenants', (req) => {
    const token = world.authenticateAny(req);
    const tenants = [...store.projects.values()]
      .filter((p) => store.rolesOn(token.user.id, `project:${p.id}`).length > 0)
      .map((p) => ({ id: p.id, name: p.name, description: null, enabled: true }));
    return jsonReply(200, { tenants, tenants_links: [] });
  });
}
