import {
  type CreateNodeOptions,
  type DeployNodeOptions,
  type DeployNodeResult,
  type DeployPhase,
  type DeployProgressEvent,
  type DeploymentStepResult,
  type Node,
  type NodeDriver,
} from '@cloudmux/core/compute';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import { pollIntervalOption } from '@cloudmux/core';
import { HostKeyVerifier } from '../ssh/host-key-policy.js';
import { loadPrivateKey, type LoadedPrivateKey } from '../ssh/private-key.js';
import type { SshClient } from '../ssh/ssh-client.js';
import { discoverPrivateKey } from '../ssh/key-discovery.js';
import { isDeployment } from '../steps/deployment.js';
import { ipVersionOption, waitForAddresses, type IpVersion } from './addresses.js';
import { bootScriptEx } from './boot-script.js';
import { deploymentErrorFor } from './failure.js';
import { waitForSsh } from './wait-for-ssh.js';

/** Keys of `DeployNodeOptions` that belong to `createNode`. */
const CREATE_KEYS = ['name', 'size', 'image', 'location', 'auth', 'ex', 'signal'] as const;

/**
 * `deployNode` options this package reads besides core's `DeployNodeOptions`.
 */
export interface DeployNodeSshOptions {
  /**
   * Addresses to connect to: `4` (IPv4 only), `6` (IPv6 only) or `'any'` (IPv4 first, then IPv6; the
   * default). Libcloud's `force_ipv4`. With 4 or 6 `deployNode` waits until the node has such an address.
   */
  ipVersion?: IpVersion | undefined;
  /**
   * Where to look for a default key when no `sshKey` or password is given: `id_ed25519`, `id_ecdsa`,
   * `id_rsa` in this directory (default `~/.ssh`, as Libcloud and OpenSSH); `false` turns the lookup off.
   */
  sshDir?: string | false | undefined;
}

/** SSH credentials resolved from the options. */
interface Credentials {
  privateKey: LoadedPrivateKey | undefined;
  password: string | undefined;
  agent: string | undefined;
}

/** Whether the driver class generates a login password at creation (Libcloud's `generates_password` feature). */
function generatesPassword(driver: NodeDriver): boolean {
  return (driver.constructor as { generatesPassword?: unknown }).generatesPassword === true;
}

/**
 * Reads the key and picks password / agent, before any node exists (a bad key must not leak a
 * node). Without a key or password, the first default key of `~/.ssh` is used (with the agent, when
 * there is one). A driver that generates passwords may go on without any: the node's password is used.
 */
async function resolveCredentials(options: DeployNodeOptions & DeployNodeSshOptions, driver: NodeDriver): Promise<Credentials> {
  let privateKey = options.sshKey !== undefined ? await loadPrivateKey(options.sshKey, options.sshKeyPassword) : undefined;
  const password = options.sshPassword ?? (options.auth?.kind === 'password' ? options.auth.password : undefined);
  const explicit = privateKey !== undefined || password !== undefined;
  if (!explicit && options.sshDir !== false)
    privateKey = await discoverPrivateKey({ sshDir: options.sshDir, passphrase: options.sshKeyPassword });
  const sock = process.env['SSH_AUTH_SOCK'];
  let agent: string | undefined;
  if (options.useAgent === true) {
    if (!sock) throw new InvalidArgumentError('useAgent is set but SSH_AUTH_SOCK is not: start an ssh-agent or give sshKey');
    agent = sock;
  } else if (options.useAgent === undefined && !explicit) {
    agent = sock || undefined;
  }
  if (!privateKey && password === undefined && !agent && !generatesPassword(driver)) {
    throw new InvalidArgumentError(
      'deployNode needs SSH credentials: sshKey (path or key text), sshPassword, an ssh-agent (useAgent with SSH_AUTH_SOCK), ' +
        'or a key in ~/.ssh (id_ed25519, id_ecdsa, id_rsa)',
    );
  }
  return { privateKey, password, agent };
}

/** `fresh` (a node fetched again) with the generated password of `created` (only `createNode`'s answer has it). */
function withPassword(fresh: Node, created: Node): Node {
  if (created.password === undefined || fresh.password !== undefined || fresh === created) return fresh;
  Object.defineProperty(fresh, 'password', { value: created.password, enumerable: false });
  return fresh;
}

/**
 * Creates a node, waits until it runs with an address on `sshInterface` (IPv4 preferred; only one
 * version with `ipVersion: 4 | 6`), waits for SSH (retrying only transient connection failures; an authentication failure fails at once), runs
 * `options.deploy` and resolves with the node and each step's result.
 *
 * Failures: a failed step → `DeploymentError` (step, exit status, output tails, node); no address
 * or no SSH in time → `TimeoutError` naming the last state; refused login → `InvalidCredentialsError`;
 * refused host key → `HostKeyVerificationError`. With `destroyOnFailure` the node is destroyed first.
 * The node is in the `created` progress event, so callers can clean up in every case.
 *
 * Credentials: `sshKey` / `sshPassword` / the `auth` password; without them the first of
 * `~/.ssh/id_ed25519`, `id_ecdsa`, `id_rsa` (see `sshDir`) and the ssh-agent; and a password the
 * provider generated at creation (`node.password`, non-enumerable) is tried when no password was given.
 */
