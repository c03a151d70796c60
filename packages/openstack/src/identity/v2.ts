/**
 * Keystone v2.0 wire format: the `POST /v2.0/tokens` request body (password, token or a vendor credential
 * such as Rackspace's `RAX-KSKEY:apiKeyCredentials`) and the `access` body → {@link AccessInfo}.
 * @module
 */
import { InvalidArgumentError } from '@cloudmux/core/errors';
import type { AccessInfo, CatalogEndpoint, CatalogService, IdentityCredentials, IdentityScope } from './types.js';
import { parseExpiry, str } from './wire-util.js';

type Json = Record<string, unknown>;

/** The full v2.0 auth request body (`{ auth: { passwordCredentials | token | <vendor>, tenantId | tenantName } }`). */
export function v2AuthBody(provider: string, credentials: IdentityCredentials, scope: IdentityScope | undefined): Json {
  let auth: Json;
  switch (credentials.type) {
    case 'v2password':
      auth = { passwordCredentials: { username: credentials.username, password: credentials.password } };
      break;
    case 'v2token':
      auth = { token: { id: credentials.token } };
      break;
    case 'custom':
      auth = { ...credentials.authBody() };
      break;
    default:
      throw new InvalidArgumentError(`${provider}: ${credentials.type} credentials need Keystone v3, not v2.0`, { provider });
  }
  if (scope?.projectId !== undefined) auth.tenantId = scope.projectId;
  else if (scope?.projectName !== undefined) auth.tenantName = scope.projectName;
  return { auth };
}

function asObject(v: unknown): Json | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** Parses a v2.0 `serviceCatalog`: each endpoint's publicURL/internalURL/adminURL become three endpoints. */
export function parseV2Catalog(raw: unknown): CatalogService[] {
  const out: CatalogService[] = [];
  for (const item of asArray(raw)) {
    const s = asObject(item);
    const type = str(s?.type);
    if (!s || type === undefined) continue;
    const endpoints: CatalogEndpoint[] = [];
    for (const e of asArray(s.endpoints)) {
      const ep = asObject(e);
      if (!ep) continue;
      const region = str(ep.region);
      const id = str(ep.id);
      const pub = str(ep.publicURL);
      const internal = str(ep.internalURL);
      const admin = str(ep.adminURL);
      if (pub !== undefined) endpoints.push({ url: pub, interface: 'public', region, id });
      if (internal !== undefined) endpoints.push({ url: internal, interface: 'internal', region, id });
      if (admin !== undefined) endpoints.push({ url: admin, interface: 'admin', region, id });
    }
    out.push({ type, name: str(s.name), id: undefined, endpoints });
  }
  return out;
}

/** The v2.0 token id of an `access` body, or `undefined`. */
export function v2TokenId(body: unknown): string | undefined {
  return str(asObject(asObject(asObject(body)?.access)?.token)?.id);
}

/** Parses a v2.0 `{ access: {...} }` body; `undefined` when it is not one. */
export function parseV2Access(body: unknown, receivedAt: number): AccessInfo | undefined {
  const access = asObject(asObject(body)?.access);
  const token = asObject(access?.token);
  const expiresRaw = str(token?.expires);
  if (!access || !token || expiresRaw === undefined) return undefined;
  const expiresAt = parseExpiry(expiresRaw, str(token.issued_at), receivedAt);
  if (expiresAt === undefined) return undefined;
  const tenant = asObject(token.tenant);
  const user = asObject(access.user);
  return {
    identityApiVersion: '2.0',
    expiresAt,
    expiresAtRaw: expiresRaw,
    userId: str(user?.id),
    userName: str(user?.name) ?? str(user?.username),
    projectId: str(tenant?.id),
    projectName: str(tenant?.name),
    domainId: undefined,
    domainScoped: false,
    roles: asArray(user?.roles)
      .map((r) => str(asObject(r)?.name))
      .filter((r): r is string => r !== undefined),
    methods: [],
    catalog: parseV2Catalog(access.serviceCatalog),
  };
}
