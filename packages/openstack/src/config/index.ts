/**
 * Configuration from `OS_*` variables and clouds.yaml.
 *
 * For CO (`OpenStackNodeDriver.fromEnv(env)`): call
 * `resolveOpenStackConfig(env, { cwd?, homeDir?, etcDir?, cloud?, region? })` → {@link OpenStackConfig}, then
 * `new IdentitySession(sessionOptionsFromConfig(config, { provider }))`. `config.apiVersions.compute`
 * (`compute_api_version` / `OS_COMPUTE_API_VERSION`) is the microversion the user asked for, if any.
 * @module
 */
export { resolveOpenStackConfig, sessionOptionsFromConfig } from './resolve.js';
export { AUTH_TYPES, type OpenStackAuthType, type OpenStackConfig, type ResolveOpenStackConfigOptions } from './types.js';
export { hideSecrets, redactedCredentials } from './hide-secrets.js';
