/**
 * `@cloudmux/dummy`: in-memory Dummy drivers for compute, DNS and load balancers, and the Local
 * storage driver (containers and objects on the file system).
 * @module
 */
export { DummyNodeDriver, DUMMY_COMPUTE_CAPABILITIES } from './compute/node-driver.js';
export { DUMMY_PROVIDER, DUMMY_REGIONS, DUMMY_SIZES, DUMMY_IMAGES, type DummySizeSpec, type DummyImageSpec } from './compute/catalog.js';
export { readDummyEnv, type DummyNodeDriverOptions, type DummyNodeIps } from './compute/options.js';
export { parseOpenSshPublicKey, generateEd25519KeyPair, type ParsedPublicKey, type GeneratedKeyPair } from './compute/ssh-keys.js';
export type {
  DummyNodeExtra,
  DummySizeExtra,
  DummyImageExtra,
  DummyLocationExtra,
  DummyVolumeExtra,
  DummyKeyPairExtra,
  DummyCreateNodeEx,
  DummyCreateNodeExtras,
  DummyListNodesEx,
  DummyListNodesFilters,
} from './compute/types.js';
export { DummyDnsDriver, DUMMY_DNS_CAPABILITIES } from './dns/dns-driver.js';
export { DUMMY_RECORD_TYPES } from './dns/record-data.js';
export {
  DummyLoadBalancerDriver,
  DUMMY_LB_CAPABILITIES,
  DUMMY_LB_PROTOCOLS,
  DUMMY_LB_ALGORITHMS,
  type DummyBalancerExtra,
} from './loadbalancer/lb-driver.js';
export {
  LocalStorageDriver,
  LOCAL_PROVIDER,
  LOCAL_CAPABILITIES,
  type LocalStorageDriverOptions,
  type LocalExtra,
  type LocalObjectExtra,
} from './storage/local-driver.js';
export { HASH_ALGORITHMS, type HashAlgorithm } from './storage/hash.js';
export { checkObjectName, checkContainerName } from './storage/names.js';
