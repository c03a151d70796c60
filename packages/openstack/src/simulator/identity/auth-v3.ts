/**
 * `POST /v3/auth/tokens`: the password, token and application_credential methods, project/domain scope,
 * default project, and Keystone's 400/401 answers.
 * @module
 */
import type { SimulatorWorld } from '../world.js';
import { obj, str, type Json } from '../json.js';
import { AUTH_REQUIRED, MALFORMED, fail } from './errors.js';
import type { SimApplicationCredential, SimDomain, SimProject, SimRole, SimToken, SimUser } from './model.js';

interface Scope {
  project: SimProject | undefined;
  domain: SimDomain | undefined;
  roles: SimRole[];
}

function domainOf(world: SimulatorWorld, ref: Json | undefined, field: string): SimDomain {
  const id = str(ref?.id);
  const name = str(ref?.name);
  if (id === undefined && name === undefined) fail(400, `Expecting to find domain in ${field}. ${MALFORMED}`);
  const domain = world.identity.findDomain({ id, name });
  if (!domain) fail(401, AUTH_REQUIRED);
  return domain;
}

function userOf(world: SimulatorWorld, ref: Json | undefined, field: string): SimUser {
  if (!ref) fail(400, `Expecting to find user in ${field}. ${MALFORMED}`);
  const id = str(ref.id);
  if (id !== undefined) {
    const user = world.identity.findUser({ id });
    if (!user) fail(401, AUTH_REQUIRED);
    return user;
  }
  const name = str(ref.name);
  if (name === undefined) fail(400, `Expecting to find id or name in ${field}/user. ${MALFORMED}`);
  const domain = domainOf(world, obj(ref.domain), `${field}/user`);
  const user = world.identity.findUser({ name, domainId: domain.id });
  if (!user) fail(401, AUTH_REQUIRED);
  return user;
}

function requestedScope(world: SimulatorWorld, user: SimUser, raw: unknown): Scope | undefined {
  if (raw === undefined) return undefined;
  const scope = obj(raw);
  if (!scope) fail(400, `Invalid input for field 'scope'. ${MALFORMED}`);
  const store = world.identity;
  const p = obj(scope.project);
  if (p) {
    const id = str(p.id);
    let project: SimProject | undefined;
    if (id !== undefined) project = store.findProject({ id });
    else {
      const name = str(p.name);
      if (name === undefined) fail(400, `Expecting to find id or name in project. ${MALFORMED}`);
      project = store.findProject({ name, domainId: domainOf(world, obj(p.domain), 'project').id });
    }
    if (!project) fail(401, AUTH_REQUIRED);
    const roles = store.rolesOn(user.id, `project:${project.id}`);
    if (roles.length === 0) fail(401, `User ${user.id} has no access to project ${project.id}`);
    return { project, domain: undefined, roles };
  }
  const d = obj(scope.domain);
  if (d) {
    const domain = domainOf(world, d, 'scope');
    const roles = store.rolesOn(user.id, `domain:${domain.id}`);
    if (roles.length === 0) fail(401, `User ${user.id} has no access to domain ${domain.id}`);
    return { project: undefined, domain, roles };
  }
  if (scope.system !== undefined) fail(401, 'System scope is not supported by this simulator.');
  fail(400, `Invalid input for field 'scope'. ${MALFORMED}`);
}

function defaultScope(world: SimulatorWorld, user: SimUser): Scope | undefined {
  if (user.defaultProjectId === undefined) return undefined;
  const project = world.identity.projects.get(user.defaultProjectId);
  if (!project) return undefined;
  const roles = world.identity.rolesOn(user.id, `project:${project.id}`);
  return roles.length > 0 ? { project, domain: undefined, roles } : undefined;
}

function applicationCredential(world: SimulatorWorld, ref: Json): SimApplicationCredential {
  const secret = str(ref.secret);
  if (secret === undefined) fail(400, `Expecting to find secret in application_credential. ${MALFORMED}`);
  const store = world.identity;
  const id = str(ref.id);
  let ac: SimApplicationCredential | undefined;
  if (id !== undefined) ac = store.applicationCredentials.get(id);
  else {
    const name = str(ref.name);
    if (name === undefined) fail(400, `Expecting to find id or name in application_credential. ${MALFORMED}`);
    const user = userOf(world, obj(ref.user), 'application_credential');
    ac = [...store.applicationCredentials.values()].find((a) => a.userId === user.id && a.name === name);
  }
  if (!ac || ac.secret !== secret) fail(401, AUTH_REQUIRED);
  if (ac.expiresAt !== undefined && ac.expiresAt <= world.now()) fail(401, AUTH_REQUIRED);
  return ac;
}

/** Authenticates a v3 auth request body and issues the token. */
export function authenticateV3(world: SimulatorWorld, body: unknown): SimToken {
  const auth = obj(obj(body)?.auth);
  if (!auth) fail(400, `Expecting to find auth in request body. ${MALFORMED}`);
  const identity = obj(auth.identity);
  if (!identity) fail(400, `Expecting to find identity in auth. ${MALFORMED}`);
  const methods = Array.isArray(identity.methods) ? identity.methods.filter((m): m is string => typeof m === 'string') : [];
  if (methods.length === 0) fail(400, `Expecting to find methods in identity. ${MALFORMED}`);
  const method = methods[0]!;
  const part = obj(identity[method]);
  if (!part) fail(400, `Expecting to find ${method} in identity. ${MALFORMED}`);
  const store = world.identity;
  switch (method) {
    case 'password': {
      const user = userOf(world, obj(part.user), 'password');
      const password = str(obj(part.user)?.password);
      if (password === undefined || password !== user.password) fail(401, AUTH_REQUIRED);
      const scope = requestedScope(world, user, auth.scope) ?? defaultScope(world, user);
      return store.issue({ version: '3', user, ...noScope(), ...scope, methods: ['password'], applicationCredentialId: undefined });
    }
    case 'token': {
      const original = store.check(str(part.id));
      if (typeof original === 'string') fail(404, `Could not find token: ${str(part.id) ?? ''}.`);
      if (original.applicationCredentialId !== undefined && auth.scope !== undefined) fail(401, AUTH_REQUIRED);
      const scope = requestedScope(world, original.user, auth.scope);
      return store.issue({
        version: '3',
        user: original.user,
        ...noScope(),
        ...scope,
        methods: [...new Set([...original.methods, 'token'])],
        applicationCredentialId: original.applicationCredentialId,
        expiresAt: original.expiresAt,
      });
    }
    case 'application_credential': {
      const ac = applicationCredential(world, part);
      if (auth.scope !== undefined) fail(401, 'Application credentials cannot request a scope.');
      const user = store.users.get(ac.userId);
      const project = store.projects.get(ac.projectId);
      if (!user || !project) fail(401, AUTH_REQUIRED);
      const expiresAt = Math.min(world.now() + world.tokenLifetimeMs, ac.expiresAt ?? Infinity);
      return store.issue({
        version: '3',
        user,
        project,
        domain: undefined,
        roles: ac.roles,
        methods: ['application_credential'],
        applicationCredentialId: ac.id,
        expiresAt,
      });
    }
    default:
      fail(401, 'Attempted to authenticate with an unsupported method.');
  }
}

function noScope(): Scope {
  return { project: undefined, domain: undefined, roles: [] };
}
