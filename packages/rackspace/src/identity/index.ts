/**
 * Rackspace identity: regions, identity endpoints, catalog names, API-key credentials, shared auth options.
 * @module
 */
export {
  RACKSPACE_REGIONS,
  rackspaceRegion,
  type RackspaceRegion,
  type RackspaceRegionInfo,
  type RackspaceIdentityLocation,
} from './regions.js';
export { RACKSPACE_IDENTITY_URLS, RACKSPACE_SERVICES, type RackspaceCatalogName } from './endpoints.js';
export { RAX_KSKEY, rackspaceApiKeyCredentials } from './credentials.js';
export { RACKSPACE_AUTH_OPTIONS, resolveRackspaceAuth, type RackspaceAuthOptions, type ResolvedRackspaceAuth } from './auth-options.js';
export { rackspaceAuthFromEnv, type RackspaceEnvAuth } from './from-env.js';
