/**
 * Keystone v3 application credentials: create, list, show, delete under
 * `/identity/v3/users/{user_id}/application_credentials`.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { jsonReply, parseJsonBody, type Router, type SimulatorRequest } from '@cloudmux/core/testing';
import { keystoneTime, obj, str } from '../json.js';
import type { SimulatorWorld } from '../world.js';
import { MALFORMED, fail, keystoneError } from './errors.js';
import type { SimApplicationCredential, SimRole, SimToken } from './model.js';
import { keystoneId } from './store.js';

function view(world: SimulatorWorld, ac: SimApplicationCredential, withSecret: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: ac.id,
    name: ac.name,
    description: ac.description,
    expires_at: ac.expiresAt === undefined ? null : keystoneTime(ac.expiresAt),
    project_id: ac.projectId,
    roles: ac.roles.map((r) => ({ id: r.id, name: r.name, domain_id: null })),
    unrestricted: ac.unrestricted,
    access_rules: [],
    user_id: ac.userId,
    links: { self: `${world.identityUrl}/v3/users/${ac.userId}/application_credentials/${ac.id}` },
  };
  if (withSecret) out.secret = ac.secret;
  return out;
}

/** The caller's token, which must belong to `userId`. */
function owner(world: SimulatorWorld, req: SimulatorRequest, userId: string, action: string): SimToken {
  const token = world.authenticateAny(req);
  if (token.user.id !== userId) fail(403, `You are not authorized to perform the requested action: identity:${action}.`);
  return token;
}

/** Adds the application credential routes. */
export function registerApplicationCredentialRoutes(router: Router, world: SimulatorWorld): void {
  const store = world.identity;
  const base = '/identity/v3/users/:userId/application_credentials';

  router.add('POST', base, (req, { userId }) => {
    const token = owner(world, req, userId!, 'create_application_credential');
    if (!token.project) fail(403, 'Application credentials can only be created with a project-scoped token.');
    if (token.applicationCredentialId !== undefined) {
      const parent = store.applicationCredentials.get(token.applicationCredentialId);
      if (!parent?.unrestricted)
        fail(403, "Using method 'application_credential' is not allowed for managing additional application credentials.");
    }
    const input = obj(obj(parseJsonBody(req))?.application_credential);
    if (!input) fail(400, `Invalid input for field 'application_credential': it is a required property. ${MALFORMED}`);
    const name = str(input.name);
    if (name === undefined) fail(400, `Invalid input for field 'application_credential/name': 'name' is a required property. ${MALFORMED}`);
    if ([...store.applicationCredentials.values()].some((a) => a.userId === userId && a.name === name)) {
      fail(409, `Conflict occurred attempting to store application_credential - Duplicate name, ${name}.`);
    }
    let roles: SimRole[] = token.roles;
    if (Array.isArray(input.roles)) {
      roles = [];
      for (const r of input.roles) {
        const ref = obj(r);
        const match = token.roles.find((t) => t.id === str(ref?.id) || t.name === str(ref?.name));
        if (!match) fail(404, `Could not find role: ${str(ref?.id) ?? str(ref?.name) ?? ''}.`);
        roles.push(match);
      }
    }
    let expiresAt: number | undefined;
    if (input.expires_at !== undefined && input.expires_at !== null) {
      const raw = str(input.expires_at);
      const ms = raw === undefined ? NaN : Date.parse(/(?:Z|[+-]\d\d:?\d\d)$/.test(raw) ? raw : `${raw}Z`);
      if (Number.isNaN(ms)) fail(400, `Invalid input for field 'application_credential/expires_at'. ${MALFORMED}`);
      expiresAt = ms;
    }
    const ac: SimApplicationCredential = {
      id: keystoneId(),
      name,
      description: str(input.description) ?? null,
      userId: userId!,
      projectId: token.project.id,
      secret: str(input.secret) ?? randomBytes(48).toString('base64url'),
      expiresAt,
      roles,
      unrestricted: input.unrestricted === true,
    };
    store.applicationCredentials.set(ac.id, ac);
    return jsonReply(201, { application_credential: view(world, ac, true) });
  });

  router.add('GET', base, (req, { userId }) => {
    owner(world, req, userId!, 'list_application_credentials');
    const name = req.url.searchParams.get('name');
    const list = [...store.applicationCredentials.values()].filter((a) => a.userId === userId && (name === null || a.name === name));
    return jsonReply(200, {
      application_credentials: list.map((a) => view(world, a, false)),
      links: { self: `${world.identityUrl}/v3/users/${userId}/application_credentials`, previous: null, next: null },
    });
  });

  router.add('GET', `${base}/:id`, (req, { userId, id }) => {
    owner(world, req, userId!, 'get_application_credential');
    const ac = store.applicationCredentials.get(id!);
    if (!ac || ac.userId !== userId) return keystoneError(404, `Could not find application credential: ${id}.`);
    return jsonReply(200, { application_credential: view(world, ac, false) });
  });

  router.add('DELETE', `${base}/:id`, (req, { userId, id }) => {
    owner(world, req, userId!, 'delete_application_credential');
    const ac = store.applicationCredentials.get(id!);
    if (!ac || ac.userId !== userId) return keystoneError(404, `Could not find application credential: ${id}.`);
    store.deleteApplicationCredential(ac.id);
    return { status: 204 };
  });
}
