/**
 * Identity types shared by the session, the service clients and the configuration readers:
 * credentials (Keystone v3 and v2.0, extensible), scope, the service catalog and version discovery.
 * @module
 */

/** Catalog endpoint interface. */
export type EndpointInterface = 'public' | 'internal' | 'admin';

/** Which service endpoint a client wants from the catalog. */
export interface ServiceSelector {
  /** Catalog service type, e.g. `compute`, `image`, `volumev3`, `network`; aliases are resolved (`volumev3`/`block-storage`/`volume`). */
  type: string;
  /** Catalog service name, e.g. `nova`, `cloudServersOpenStack`. */
  name?: string | undefined;
  /** Region; default: the session's region, else the first region offering the service. */
  region?: string | undefined;
  /** Interface; default: the session's interface, else `public`. */
  interface?: EndpointInterface | undefined;
  /**
   * Major API version wanted when the catalog URL is unversioned and has to be discovered (`v2.1`, `v2`, `v3`,
   * `v2.0`); default per service type (compute `v2.1`, image `v2`, block-storage `v3`, network `v2.0`, identity `v3`).
   */
  version?: string | undefined;
}

/** Keystone v3 password credentials: a user id, or a user name with its domain (id or name; default domain id `default`). */
export interface V3PasswordCredentials {
  /** Discriminator. */
  type: 'v3password';
  /** User id (takes precedence over `username`). */
  userId?: string | undefined;
  /** User name (needs a domain). */
  username?: string | undefined;
  /** Domain id of the user named by `username`. */
  userDomainId?: string | undefined;
  /** Domain name of the user named by `username`. */
  userDomainName?: string | undefined;
  /** Password. */
  password: string;
}

/** Keystone v3 application credential: its id, or its name with the owning user (id, or name + domain). Never scoped explicitly. */
export interface V3ApplicationCredentials {
  /** Discriminator. */
  type: 'v3applicationcredential';
  /** Application credential id. */
  id?: string | undefined;
  /** Application credential name (needs the user). */
  name?: string | undefined;
  /** Owning user's id (with `name`). */
  userId?: string | undefined;
  /** Owning user's name (with `name`; needs a domain). */
  username?: string | undefined;
  /** Owning user's domain id. */
  userDomainId?: string | undefined;
  /** Owning user's domain name. */
  userDomainName?: string | undefined;
  /** The credential's secret. */
  secret: string;
}

/** An existing Keystone v3 token, exchanged (`methods: ["token"]`) for a scoped token with a catalog. */
export interface V3TokenCredentials {
  /** Discriminator. */
  type: 'v3token';
  /** The token. */
  token: string;
}

/** Keystone v2.0 `passwordCredentials`. */
export interface V2PasswordCredentials {
  /** Discriminator. */
  type: 'v2password';
  /** User name. */
  username: string;
  /** Password. */
  password: string;
}

/** An existing Keystone v2.0 token, exchanged for a tenant-scoped one. */
export interface V2TokenCredentials {
  /** Discriminator. */
  type: 'v2token';
  /** The token. */
  token: string;
}

/**
 * A credential type the library does not know, for vendor extensions such as Rackspace's
 * `RAX-KSKEY:apiKeyCredentials`: `authBody` returns the members of the request's `auth` object
 * (v2.0: e.g. `{ "RAX-KSKEY:apiKeyCredentials": { username, apiKey } }`, tenant fields are added from the scope;
 * v3: the `identity` object, the scope is added). Keep secrets out of `name`.
 */
export interface CustomCredentials {
  /** Discriminator. */
  type: 'custom';
  /** Short name for messages, e.g. `rax-apikey`. */
  name: string;
  /** Keystone API the body is for. */
  identityApiVersion: '2.0' | '3';
  /** Builds the credential part of the auth request body (called for every authentication). */
  authBody(): Record<string, unknown>;
}