export async function deployNode(driver: NodeDriver, options: DeployNodeOptions & DeployNodeSshOptions): Promise<DeployNodeResult> {
  const timeoutMs = options.timeoutMs ?? 600_000;
  const deadline = Date.now() + timeoutMs;
  const pollIntervalMs = pollIntervalOption(options, 3000, { method: 'deployNode', provider: driver.providerId });
  const sshInterface = options.sshInterface ?? 'public';
  const port = options.sshPort ?? 22;
  if (sshInterface !== 'public' && sshInterface !== 'private') {
    throw new InvalidArgumentError(`Invalid sshInterface "${String(sshInterface)}". Valid values: public, private`);
  }
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new InvalidArgumentError(`Invalid sshPort ${String(port)}`);
  const ipVersion = ipVersionOption(options.ipVersion);
  const viaBoot = options.viaBootScript ?? false;
  if (!viaBoot && !isDeployment(options.deploy)) {
    throw new InvalidArgumentError(
      'options.deploy must be a deployment step from @cloudmux/deploy (ScriptDeployment, MultiStepDeployment, ...)',
    );
  }
  const bootEx = viaBoot ? await bootScriptEx(driver, options.deploy) : undefined;
  const creds = viaBoot ? undefined : await resolveCredentials(options, driver);
  if (!viaBoot) await HostKeyVerifier.create(options, 'validate.invalid', port);

  let node: Node | undefined;
  const emit = (phase: DeployPhase, message: string, extra: Partial<DeployProgressEvent> = {}): void => {
    try {
      options.onProgress?.({ phase, message, node, ...extra });
    } catch {
      // a failing progress callback must not break the deployment
    }
  };
  const createOptions: Record<string, unknown> = {};
  for (const k of CREATE_KEYS) if (options[k] !== undefined) createOptions[k] = options[k];
  if (bootEx) createOptions['ex'] = { ...(options.ex ?? {}), ...bootEx };

  emit('create', `creating node${options.name ? ` ${options.name}` : ''}`);
  node = await driver.createNode(createOptions as unknown as CreateNodeOptions);
  // A password the provider generated (never logged: the node keeps it non-enumerable).
  if (creds && creds.password === undefined && node.password !== undefined) creds.password = node.password;
  emit('created', `created node ${node.id} (${node.name}), state ${node.state}`);
  let client: SshClient | undefined;
  try {
    emit('wait-running', `waiting for node ${node.id} to run with a ${sshInterface} address`);
    const [running] = await driver.waitUntilRunning([node], {
      pollIntervalMs,
      timeoutMs: Math.max(1, deadline - Date.now()),
      sshInterface,
      signal: options.signal,
    });
    if (!running) throw new InvalidArgumentError(`waitUntilRunning returned nothing for node ${node.id}`);
    node = withPassword(running.node, node);
    if (viaBoot) {
      const name = options.deploy.name;
      emit('done', `node ${node.id} runs; its boot script "${name}" was handed to the provider`);
      return { node, steps: [{ name, ok: true }], sshUsername: undefined, host: running.ips[0], via: 'boot-script' };
    }
    const chosen = await waitForAddresses(driver, node, running.ips, {
      version: ipVersion,
      sshInterface,
      pollIntervalMs,
      deadline,
      signal: options.signal,
    });
    node = withPassword(chosen.node, node);
    const hosts = chosen.hosts;
    const usernames = [options.sshUsername ?? 'root', ...(options.sshAlternateUsernames ?? [])];
    emit('wait-ssh', `waiting for SSH on ${hosts.join(', ')} port ${port} as ${usernames.join(' or ')}`);
    client = await waitForSsh({
      hostKeyPolicy: options.hostKeyPolicy,
      knownHostsFile: options.knownHostsFile,
      hostKeyFingerprints: options.hostKeyFingerprints,
      hashKnownHosts: options.hashKnownHosts,
      signal: options.signal,
      debugFile: options.debugFile,
      ...creds!,
      hosts,
      port,
      usernames,
      deadline,
      pollIntervalMs,
      maxTries: options.maxTries,
      sshTimeoutMs: options.sshTimeoutMs,
      provider: driver.providerId,
    });
    emit(
      'ssh-ready',
      `logged in as ${client.username}@${client.target.host}; host key ${client.hostKeyFingerprint} (${client.hostKeyStatus})`,
    );
    const deploy = options.deploy as unknown as { run: (c: SshClient, ctx: object) => Promise<DeploymentStepResult> };
    const current = node;
    const result = await deploy.run(client, {
      node: current,
      signal: options.signal,
      deadline,
      onStep: (e: { phase: 'start' | 'done'; name: string; result?: DeploymentStepResult }) =>
        e.phase === 'start'
          ? emit('step', `running step ${e.name}`, { step: e.name })
          : emit('step-done', `step ${e.name} ${e.result?.ok ? 'succeeded' : 'failed'}`, { step: e.name, result: e.result }),
    });
    const steps = result.steps ?? [result];
    if (!result.ok) throw deploymentErrorFor(result, steps, current, driver.providerId);
    emit('done', `deployment of node ${current.id} finished (${steps.length} step${steps.length === 1 ? '' : 's'})`);
    return {
      node: current,
      steps,
      sshUsername: client.username,
      host: client.target.host,
      hostKeyFingerprint: client.hostKeyFingerprint,
      hostKeyStatus: client.hostKeyStatus,
      via: 'ssh',
    };
  } catch (error) {
    emit('failed', `deployment of node ${node.id} failed: ${(error as Error).message}`, { error });
    if (options.destroyOnFailure) {
      emit('destroy', `destroying node ${node.id}`);
      try {
        await driver.destroyNode(node);
      } catch (destroyError) {
        emit('failed', `could not destroy node ${node.id}: ${(destroyError as Error).message}`, { error: destroyError });
      }
    }
    throw error;
  } finally {
    await client?.close();
  }
}
