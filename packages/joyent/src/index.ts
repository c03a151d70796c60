/**
 * `@cloudmux/joyent`: the Joyent Triton / SmartDataCenter CloudAPI compute driver, with HTTP
 * Signature auth (key files, key text, ssh-agent, RBAC sub-users). The CloudAPI simulator is at
 * `@cloudmux/joyent/simulator`.
 * @module
 */
export { JoyentNodeDriver } from './cloudapi/driver.js';
export { JOYENT_CAPABILITIES } from './cloudapi/capabilities.js';
export { JoyentDriverBase } from './cloudapi/deprecated.js';
export type { JoyentDriverOptions } from './cloudapi/options.js';
export type {
  JoyentCreateNodeEx,
  JoyentCreateNodeExtras,
  JoyentCreateNodeOptions,
  JoyentImageFilters,
  JoyentListNodesEx,
  JoyentListNodesFilters,
  JoyentListOptions,
  JoyentNetworkSpec,
  JoyentPackageFilters,
  JoyentVolumeMount,
} from './cloudapi/options.js';
export type { JoyentNodePredicate, WaitForStateOptions } from './cloudapi/waits.js';
export type { WaitForSnapshotOptions } from './cloudapi/snapshots.js';
export type { CreateImageFromNodeOptions, WaitForImageOptions } from './cloudapi/image-from-node.js';
export type { FirewallRuleInput } from './cloudapi/firewall.js';
export type { AddNicOptions } from './cloudapi/networks.js';
export type { JoyentPing } from './cloudapi/account.js';
export type { JoyentTagValue } from './cloudapi/tags.js';
export type * from './cloudapi/types.js';
export type { CloudApiMachineState } from './cloudapi/wire.js';
export { JOYENT_PROVIDER, JOYENT_REGIONS, DEFAULT_API_VERSION, LEGACY_API_VERSION, isLegacyRange } from './cloudapi/provider.js';
export { MACHINE_STATE_MAP, toNodeState } from './cloudapi/state-map.js';
export { CLOUDAPI_ERROR_CLASSES, mapCloudApiError } from './cloudapi/errors.js';
export { readJoyentEnv, type Env, type JoyentEnvConfig } from './config/from-env.js';
export { loadTritonProfile, parseTritonProfile, type TritonProfile } from './config/triton-profile.js';
export type { HttpSignatureAlgorithm, SigningKeyInfo, SigningKeyType } from './auth/signing-key.js';
export { buildSigningString, formatAuthorization, type SignatureDialect } from './auth/http-signature.js';
export { parseFingerprint, parseKeyId, formatKeyId, type Fingerprint, type ParsedKeyId } from './auth/key-id.js';
