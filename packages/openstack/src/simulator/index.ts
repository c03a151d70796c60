/**
 * `@cloudmux/openstack/simulator`: a stateful OpenStack simulator for tests, examples and demos. Keystone
 * v2.0 and v3 (password, token and application-credential auth, project/domain scope, a catalog pointing at
 * the simulator itself, 401 on expired or revoked tokens), plus Nova, Glance, Cinder and Neutron.
 *
 * ```ts
 * const sim = await OpenStackSimulator.start({ tokenLifetimeMs: 60_000 });
 * // OS_AUTH_URL=sim.authUrl OS_USERNAME=demo OS_PASSWORD=secret OS_PROJECT_NAME=demo OS_USER_DOMAIN_NAME=Default …
 * await sim.stop();
 * ```
 * @module
 */
export { OpenStackSimulator } from './server.js';
export { SimulatorWorld, unauthorizedReply, type SimulatorStores, type ProjectToken } from './world.js';
export type { SimToken, SimProject, SimUser, SimDomain, SimRole, SimApplicationCredential } from './identity/model.js';
export {
  DEFAULT_SIMULATOR_USERS,
  resolveSimulatorOptions,
  type OpenStackSimulatorOptions,
  type ResolvedSimulatorOptions,
  type SimulatorUserSeed,
  type SimCatalogService,
  type SimulatorExtension,
  type V2CredentialVerifier,
} from './options.js';
export { CATALOG_SERVICES } from './identity/catalog.js';
export { keystoneError } from './identity/errors.js';
export { obj, str, keystoneTime, isoSeconds, type Json } from './json.js';
export { runSimulatorCli, CLI_USAGE, type CliHandle } from './cli-main.js';
export {
  ComputeStore,
  computeStore,
  FAIL_BUILD_METADATA_KEY,
  NOVA_TIMINGS,
  SIM_MIN_MICROVERSION,
  SIM_MAX_MICROVERSION,
  type SimServer,
  type SimFlavor,
  type SimKeyPair,
} from './compute/register.js';
export { ImageStore, imageStore, type SimImage } from './image/register.js';
export { VolumeStore, volumeStore, CINDER_TIMINGS, FAIL_VOLUME_METADATA_KEY } from './volume/register.js';
export { NetworkStore, networkStore, NEUTRON_TIMINGS } from './network/register.js';

// --- Swift (helper SW) ---
export {
  registerSwiftRoutes,
  SWIFT_SIM_INFO,
  SWIFT_PREFIX,
  SwiftStore,
  swiftStore,
  type SwiftSimAccount,
  type SwiftSimContainer,
  type SwiftSimObject,
} from './swift/register.js';
