/**
 * `@cloudmux/stratuslab`: the StratusLab compute driver, a third-party cloudmux package. It is not
 * bundled with `cloudmux`; register it at runtime:
 *
 * ```ts
 * import { getDriver, setDriver } from '@cloudmux/core/compute';
 * setDriver('stratuslab', '@cloudmux/stratuslab', 'StratusLabNodeDriver');
 * const driver = new (getDriver('stratuslab'))();
 * ```
 * @module
 */
export { StratusLabNodeDriver } from './compute/driver.js';
export { STRATUSLAB_PROVIDER } from './compute/provider.js';
export { STRATUSLAB_CAPABILITIES } from './compute/capabilities.js';
export {
  type StratusLabCreateNodeEx,
  type StratusLabDriverOptions,
  type StratusLabListNodesEx,
  CREATE_NODE_EX_KEYS,
  LIST_NODES_EX_KEYS,
} from './compute/options.js';
export { type StratusLabLocationOptions } from './config/user-config.js';
export { DEFAULT_INSTANCE_TYPE, DEFAULT_INSTANCE_TYPES, type StratusLabInstanceType } from './compute/instance-types.js';
export { LCM_STATES, STATE_SUMMARY_MAP, VM_STATES, stateSummary, toNodeState } from './compute/state-map.js';
export { ONE_ERROR_CLASSES, ONE_ERROR_CODES } from './compute/errors.js';
export { defaultConfigPath } from './compute/context.js';
export { readStratusLabEnv, type Env, type StratusLabEnvConfig } from './compute/from-env.js';
export type { StratusLabNodeExtra } from './compute/to-node.js';
export type { StratusLabImageExtra } from './compute/to-image.js';
export type { StratusLabLocationExtra, StratusLabSizeExtra } from './compute/catalog.js';
export type { StratusLabVolumeExtra } from './compute/volumes.js';
export {
  decodeCall,
  decodeResponse,
  encodeCall,
  encodeFault,
  encodeResponse,
  encodeValue,
  XmlRpcDouble,
  XmlRpcFormatError,
  type XmlRpcCall,
  type XmlRpcInput,
  type XmlRpcResponse,
  type XmlRpcStruct,
  type XmlRpcValue,
} from './xmlrpc/codec.js';
