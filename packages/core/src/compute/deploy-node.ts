import { CloudError } from '../errors/cloud-error.js';
import type { NodeDriver } from './base-driver.js';
import type { Node } from './node.js';
import type { CreateNodeOptions } from './options.js';

/**
 * A deployment step as `deployNode` sees it. `@cloudmux/deploy` provides the real steps
 * (`ScriptDeployment`, `SSHKeyDeployment`, `MultiStepDeployment`...).
 */
export interface DeploymentLike {
  /** Step name used in results and errors. */
  readonly name: string;
}

/** Progress event emitted by `deployNode`. */
export interface DeployProgressEvent {
  /** Phase: `create`, `wait-running`, `wait-ssh`, `step`, `done`, `destroy`. */
  phase: string;
  /** Human-readable detail. */
  message: string;
  /** Node, once created. */
  node?: Node | undefined;
}

/** Options of `deployNode` (create options plus SSH and deployment settings). */
export interface DeployNodeOptions<X extends object = Record<string, unknown>> extends CreateNodeOptions<X> {
  /** What to run on the node. */
  deploy: DeploymentLike;
  /** SSH user (default `root`). */
  sshUsername?: string | undefined;
  /** Users to try after `sshUsername`. */
  sshAlternateUsernames?: readonly string[] | undefined;
  /** SSH port (default 22). */
  sshPort?: number | undefined;
  /** Private key: a path, or the key text. */
  sshKey?: string | Buffer | undefined;
  /** Passphrase of `sshKey`. */
  sshKeyPassword?: string | undefined;
  /** Login password, if keys are not used. */
  sshPassword?: string | undefined;
  /** Use the ssh-agent at `SSH_AUTH_SOCK`. */
  useAgent?: boolean | undefined;
  /** Which interface to connect to (default `public`). */
  sshInterface?: 'public' | 'private' | undefined;
  /** Host-key policy: `accept-new` (default), `strict`, `insecure`. */
  hostKeyPolicy?: 'strict' | 'accept-new' | 'insecure' | undefined;
  /** For `strict`: a known_hosts file. */
  knownHostsFile?: string | undefined;
  /** For `strict`: expected SHA256 host-key fingerprints (`SHA256:...`). */
  hostKeyFingerprints?: readonly string[] | undefined;
  /** Overall timeout (default 600000 ms). */
  timeoutMs?: number | undefined;
  /** SSH connection attempts (default 3 per wait period budget). */
  maxTries?: number | undefined;
  /** Poll interval while waiting (default 3000 ms). */
  waitPeriodMs?: number | undefined;
  /** Progress callback. */
  onProgress?: ((event: DeployProgressEvent) => void) | undefined;
  /** Destroy the node if deployment fails (default false). */
  destroyOnFailure?: boolean | undefined;
}

/** Outcome of one deployment step. */
export interface DeploymentStepResult {
  /** Step name. */
  name: string;
  /** Whether it succeeded. */
  ok: boolean;
  /** Exit status for command steps. */
  exitCode?: number | null | undefined;
  /** Captured stdout. */
  stdout?: string | undefined;
  /** Captured stderr. */
  stderr?: string | undefined;
  /** Sub-step results for multi-step deployments. */
  steps?: readonly DeploymentStepResult[] | undefined;
}

/** What `deployNode` resolves with. */
export interface DeployNodeResult<E extends object = object> {
  /** The node, running. */
  node: Node<E>;
  /** Per-step results in order. */
  steps: readonly DeploymentStepResult[];
  /** SSH user that logged in. */
  sshUsername: string;
  /** Host-key fingerprint seen (SHA256), reported for `accept-new`. */
  hostKeyFingerprint?: string | undefined;
}

type DeployModule = { deployNode(driver: NodeDriver, options: DeployNodeOptions): Promise<DeployNodeResult> };

/** Loads `@cloudmux/deploy` on first use and runs its `deployNode`. */
export async function deployNodeLazily(driver: NodeDriver, options: DeployNodeOptions): Promise<DeployNodeResult> {
  let mod: DeployModule;
  try {
    const specifier = '@cloudmux/deploy';
    mod = (await import(specifier)) as DeployModule;
  } catch (cause) {
    const code = (cause as { code?: string }).code;
    if (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') {
      throw new CloudError('deployNode needs the @cloudmux/deploy package: npm install @cloudmux/deploy', { cause, provider: driver.providerId });
    }
    throw cause;
  }
  return mod.deployNode(driver, options);
}
