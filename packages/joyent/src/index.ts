/**
 * `@cloudmux/joyent`: the Joyent Triton / SmartDataCenter CloudAPI compute driver, with HTTP
 * Signature auth (key files, key text, ssh-agent, RBAC sub-users). The CloudAPI simulator is at
 * `@cloudmux/joyent/simulator`.
 * @module
 */
export { JoyentNodeDriver } from './driver/driver.js';
export { JoyentDriverBase, JOYENT_CAPABILITIES } from './driver/base-driver.js';
export type { JoyentDriverOptions } from './driver/options.js';
export type {
  JoyentCreateNodeExtras,
  JoyentImageFilters,
  JoyentListNodesFilters,
  JoyentListOptions,
  JoyentNetworkSpec,
  JoyentPackageFilters,
  JoyentVolumeMount,
} from './driver/call-options.js';
export type { JoyentNodePredicate, WaitForStateOptions } from './driver/wait-for-state.js';
export type { WaitForSnapshotOptions } from './driver/ex-snapshots.js';
export type { FirewallRuleInput } from './driver/ex-firewall.js';
export type { AddNicOptions } from './driver/ex-networks.js';
export type { JoyentPing } from './driver/ex-account.js';
export type { JoyentTagValue } from './driver/ex-tags.js';
export type * from './types.js';
export type { CloudApiMachineState } from './wire.js';
export { JOYENT_PROVIDER, JOYENT_REGIONS, DEFAULT_API_VERSION, LEGACY_API_VERSION } from './provider.js';
export { MACHINE_STATE_MAP, toNodeState } from './state-map.js';
export { CLOUDAPI_ERROR_CLASSES, mapCloudApiError } from './errors.js';
export { readJoyentEnv, type Env, type JoyentEnvConfig } from './config/from-env.js';
export { loadTritonProfile, parseTritonProfile, type TritonProfile } from './config/triton-profile.js';
export type { HttpSignatureAlgorithm, SigningKeyInfo, SigningKeyType } from './auth/signing-key.js';
export { buildSigningString, formatAuthorization, type SignatureDialect } from './auth/http-signature.js';
export { parseFingerprint, parseKeyId, formatKeyId, type Fingerprint, type ParsedKeyId } from './auth/key-id.js';
