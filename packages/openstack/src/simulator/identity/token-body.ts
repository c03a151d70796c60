/**
 * Token bodies as Keystone writes them: v3 `{"token": {...}}` and v2.0 `{"access": {...}}`.
 * @module
 */
import { isoSeconds, keystoneTime } from '../json.js';
import type { SimulatorWorld } from '../world.js';
import { v2Catalog, v3Catalog } from './catalog.js';
import type { SimToken } from './model.js';

/** The v3 token body; `catalog: false` for `?nocatalog`. */
export function v3TokenBody(world: SimulatorWorld, token: SimToken, catalog = true): Record<string, unknown> {
  const store = world.identity;
  const userDomain = store.domains.get(token.user.domainId);
  const body: Record<string, unknown> = {
    methods: token.methods,
    user: {
      domain: { id: userDomain?.id, name: userDomain?.name },
      id: token.user.id,
      name: token.user.name,
      password_expires_at: null,
    },
    audit_ids: [token.auditId],
    expires_at: keystoneTime(token.expiresAt),
    issued_at: keystoneTime(token.issuedAt),
  };
  if (token.project) {
    const d = store.domains.get(token.project.domainId);
    body.project = { domain: { id: d?.id, name: d?.name }, id: token.project.id, name: token.project.name };
    body.is_domain = false;
  } else if (token.domain) {
    body.domain = { id: token.domain.id, name: token.domain.name };
  }
  if (token.project || token.domain) body.roles = token.roles.map((r) => ({ id: r.id, name: r.name }));
  if (token.applicationCredentialId !== undefined) {
    const ac = store.applicationCredentials.get(token.applicationCredentialId);
    body.application_credential = { id: token.applicationCredentialId, name: ac?.name, restricted: !(ac?.unrestricted ?? false) };
  }
  if (catalog && (token.project || token.domain)) body.catalog = v3Catalog(world, token);
  return { token: body };
}

/** The v2.0 access body. */
export function v2AccessBody(world: SimulatorWorld, token: SimToken): Record<string, unknown> {
  const t: Record<string, unknown> = {
    issued_at: new Date(token.issuedAt).toISOString().replace(/Z$/, '000'),
    expires: isoSeconds(token.expiresAt),
    id: token.id,
    audit_ids: [token.auditId],
  };
  if (token.project) t.tenant = { description: null, enabled: true, id: token.project.id, name: token.project.name };
  return {
    access: {
      token: t,
      serviceCatalog: v2Catalog(world, token),
      user: {
        username: token.user.name,
        roles_links: [],
        id: token.user.id,
        roles: token.roles.map((r) => ({ name: r.name })),
        name: token.user.name,
      },
      metadata: { is_admin: 0, roles: token.roles.map((r) => r.id) },
    },
  };
}
