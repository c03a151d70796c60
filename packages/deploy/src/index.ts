/**
 * `@cloudmux/deploy`: bootstrap new nodes over SSH (ssh2). `deployNode` creates a node, waits for it
 * and for SSH, and runs deployment steps (`ScriptDeployment`, `FileDeployment`, `SSHKeyDeployment`,
 * `MultiStepDeployment`...). `NodeDriver.deployNode` in `@cloudmux/core` loads this package lazily.
 * @module
 */
export { deployNode, type DeployNodeSshOptions } from './deploy/deploy-node.js';
export { addressesOf, IP_VERSIONS, type IpVersion } from './deploy/addresses.js';
export { discoverPrivateKey, DEFAULT_SSH_KEY_NAMES, type DiscoverPrivateKeyOptions } from './ssh/key-discovery.js';
export { deployNodes, type DeployNodesOptions } from './deploy/deploy-nodes.js';
export { waitForSsh, type WaitForSshOptions } from './deploy/wait-for-ssh.js';
export { DeployProgress } from './deploy/progress.js';
export { bootScriptEx, bootScriptExKey } from './deploy/boot-script.js';
export { deploymentErrorFor, firstFailedLeaf } from './deploy/failure.js';
export { Deployment, isDeployment, type DeploymentContext } from './steps/deployment.js';
export { ScriptDeployment, type ScriptDeploymentOptions } from './steps/script-deployment.js';
export { ScriptFileDeployment } from './steps/script-file-deployment.js';
export { FileDeployment, type FileDeploymentOptions } from './steps/file-deployment.js';
export { SSHKeyDeployment, type SSHKeyDeploymentOptions } from './steps/ssh-key-deployment.js';
export { MultiStepDeployment, type MultiStepDeploymentOptions } from './steps/multi-step-deployment.js';
export { SshClient, type SshConnectOptions } from './ssh/ssh-client.js';
export type { ExecOptions, ExecResult } from './ssh/exec.js';
export {
  HostKeyVerifier,
  HOST_KEY_POLICIES,
  type HostKeyPolicy,
  type HostKeyOptions,
  type HostKeyDecision,
} from './ssh/host-key-policy.js';
export {
  parseKnownHosts,
  lookupKnownHost,
  entryMatchesHost,
  formatKnownHostsLine,
  appendKnownHost,
  knownHostsName,
  readKnownHostsFile,
  type KnownHostEntry,
  type KnownHostKeys,
} from './ssh/known-hosts.js';
export { loadPrivateKey, parsePrivateKey, type LoadedPrivateKey } from './ssh/private-key.js';
export { sha256Fingerprint, normalizeFingerprint } from './ssh/fingerprint.js';
export { shellQuote, shellJoin } from './ssh/quote.js';
export { SshConnectionError, HostKeyVerificationError, SshCommandTimeoutError, SftpError, isRetryableSshError } from './ssh/errors.js';
export type {
  DeployNodeOptions,
  DeployNodeResult,
  DeploymentStepResult,
  DeployProgressEvent,
  DeployPhase,
  DeploymentLike,
} from '@cloudmux/core/compute';
