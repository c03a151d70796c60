import {
  ipv4First,
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
import { isDeployment } from '../steps/deployment.js';
import { bootScriptEx } from './boot-script.js';
import { deploymentErrorFor } from './failure.js';
import { waitForSsh } from './wait-for-ssh.js';

/** Keys of `DeployNodeOptions` that belong to `createNode`. */
const CREATE_KEYS = ['name', 'size', 'image', 'location', 'auth', 'ex', 'signal'] as const;

/** SSH credentials resolved from the options. */
interface Credentials {
  privateKey: LoadedPrivateKey | undefined;
  password: string | undefined;
  agent: string | undefined;
}

/** Reads the key and picks password / agent, before any node exists (a bad key must not leak a node). */
async function resolveCredentials(options: DeployNodeOptions): Promise<Credentials> {
  const privateKey = options.sshKey !== undefined ? await loadPrivateKey(options.sshKey, options.sshKeyPassword) : undefined;
  const password = options.sshPassword ?? (options.auth?.kind === 'password' ? options.auth.password : undefined);
  const sock = process.env['SSH_AUTH_SOCK'];
  let agent: string | undefined;
  if (options.useAgent === true) {
    if (!sock) throw new InvalidArgumentError('useAgent is set but SSH_AUTH_SOCK is not: start an ssh-agent or give sshKey');
    agent = sock;
  } else if (options.useAgent === undefined && !privateKey && password === undefined) {
    agent = sock || undefined;
  }
  if (!privateKey && password === undefined && !agent) {
    throw new InvalidArgumentError(
      'deployNode needs SSH credentials: sshKey (path or key text), sshPassword, or an ssh-agent (useAgent with SSH_AUTH_SOCK)',
    );
  }
  return { privateKey, password, agent };
}

/**
 * Creates a node, waits until it runs with an address on `sshInterface` (IPv4 preferred), waits for
 * SSH (retrying only transient connection failures; an authentication failure fails at once), runs
 * `options.deploy` and resolves with the node and each step's result.
 *
 * Failures: a failed step → `DeploymentError` (step, exit status, output tails, node); no address
 * or no SSH in time → `TimeoutError` naming the last state; refused login → `InvalidCredentialsError`;
 * refused host key → `HostKeyVerificationError`. With `destroyOnFailure` the node is destroyed first.
 * The node is in the `created` progress event, so callers can clean up in every case.
 */
export async function deployNode(driver: NodeDriver, options: DeployNodeOptions): Promise<DeployNodeResult> {
  const timeoutMs = options.timeoutMs ?? 600_000;
  const deadline = Date.now() + timeoutMs;
  const pollIntervalMs = pollIntervalOption(options, 3000, { method: 'deployNode', provider: driver.providerId });
  const sshInterface = options.sshInterface ?? 'public';
  const port = options.sshPort ?? 22;
  if (sshInterface !== 'public' && sshInterface !== 'private') {
    throw new InvalidArgumentError(`Invalid sshInterface "${String(sshInterface)}". Valid values: public, private`);
  }
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new InvalidArgumentError(`Invalid sshPort ${String(port)}`);
  const viaBoot = options.viaBootScript ?? false;
  if (!viaBoot && !isDeployment(options.deploy)) {
    throw new InvalidArgumentError(
      'options.deploy must be a deployment step from @cloudmux/deploy (ScriptDeployment, MultiStepDeployment, ...)',
    );
  }
  const bootEx = viaBoot ? await bootScriptEx(driver, options.deploy) : undefined;
  const creds = viaBoot ? undefined : await resolveCredentials(options);
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
    node = running.node;
    if (viaBoot) {
      const name = options.deploy.name;
      emit('done', `node ${node.id} runs; its boot script "${name}" was handed to the provider`);
      return { node, steps: [{ name, ok: true }], sshUsername: undefined, host: running.ips[0], via: 'boot-script' };
    }
    const hosts = ipv4First(running.ips);
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