/** Every credential type an {@link IdentitySession} authenticates with. */
export type IdentityCredentials =
  V3PasswordCredentials | V3ApplicationCredentials | V3TokenCredentials | V2PasswordCredentials | V2TokenCredentials | CustomCredentials;

/**
 * What a token is scoped to. Project by id, or by name with its domain (id or name); or a domain (v3);
 * or nothing (an unscoped token has no catalog). v2.0 maps the project to `tenantId`/`tenantName`.
 */
export interface IdentityScope {
  /** Project (tenant) id. */
  projectId?: string | undefined;
  /** Project (tenant) name. */
  projectName?: string | undefined;
  /** Domain id of the project named by `projectName` (v3). */
  projectDomainId?: string | undefined;
  /** Domain name of the project named by `projectName` (v3). */
  projectDomainName?: string | undefined;
  /** Domain id, for a domain-scoped token (v3, no project given). */
  domainId?: string | undefined;
  /** Domain name, for a domain-scoped token (v3, no project given). */
  domainName?: string | undefined;
}

/** One endpoint of a catalog service. */
export interface CatalogEndpoint {
  /** URL as the catalog gives it. */
  url: string;
  /** Interface. */
  interface: EndpointInterface;
  /** Region id (or name), when the catalog gives one. */
  region: string | undefined;
  /** Endpoint id, when the catalog gives one. */
  id: string | undefined;
}

/** One catalog service. */
export interface CatalogService {
  /** Service type (`compute`, `volumev3`…). */
  type: string;
  /** Service name (`nova`…). */
  name: string | undefined;
  /** Service id (v3). */
  id: string | undefined;
  /** Endpoints. */
  endpoints: readonly CatalogEndpoint[];
}

/** What Keystone said about the current token (never the token itself). */
export interface AccessInfo {
  /** Keystone API that issued it. */
  identityApiVersion: '2.0' | '3';
  /** Local time (ms since epoch) the token expires at, corrected for clock skew when Keystone sends `issued_at`. */
  expiresAt: number;
  /** `expires_at` / `expires` exactly as Keystone sent it. */
  expiresAtRaw: string;
  /** User id. */
  userId: string | undefined;
  /** User name. */
  userName: string | undefined;
  /** Scoped project (tenant) id. */
  projectId: string | undefined;
  /** Scoped project name. */
  projectName: string | undefined;
  /** Domain id of the scoped project, or of the scoped domain. */
  domainId: string | undefined;
  /** Whether the token is scoped to a domain rather than a project. */
  domainScoped: boolean;
  /** Role names. */
  roles: readonly string[];
  /** Auth methods (`password`, `application_credential`, `token`). */
  methods: readonly string[];
  /** The service catalog (empty for an unscoped token). */
  catalog: readonly CatalogService[];
}

/** One API version of a service as its version document describes it. */
export interface DiscoveredVersion {
  /** Version id, e.g. `v2.1`, `v2.16`, `v3.0`, `v2.0`. */
  id: string;
  /** `CURRENT`, `SUPPORTED`, `DEPRECATED`, `EXPERIMENTAL`… */
  status: string | undefined;
  /** Lowest microversion (Nova `min_version`, Cinder `min_version`), when the service has microversions. */
  minMicroversion: string | undefined;
  /** Highest microversion (Nova/Cinder `version`), when the service has microversions. */
  maxMicroversion: string | undefined;
  /** The version's own URL (the `self` link). */
  url: string | undefined;
}

/** A resolved service endpoint. */
export interface ServiceEndpoint {
  /** Base URL to send requests to, no trailing slash. */
  url: string;
  /** Canonical service type it was resolved for. */
  serviceType: string;
  /** Where the URL came from. */
  source: 'catalog' | 'override';
  /** The catalog entry's URL before discovery (or the override). */
  catalogUrl: string;
  /** Region of the catalog endpoint, when known. */
  region: string | undefined;
  /** Interface of the catalog endpoint. */
  interface: EndpointInterface;
}
