import { CloudError } from '../errors/cloud-error.js';
import type { NodeDriver } from './base-driver.js';
import type { Node } from './node.js';
import type { CreateNodeOptions } from './options.js';

/**
 * A deployment step as `deployNode` sees it. `@cloudmux/deploy` provides the real steps
 * (`ScriptDeployment`, `SSHKeyDeployment`, `MultiStepDeployment`...), which also have a
 * `run(client, context)` method; core only needs the name.
 */
export interface DeploymentLike {
  /** Step name used in results and errors. */
  readonly name: string;
}

/** Phases of `deployNode`, in the order they happen (`failed` and `destroy` only on failure). */
export type DeployPhase =
  'create' | 'created' | 'wait-running' | 'wait-ssh' | 'ssh-ready' | 'step' | 'step-done' | 'done' | 'failed' | 'destroy';

/** Progress event emitted by `deployNode`. */
export interface DeployProgressEvent {
  /** Phase reached. */
  phase: DeployPhase;
  /** Human-readable detail. */
  message: string;
  /** Node, once created. */
  node?: Node | undefined;
  /** Step name, for `step` and `step-done`. */
  step?: string | undefined;
  /** Step result, for `step-done`. */
  result?: DeploymentStepResult | undefined;
  /** Error, for `failed`. */
  error?: unknown;
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
  /** Login password (default: the password of `auth` when it is `{ kind: 'password' }`). */
  sshPassword?: string | undefined;
  /** Use the ssh-agent at `SSH_AUTH_SOCK` (default: true when no key or password is given and `SSH_AUTH_SOCK` is set). */
  useAgent?: boolean | undefined;
  /** Which interface to connect to (default `public`). */
  sshInterface?: 'public' | 'private' | undefined;
  /** Addresses SSH tries: 4, 6, or 'any' (IPv4 first; the default). Libcloud's `force_ipv4`. */
  ipVersion?: 4 | 6 | 'any' | undefined;
  /** Where to look for id_ed25519 / id_ecdsa / id_rsa when no key or password is given (default ~/.ssh; false: no lookup). */
  sshDir?: string | false | undefined;
  /** Host-key policy: `accept-new` (default), `strict`, `insecure`. */
  hostKeyPolicy?: 'strict' | 'accept-new' | 'insecure' | undefined;
  /** known_hosts file: checked under `strict` and `accept-new`; new hosts are appended to it under `accept-new`. */
  knownHostsFile?: string | undefined;
  /** Accepted SHA256 host-key fingerprints (`SHA256:...`, as `ssh-keygen -lf` prints them). */
  hostKeyFingerprints?: readonly string[] | undefined;
  /** For `accept-new`: write hashed lines when appending to `knownHostsFile` (default false). */
  hashKnownHosts?: boolean | undefined;
  /** Overall timeout: node creation, boot, SSH and every step (default 600000 ms). */
  timeoutMs?: number | undefined;
  /** Most SSH connection rounds (each tries every user) before giving up (default: no limit; `timeoutMs` bounds the wait). */
  maxTries?: number | undefined;
  /** Poll interval while waiting for the node and for SSH (default 3000 ms). */
  pollIntervalMs?: number | undefined;
  /**
   * @deprecated Use {@link DeployNodeOptions.pollIntervalMs} (the name every cloudmux poll interval
   * has). Honoured when `pollIntervalMs` is absent; passing both with different values throws
   * `InvalidArgumentError`.
   */
  waitPeriodMs?: number | undefined;
  /** Limit for one SSH connection attempt: TCP connect, banner, key exchange, login (default 20000 ms). */
  sshTimeoutMs?: number | undefined;
  /** Progress callback. */
  onProgress?: ((event: DeployProgressEvent) => void) | undefined;
  /** Destroy the node if anything fails after it was created (default false). */
  destroyOnFailure?: boolean | undefined;
  /**
   * Deliver `deploy` (a single `ScriptDeployment`) as the provider's boot script instead of over
   * SSH: it is put in `ex` under the key the driver class names in `static bootScriptExKey`
   * (Joyent: `userScript`), and `deployNode` returns once the node runs. Drivers without one
   * throw `NotSupportedError`.
   */
  viaBootScript?: boolean | undefined;
  /** Debug trace file (default `CLOUDMUX_DEBUG`): connection attempts, host-key decisions, exit codes. */
  debugFile?: string | undefined;
}

/** Outcome of one deployment step. */
export interface DeploymentStepResult {
  /** Step name. */
  name: string;
  /** Whether it succeeded. */
  ok: boolean;
  /** Exit status for command steps (null when killed or the connection dropped). */
  exitCode?: number | null | undefined;
  /** Signal that ended the command (`SIGKILL`...), if any. */
  signal?: string | null | undefined;
  /** Captured stdout. */
  stdout?: string | undefined;
  /** Captured stderr. */
  stderr?: string | undefined;
  /** Why the step failed when it is not just an exit status (timeout, lost connection, SFTP error). */
  error?: string | undefined;
  /** For steps that change state idempotently (`SSHKeyDeployment`): whether anything changed. */
  changed?: boolean | undefined;
  /** Wall time of the step. */
  durationMs?: number | undefined;
  /** Sub-step results for multi-step deployments. */
  steps?: readonly DeploymentStepResult[] | undefined;
}

/** What `deployNode` resolves with. */
export interface DeployNodeResult<E extends object = object> {
  /** The node, running. */
  node: Node<E>;
  /** Per-step results in order (a `MultiStepDeployment` reports its steps). */
  steps: readonly DeploymentStepResult[];
  /** SSH user that logged in (undefined with `viaBootScript`). */
  sshUsername: string | undefined;
  /** Address connected to. */
  host?: string | undefined;
  /** SHA256 fingerprint of the node's host key (`SHA256:...`), whatever the policy. */
  hostKeyFingerprint?: string | undefined;
  /** How the host key was trusted: `known`, `new` (accepted on first use) or `insecure`. */
  hostKeyStatus?: 'known' | 'new' | 'insecure' | undefined;
  /** `ssh`, or `boot-script` with `viaBootScript`. */
  via: 'ssh' | 'boot-script';
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
      throw new CloudError('deployNode needs the @cloudmux/deploy package: npm install @cloudmux/deploy', {
        cause,
        provider: driver.providerId,
      });
    }
    throw cause;
  }
  return mod.deployNode(driver, options);
}
