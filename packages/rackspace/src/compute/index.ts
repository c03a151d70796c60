/**
 * Rackspace Cloud Servers (next generation): the driver, its provider data and options.
 * @module
 */
export { RackspaceNodeDriver } from './driver.js';
export {
  RACKSPACE_COMPUTE_PROVIDER,
  RACKSPACE_COMPUTE_PROVIDER_ID,
  RACKSPACE_COMPUTE_SERVICE_NAMES,
  RACKSPACE_FIRST_GEN_PROVIDER_ID,
  RACKSPACE_FIRST_GEN_RETIRED_MESSAGE,
} from './provider.js';
export { RACKSPACE_NODE_DRIVER_OPTIONS, type RackspaceNodeDriverOptions, type RackspaceFromEnvOptions } from './options.js';
export type { RackspaceCreateNodeEx, RackspaceCreateNodeOptions, RackspaceNodeExtra, RescueNodeOptions } from './types.js';
