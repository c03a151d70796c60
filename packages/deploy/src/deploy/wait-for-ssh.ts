import { pollIntervalOption, sleep } from '@cloudmux/core';
import { CloudError, InvalidCredentialsError, TimeoutError } from '@cloudmux/core/errors';
import { describeTarget, SshConnectionError } from '../ssh/errors.js';
import { HostKeyVerifier, type HostKeyOptions } from '../ssh/host-key-policy.js';
import type { LoadedPrivateKey } from '../ssh/private-key.js';
import { SshClient } from '../ssh/ssh-client.js';

/** Options of {@link waitForSsh}. */
export interface WaitForSshOptions extends HostKeyOptions {
  /** Addresses to try, in order (IPv4 first). */
  hosts: readonly string[];
  /** SSH port. */
  port: number;
  /** Users to try on each address, in order. */
  usernames: readonly string[];
  /** Private key. */
  privateKey?: LoadedPrivateKey | undefined;
  /** Password. */
  password?: string | undefined;
  /** ssh-agent socket. */
  agent?: string | undefined;
  /** Epoch ms after which no new attempt starts. */
  deadline: number;
  /** Pause between rounds (default 3000 ms). */
  pollIntervalMs?: number | undefined;
  /** @deprecated Use {@link WaitForSshOptions.pollIntervalMs}; honoured when `pollIntervalMs` is absent. */
  waitPeriodMs?: number | undefined;
  /** Most rounds (default unlimited). */
  maxTries?: number | undefined;
  /** Limit per connection attempt (default 20000 ms). */
  sshTimeoutMs?: number | undefined;
  /** Aborts the wait. */
  signal?: AbortSignal | undefined;
  /** Debug trace file. */
  debugFile?: string | undefined;
  /** Called after each failed attempt. */
  onAttempt?: ((info: { host: string; username: string; attempt: number; error: CloudError }) => void) | undefined;
  /** Provider id for errors. */
  provider?: string | undefined;
}

/**
 * Connects to the first address and user that let us in. Only transient failures (refused, reset,
 * timed out, handshake or banner timeout, connection lost) are retried, every `pollIntervalMs` until
 * the deadline or `maxTries`; they then end in `TimeoutError` naming the last error. An address
 * that refuses authentication for every user fails at once with `InvalidCredentialsError`; a host
 * key refused by the policy fails at once with `HostKeyVerificationError`.
 */
export async function waitForSsh(options: WaitForSshOptions): Promise<SshClient> {
  const pollIntervalMs = pollIntervalOption(options, 3000, { method: 'waitForSsh' });
  const verifiers = new Map<string, HostKeyVerifier>();
  for (const host of options.hosts) verifiers.set(host, await HostKeyVerifier.create(options, host, options.port));
  let attempt = 0;
  let rounds = 0;
  let lastError: CloudError | undefined;
  const started = Date.now();
  for (;;) {
    rounds++;
    for (const host of options.hosts) {
      const authFailures: InvalidCredentialsError[] = [];
      for (const username of options.usernames) {
        const left = options.deadline - Date.now();
        if (left <= 0) break;
        attempt++;
        try {
          return await SshClient.connect({
            hostKeyPolicy: options.hostKeyPolicy,
            knownHostsFile: options.knownHostsFile,
            hostKeyFingerprints: options.hostKeyFingerprints,
            hashKnownHosts: options.hashKnownHosts,
            signal: options.signal,
            debugFile: options.debugFile,
            host,
            port: options.port,
            username,
            privateKey: options.privateKey,
            password: options.password,
            agent: options.agent,
            readyTimeoutMs: Math.max(1, Math.min(options.sshTimeoutMs ?? 20_000, left)),
            hostKeyVerifier: verifiers.get(host),
          });
        } catch (e) {
          if (!(e instanceof CloudError)) throw e;
          options.onAttempt?.({ host, username, attempt, error: e });
          lastError = e;
          if (e instanceof InvalidCredentialsError) {
            authFailures.push(e);
            continue;
          }
          if (e instanceof SshConnectionError && e.retryable) break;
          throw e;
        }
      }
      if (authFailures.length > 0 && authFailures.length === options.usernames.length) {
        const users = options.usernames.map((u) => describeTarget({ host, port: options.port, username: u })).join(', ');
        const last = authFailures[authFailures.length - 1]!;
        throw new InvalidCredentialsError(`SSH authentication failed for ${users}: ${last.providerMessage ?? last.message}`, {
          provider: last.provider,
          providerCode: last.providerCode,
          providerMessage: last.providerMessage,
          retryable: false,
          cause: last,
        });
      }
    }
    const reason = lastError instanceof SshConnectionError ? lastError.reason : (lastError?.code ?? 'no attempt');
    const lastState = `running; ssh: ${reason}`;
    const where = options.hosts.map((h) => `${h.includes(':') ? `[${h}]` : h}:${options.port}`).join(', ');
    if (options.maxTries !== undefined && rounds >= options.maxTries) {
      throw new TimeoutError(
        `SSH on ${where} did not accept a connection after ${rounds} tries (${attempt} attempts); last error: ${lastError?.message ?? 'none'}`,
        {
          lastState,
          provider: options.provider,
          cause: lastError,
        },
      );
    }
    if (Date.now() + pollIntervalMs >= options.deadline) {
      throw new TimeoutError(
        `SSH on ${where} did not accept a connection within ${Date.now() - started} ms (${attempt} attempts); last error: ${lastError?.message ?? 'none'}`,
        {
          lastState,
          provider: options.provider,
          cause: lastError,
        },
      );
    }
    await sleep(pollIntervalMs, options.signal);
  }
}
