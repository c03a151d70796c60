/**
 * Constructor options of `RackspaceNodeDriver` and their translation into OpenStack driver options.
 * @module
 */
import type { OpenStackDriverOptions } from '@cloudmux/openstack';
import { resolveRackspaceAuth, type RackspaceAuthOptions } from '../identity/auth-options.js';
import { RACKSPACE_COMPUTE_PROVIDER_ID, RACKSPACE_COMPUTE_SERVICE_NAMES } from './provider.js';

/** Options of `new RackspaceNodeDriver(username, apiKey, options)`: the shared Rackspace options plus the driver's own. */
export interface RackspaceNodeDriverOptions extends RackspaceAuthOptions {
  /** Poll interval of waits (`waitUntilRunning` default), ms (default 2000). */
  pollIntervalMs?: number | undefined;
  /**
   * Nova microversion to use instead of negotiating. Rackspace's Nova has none (the driver then sends none);
   * only for clouds that do.
   */
  computeMicroversion?: string | undefined;
}

/** Overrides of `RackspaceNodeDriver.fromEnv` (credentials come from the environment). */
export type RackspaceFromEnvOptions = Omit<RackspaceNodeDriverOptions, 'session'>;

/** The driver's own option names (besides `RACKSPACE_AUTH_OPTIONS`). */
export const RACKSPACE_NODE_DRIVER_OPTIONS: readonly string[] = Object.freeze(['pollIntervalMs', 'computeMicroversion']);

/**
 * Validates the options and builds the OpenStack driver's: a Rackspace identity session, the region, and
 * Rackspace's catalog names (`cloudServersOpenStack`, `cloudImages`, `cloudBlockStorage`, `cloudNetworks`).
 */
export function toOpenStackOptions(
  username: string | undefined,
  apiKey: string | undefined,
  options: RackspaceNodeDriverOptions,
): OpenStackDriverOptions {
  const provider = RACKSPACE_COMPUTE_PROVIDER_ID;
  const { session, region } = resolveRackspaceAuth(
    provider,
    username,
    apiKey,
    options as RackspaceNodeDriverOptions & Record<string, unknown>,
    RACKSPACE_NODE_DRIVER_OPTIONS,
  );
  return {
    session,
    provider,
    region: region?.id,
    serviceNames: RACKSPACE_COMPUTE_SERVICE_NAMES,
    ...(options.computeMicroversion !== undefined ? { computeMicroversion: options.computeMicroversion } : {}),
    ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
  };
}
