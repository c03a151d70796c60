/**
 * The Rackspace Cloud Servers (next generation) driver: the OpenStack compute driver with Rackspace identity,
 * regions and catalog names, plus rescue mode.
 * @module
 */
import type { CallOptions } from '@cloudmux/core';
import type { Node, Ref } from '@cloudmux/core/compute';
import { OpenStackNodeDriver } from '@cloudmux/openstack';
import { rackspaceAuthFromEnv } from '../identity/from-env.js';
import { toOpenStackOptions, type RackspaceFromEnvOptions, type RackspaceNodeDriverOptions } from './options.js';
import { RACKSPACE_COMPUTE_PROVIDER, RACKSPACE_COMPUTE_PROVIDER_ID } from './provider.js';
import { rescueNode, unrescueNode } from './rescue.js';
import type { RescueNodeOptions } from './types.js';

/**
 * Rackspace Cloud Servers (next generation): Nova v2 through Rackspace Cloud Identity (username + API key, or
 * password), the catalog's `cloudServersOpenStack` endpoint of the chosen region, Cloud Images, Cloud Block
 * Storage and Cloud Networks. Everything of {@link OpenStackNodeDriver} applies (`createNode` `ex.diskConfig`
 * `AUTO`/`MANUAL`, `ex.configDrive`, `exRebuildNode`, `exResizeNode`…); sizes are priced from
 * `pricing/compute/rackspace.json` by region. Rackspace's Nova has no microversions: none is sent.
 *
 * @example
 * const driver = new RackspaceNodeDriver('myuser', process.env.RACKSPACE_API_KEY, { region: 'ORD' });
 * const driver2 = RackspaceNodeDriver.fromEnv(); // RACKSPACE_USERNAME, RACKSPACE_API_KEY, RACKSPACE_REGION
 */
export class RackspaceNodeDriver extends OpenStackNodeDriver {
  /** Rackspace Cloud Servers: id `rackspace`, the six regions. */
  static override readonly provider = RACKSPACE_COMPUTE_PROVIDER;

  /**
   * A driver from `RACKSPACE_USERNAME` + `RACKSPACE_API_KEY` (or `RACKSPACE_PASSWORD`), `RACKSPACE_REGION`,
   * `RACKSPACE_IDENTITY`, or the `OS_*` equivalents; `overrides` win over the environment.
   */
  static override fromEnv(
    env: Readonly<Record<string, string | undefined>> = process.env,
    overrides: RackspaceFromEnvOptions = {},
  ): RackspaceNodeDriver {
    const { username, secret, options } = rackspaceAuthFromEnv(env, RACKSPACE_COMPUTE_PROVIDER_ID);
    return new RackspaceNodeDriver(username, secret, { ...options, ...overrides });
  }

  /**
   * @param username - Rackspace username (omit with `options.session`).
   * @param apiKey - API key, or the password with `authType: 'password'` (omit with `options.session`).
   * @param options - Region (required), identity endpoint, and the shared Rackspace options.
   */
  constructor(username: string | undefined, apiKey: string | undefined, options: RackspaceNodeDriverOptions = {}) {
    super(toOpenStackOptions(username, apiKey, options));
  }

  /**
   * Puts a server in rescue mode (status `RESCUE`): it boots a rescue image with its own disk attached.
   * Returns the rescue environment's admin password (`options.password`, or the one Cloud Servers generated).
   * Rackspace keeps a server in rescue mode for at most 90 minutes.
   */
  exRescueNode(node: Ref<Node>, options: RescueNodeOptions = {}): Promise<string> {
    return rescueNode(this.context, node, options);
  }

  /** Takes a server out of rescue mode (back to `ACTIVE` from its own disk). */
  exUnrescueNode(node: Ref<Node>, options: CallOptions = {}): Promise<boolean> {
    return unrescueNode(this.context, node, options);
  }
}
