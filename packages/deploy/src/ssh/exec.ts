import type { ClientChannel, Client } from 'ssh2';
import { AbortError } from '@cloudmux/core/errors';
import { describeTarget, mapSshError, SshCommandTimeoutError, SshConnectionError, type SshTarget } from './errors.js';
import { DEFAULT_MAX_OUTPUT_BYTES, OutputBuffer } from './output-buffer.js';
import { envPrefix } from './quote.js';
import type { SshTrace } from './trace.js';

/** Options of `SshClient.exec`. */
export interface ExecOptions {
  /** Kill the command (signal KILL, then close its channel) after this long. */
  timeoutMs?: number | undefined;
  /** Data written to the command's standard input (it always gets EOF). */
  stdin?: string | Buffer | undefined;
  /** Variables exported for the command (as a shell `export` prefix, since sshd filters SSH env requests). */
  env?: Readonly<Record<string, string>> | undefined;
  /** Aborts the command like a timeout does. */
  signal?: AbortSignal | undefined;
  /** Bytes kept per output stream; beyond it the tail is kept (default 4 MiB). */
  maxOutputBytes?: number | undefined;
}

/** What a remote command produced. */
export interface ExecResult {
  /** Standard output (UTF-8). */
  stdout: string;
  /** Standard error (UTF-8). */
  stderr: string;
  /** Exit status, or null when the command was killed by a signal or none was reported. */
  exitCode: number | null;
  /** Signal that ended the command (`SIGKILL`...), or null. */
  signal: string | null;
}

/**
 * Sends an SSH `signal` request (OpenSSH >= 7.9 delivers it to the command's process group).
 * ssh2's `channel.signal()` does nothing once our side of the channel is ended (and `exec`
 * always ends it, to give the command EOF on stdin), so this goes to the protocol directly.
 */
function sendSignal(channel: ClientChannel, name: string): void {
  const c = channel as unknown as {
    outgoing?: { id?: number; state?: string };
    _client?: { _protocol?: { signal?: (id: number, sig: string) => void } };
  };
  const protocol = c._client?._protocol;
  if (
    (c.outgoing?.state === 'open' || c.outgoing?.state === 'eof') &&
    typeof c.outgoing.id === 'number' &&
    typeof protocol?.signal === 'function'
  )
    protocol.signal(c.outgoing.id, name);
  else channel.signal(name);
}

/** Implementation of `SshClient.exec` on an open ssh2 connection. */
export function execCommand(
  conn: Client,
  target: SshTarget,
  trace: SshTrace | undefined,
  lost: () => Error | undefined,
  command: string,
  options: ExecOptions = {},
): Promise<ExecResult> {
  const full = envPrefix(options.env) + command;
  const max = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const stdout = new OutputBuffer(max);
  const stderr = new OutputBuffer(max);
  const started = Date.now();
  return new Promise<ExecResult>((resolve, reject) => {
    let channel: ClientChannel | undefined;
    let exitCode: number | null = null;
    let signal: string | null = null;
    let done = false;
    let timer: NodeJS.Timeout | undefined;
    const cleanup = (): void => {
      done = true;
      if (timer) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      conn.removeListener('close', onConnClose);
    };
    const kill = (): void => {
      try {
        if (channel) sendSignal(channel, 'KILL');
      } catch {
        // channel already gone
      }
      try {
        channel?.close();
      } catch {
        // channel already gone
      }
    };
    const onAbort = (): void => {
      if (done) return;
      cleanup();
      kill();
      reject(new AbortError('Operation aborted', { cause: options.signal?.reason }));
    };
    const onConnClose = (): void => {
      if (done) return;
      cleanup();
      const why = lost();
      trace?.log(`exec on ${describeTarget(target)}: connection lost after ${Date.now() - started} ms`);
      reject(
        new SshConnectionError(
          `SSH connection to ${describeTarget(target)} was lost while a command was running${why ? `: ${why.message}` : ''}`,
          {
            retryable: true,
            reason: 'connection-lost',
            provider: 'ssh',
            stdout: stdout.text(),
            stderr: stderr.text(),
            cause: why,
          },
        ),
      );
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    conn.on('close', onConnClose);
    if (options.timeoutMs !== undefined) {
      const timeoutMs = options.timeoutMs;
      timer = setTimeout(() => {
        if (done) return;
        cleanup();
        kill();
        trace?.log(`exec on ${describeTarget(target)}: killed after ${timeoutMs} ms timeout`);
        reject(
          new SshCommandTimeoutError(`Command on ${describeTarget(target)} did not finish within ${timeoutMs} ms; it was killed`, {
            stdout: stdout.text(),
            stderr: stderr.text(),
            timeoutMs,
            provider: 'ssh',
          }),
        );
      }, timeoutMs);
    }
    try {
      conn.exec(full, (err, stream) => {
        if (err) {
          if (done) return;
          cleanup();
          reject(mapSshError(err, target, []));
          return;
        }
        channel = stream;
        if (done) {
          kill();
          return;
        }
        stream.on('data', (d: Buffer) => stdout.push(d));
        stream.stderr.on('data', (d: Buffer) => stderr.push(d));
        stream.on('exit', (code: number | null, sig?: string) => {
          if (typeof code === 'number') exitCode = code;
          else if (sig) signal = sig.startsWith('SIG') ? sig : `SIG${sig}`;
        });
        stream.on('close', () => {
          if (done) return;
          cleanup();
          trace?.log(`exec on ${describeTarget(target)}: exit ${exitCode ?? signal ?? 'unknown'} after ${Date.now() - started} ms`);
          resolve({ stdout: stdout.text(), stderr: stderr.text(), exitCode, signal });
        });
        stream.end(options.stdin ?? undefined);
      });
    } catch (e) {
      cleanup();
      reject(mapSshError(e, target, []));
    }
  });
}
