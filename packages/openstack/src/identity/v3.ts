/**
 * Keystone v3 wire format: the `POST /v3/auth/tokens` request body for each credential type and scope, and
 * the token body → {@link AccessInfo}.
 * @module
 */
import { InvalidArgumentError } from '@cloudmux/core/errors';
import type { AccessInfo, CatalogEndpoint, CatalogService, EndpointInterface, IdentityCredentials, IdentityScope } from './types.js';
import { parseExpiry, str } from './wire-util.js';

type Json = Record<string, unknown>;

function domainRef(id: string | undefined, name: string | undefined): Json | undefined {
  if (id !== undefined) return { id };
  if (name !== undefined) return { name };
  return undefined;
}

function userRef(
  provider: string,
  what: string,
  c: { userId?: string | undefined; username?: string | undefined; userDomainId?: string | undefined; userDomainName?: string | undefined },
): Json {
  if (c.userId !== undefined) return { id: c.userId };
  if (c.username === undefined) throw new InvalidArgumentError(`${provider}: ${what} needs userId or username`, { provider });
  return { name: c.username, domain: domainRef(c.userDomainId, c.userDomainName) ?? { id: 'default' } };
}

/** The `scope` member for a v3 auth request, or `undefined` for an unscoped token. */
export function v3Scope(scope: IdentityScope | undefined): Json | undefined {
  if (!scope) return undefined;
  if (scope.projectId !== undefined) return { project: { id: scope.projectId } };
  if (scope.projectName !== undefined) {
    return { project: { name: scope.projectName, domain: domainRef(scope.projectDomainId, scope.projectDomainName) ?? { id: 'default' } } };
  }
  const domain = domainRef(scope.domainId, scope.domainName);
  return domain ? { domain } : undefined;
}

/** The full v3 auth request body (`{ auth: { identity, scope? } }`). */
export function v3AuthBody(provider: string, credentials: IdentityCredentials, scope: IdentityScope | undefined): Json {
  let identity: Json;
  let scoped = true;
  switch (credentials.type) {
    case 'v3password':
      identity = {
        methods: ['password'],
        password: { user: { ...userRef(provider, 'v3password', credentials), password: credentials.password } },
      };
      break;
    case 'v3applicationcredential': {
      // An application credential carries its own project: Keystone refuses an explicit scope.
      scoped = false;
      let ac: Json;
      if (credentials.id !== undefined) ac = { id: credentials.id, secret: credentials.secret };
      else if (credentials.name !== undefined)
        ac = {
          name: credentials.name,
          user: userRef(provider, 'an application credential given by name', credentials),
          secret: credentials.secret,
        };
      else throw new InvalidArgumentError(`${provider}: v3applicationcredential needs id, or name and the user`, { provider });
      identity = { methods: ['application_credential'], application_credential: ac };
      break;
    }
    case 'v3token':
      identity = { methods: ['token'], token: { id: credentials.token } };
      break;
    case 'custom':
      identity = credentials.authBody();
      break;
    default:
      throw new InvalidArgumentError(`${provider}: ${credentials.type} credentials need Keystone v2.0, not v3`, { provider });
  }
  const auth: Json = { identity };
  const s = scoped ? v3Scope(scope) : undefined;
  if (s) auth.scope = s;
  return { auth };
}

function asObject(v: unknown): Json | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

const INTERFACES: ReadonlySet<string> = new Set(['public', 'internal', 'admin']);

/** Parses a v3 `catalog` array. */
export function parseV3Catalog(raw: unknown): CatalogService[] {
  const out: CatalogService[] = [];
  for (const item of asArray(raw)) {
    const s = asObject(item);
    const type = str(s?.type);
    if (!s || type === undefined) continue;
    const endpoints: CatalogEndpoint[] = [];
    for (const e of asArray(s.endpoints)) {
      const ep = asObject(e);
      const url = str(ep?.url);
      const iface = str(ep?.interface);
      if (!ep || url === undefined || iface === undefined || !INTERFACES.has(iface)) continue;
      endpoints.push({ url, interface: iface as EndpointInterface, region: str(ep.region_id) ?? str(ep.region), id: str(ep.id) });
    }
    out.push({ type, name: str(s.name), id: str(s.id), endpoints });
  }
  return out;
}

/**
 * Parses a v3 token response body (`{ token: {...} }`). `receivedAt` is the local time the answer arrived,
 * used to correct `expires_at` for clock skew. Returns `undefined` when the body is not a token.
 */
export function parseV3Token(body: unknown, receivedAt: number): AccessInfo | undefined {
  const token = asObject(asObject(body)?.token);
  const expiresRaw = str(token?.expires_at);
  if (!token || expiresRaw === undefined) return undefined;
  const expiresAt = parseExpiry(expiresRaw, str(token.issued_at), receivedAt);
  if (expiresAt === undefined) return undefined;
  const user = asObject(token.user);
  const project = asObject(token.project);
  const domain = asObject(token.domain);
  return {
    identityApiVersion: '3',
    expiresAt,
    expiresAtRaw: expiresRaw,
    userId: str(user?.id),
    userName: str(user?.name),
    projectId: str(project?.id),
    projectName: str(project?.name),
    domainId: project ? str(asObject(project.domain)?.id) : str(domain?.id),
    domainScoped: !project && domain !== undefined,
    roles: asArray(token.roles)
      .map((r) => str(asObject(r)?.name))
      .filter((r): r is string => r !== undefined),
    methods: asArray(token.methods).filter((m): m is string => typeof m === 'string'),
    catalog: parseV3Catalog(token.catalog),
  };
}
