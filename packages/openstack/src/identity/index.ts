/**
 * Identity: Keystone v3/v2.0 sessions, credentials, the service catalog and version discovery.
 * @module
 */
export { credentialLabel } from './credentials.js';
export { IdentitySession, type IdentitySessionOptions, type SessionConnectionOptions, type DiscoveryResult } from './session.js';
export type {
  AccessInfo,
  CatalogEndpoint,
  CatalogService,
  CustomCredentials,
  DiscoveredVersion,
  EndpointInterface,
  IdentityCredentials,
  IdentityScope,
  ServiceEndpoint,
  ServiceSelector,
  V2PasswordCredentials,
  V2TokenCredentials,
  V3ApplicationCredentials,
  V3PasswordCredentials,
  V3TokenCredentials,
} from './types.js';
export { selectEndpoint, catalogRegions, type CatalogDefaults, type SelectedEndpoint } from './catalog.js';
export { canonicalServiceType, serviceTypeCandidates, defaultServiceVersion } from './service-types.js';
export { chooseVersion, parseVersionDocument, versionRoot } from './discovery.js';
export { parseV3Token, parseV3Catalog, v3AuthBody } from './v3.js';
export { parseV2Access, parseV2Catalog, v2AuthBody } from './v2.js';
