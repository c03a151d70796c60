/**
 * The configuration entry point: `OS_*` variables and clouds.yaml → one {@link OpenStackConfig}, and
 * from it the options of an {@link IdentitySession}.
 * @module
 */
import type { IdentitySessionOptions } from '../identity/session.js';
import { defaultDirs } from './files.js';
import { selectCloud } from './select-cloud.js';
import { toOpenStackConfig } from './to-config.js';
import type { OpenStackConfig, ResolveOpenStackConfigOptions } from './types.js';

/**
 * Resolves the cloud to talk to, as openstacksdk does: `OS_CLOUD` (or `options.cloud`) picks an entry of the first
 * clouds.yaml found (`OS_CLIENT_CONFIG_FILE`, `./clouds.yaml`, `~/.config/openstack/clouds.yaml`,
 * `/etc/openstack/clouds.yaml`; `.yml`/`.json` too) with secure.yaml merged in; otherwise the `OS_*` variables
 * (`OS_AUTH_URL`, `OS_USERNAME`, `OS_PASSWORD`, `OS_PROJECT_NAME`, …) make the cloud; otherwise a clouds.yaml
 * holding a single cloud is used. `OS_REGION_NAME` (or `options.region`) selects the region in either case.
 * Throws `InvalidArgumentError` for an unknown cloud (listing the known ones), a missing auth URL or secret,
 * or an invalid value, and `NotSupportedError` for auth types cloudmux does not implement.
 */
export function resolveOpenStackConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
  options: ResolveOpenStackConfigOptions = {},
): OpenStackConfig {
  const selected = selectCloud(env, defaultDirs(options), options.cloud);
  const envRegion = env.OS_REGION_NAME !== undefined && env.OS_REGION_NAME !== '' ? env.OS_REGION_NAME : undefined;
  return toOpenStackConfig(selected, options.region ?? (selected.source === 'clouds.yaml' ? envRegion : undefined));
}

/**
 * The {@link IdentitySession} options for a resolved configuration (auth URL, credentials, scope, region,
 * interface, endpoint overrides, TLS, timeout); `extra` is laid over them.
 */
export function sessionOptionsFromConfig(config: OpenStackConfig, extra: Partial<IdentitySessionOptions> = {}): IdentitySessionOptions {
  return {
    authUrl: config.authUrl,
    credentials: config.credentials,
    scope: config.scope,
    region: config.region,
    interface: config.interface,
    endpointOverrides: config.endpointOverrides,
    ...extra,
    connection: {
      tls: config.tls.rejectUnauthorized
        ? config.tls.ca !== undefined
          ? { ca: config.tls.ca }
          : undefined
        : { rejectUnauthorized: false },
      ...(config.timeoutMs !== undefined ? { timeoutMs: config.timeoutMs } : {}),
      ...extra.connection,
    },
  };
}
