import ssh2 from 'ssh2';
import type { AuthenticationType, ConnectConfig, SFTPWrapper } from 'ssh2';
import { throwIfAborted } from '@cloudmux/core';
import { AbortError, CloudError, InvalidArgumentError } from '@cloudmux/core/errors';
import { describeTarget, mapSshError, SshConnectionError, type SshTarget } from './errors.js';
import { execCommand, type ExecOptions, type ExecResult } from './exec.js';
import { HostKeyVerifier, type HostKeyDecision, type HostKeyOptions } from './host-key-policy.js';
import { loadPrivateKey, type LoadedPrivateKey } from './private-key.js';
import * as sftpOps from './sftp.js';
import { SshTrace } from './trace.js';

/** How to reach and log in to an SSH server. */
export interface SshConnectOptions extends HostKeyOptions {
  /** Host name or address. */
  host: string;
  /** Port (default 22). */
  port?: number | undefined;
  /** Login user. */
  username: string;
  /** Private key: a file path, the key text, or a key loaded with `loadPrivateKey`. */
  privateKey?: string | Buffer | LoadedPrivateKey | undefined;
  /** Passphrase of an encrypted `privateKey`. */
  passphrase?: string | undefined;
  /** Login password. */
  password?: string | undefined;
  /** ssh-agent: `true` for `SSH_AUTH_SOCK`, or the socket path. */
  agent?: boolean | string | undefined;
  /** Limit for TCP connect + banner + key exchange + authentication (default 20000 ms). */
  readyTimeoutMs?: number | undefined;
  /** SSH keepalive interval (default 15000 ms; 0 disables). */
  keepaliveIntervalMs?: number | undefined;
  /** Aborts the connection attempt. */
  signal?: AbortSignal | undefined;
  /** Debug trace file (default `CLOUDMUX_DEBUG`). */
  debugFile?: string | undefined;
  /** A verifier built beforehand (shared across attempts); otherwise built from the host-key options. */
  hostKeyVerifier?: HostKeyVerifier | undefined;
}

/** Whether `v` is an already loaded key. */
function isLoadedKey(v: unknown): v is LoadedPrivateKey {
  return typeof v === 'object' && v !== null && !Buffer.isBuffer(v) && 'publicKey' in v && 'data' in v;
}

/**
 * An SSH connection (on ssh2) with promise-based exec and SFTP. Open with {@link SshClient.connect};
 * always {@link SshClient.close} it.
 */
export class SshClient {
  private sftpSession: Promise<SFTPWrapper> | undefined;
  private home: Promise<string> | undefined;
  private lost: Error | undefined;
  private isClosed = false;

  private constructor(
    private readonly conn: ssh2.Client,
    /** Where this connection goes. */
    readonly target: SshTarget,
    /** SHA256 fingerprint of the server's host key. */
    readonly hostKeyFingerprint: string,
    /** What the host-key policy decided (`known`, `new`, `insecure`). */
    readonly hostKeyStatus: 'known' | 'new' | 'insecure',
    private readonly trace: SshTrace | undefined,
  ) {
    conn.on('error', (err: Error) => {
      this.lost ??= err;
    });
    conn.on('close', () => {
      this.isClosed = true;
    });
  }

  /** Login user. */
  get username(): string {
    return this.target.username;
  }
  /** Whether the connection is closed. */
  get closed(): boolean {
    return this.isClosed;
  }

  /**
   * Connects and authenticates. Fails with `InvalidCredentialsError` when authentication is
   * refused (never worth retrying), `HostKeyVerificationError` when the host key is refused,
   * `SshConnectionError` (see `retryable`) for socket and handshake failures.
   */
  static async connect(options: SshConnectOptions): Promise<SshClient> {
    const port = options.port ?? 22;
    const target: SshTarget = { host: options.host, port, username: options.username };
    throwIfAborted(options.signal);
    const key =
      options.privateKey === undefined
        ? undefined
        : isLoadedKey(options.privateKey)
          ? options.privateKey
          : await loadPrivateKey(options.privateKey, options.passphrase);
    const agent = options.agent === true ? process.env['SSH_AUTH_SOCK'] : options.agent || undefined;
    if (options.agent === true && !agent) throw new InvalidArgumentError('An ssh-agent was requested but SSH_AUTH_SOCK is not set');
    const methods: AuthenticationType[] = [];
    if (key) methods.push('publickey');
    if (agent) methods.push('agent');
    if (options.password !== undefined) methods.push('password');
    if (methods.length === 0) throw new InvalidArgumentError('No SSH credentials: give a private key, a password or an ssh-agent');
    const verifier = options.hostKeyVerifier ?? (await HostKeyVerifier.create(options, options.host, port));
    const trace = SshTrace.open(options.debugFile);
    trace?.log(
      `connect ${describeTarget(target)} auth=${methods.join(',')}${key ? ` key=${key.type} ${key.fingerprint}` : ''} hostKeyPolicy=${verifier.policy}`,
    );

    const conn = new ssh2.Client();
    let decision: HostKeyDecision | undefined;
    return new Promise<SshClient>((resolve, reject) => {
      let settled = false;
      const onAbort = (): void => finish(new AbortError('Operation aborted', { cause: options.signal?.reason }));
      const finish = (error: CloudError | undefined, client?: SshClient): void => {
        if (settled) return;
        settled = true;
        options.signal?.removeEventListener('abort', onAbort);
        conn.removeListener('error', onError);
        conn.removeListener('close', onClose);
        if (error) {
          trace?.log(`failed ${describeTarget(target)}: ${error.message}`);
          conn.on('error', () => undefined);
          conn.destroy();
          reject(error);
        } else resolve(client!);
      };
      const onError = (err: Error): void => {
        finish(decision && !decision.accepted && decision.error ? decision.error : mapSshError(err, target, methods));
      };
      const onClose = (): void => {
        finish(
          new SshConnectionError(`SSH connection to ${describeTarget(target)} closed before it was ready`, {
            retryable: true,
            reason: 'connection-lost',
            provider: 'ssh',
          }),
        );
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      conn.on('error', onError);
      conn.on('close', onClose);
      conn.on('ready', () => {
        const d = decision;
        if (!d)
          return finish(
            new SshConnectionError(`SSH server ${describeTarget(target)} showed no host key`, { retryable: false, reason: 'protocol' }),
          );
        const status = d.status;
        if (status === 'refused') return finish(d.error);
        trace?.log(
          `ready ${describeTarget(target)} host key ${d.keyType} ${d.fingerprint} (${d.status === 'new' ? 'accepted on first use' : d.status})`,
        );
        verifier.remember(d).then(
          () => finish(undefined, new SshClient(conn, target, d.fingerprint, status, trace)),
          (e: unknown) =>
            finish(new CloudError(`Cannot record the host key in ${options.knownHostsFile}: ${(e as Error).message}`, { cause: e })),
        );
      });
      const config: ConnectConfig = {
        host: options.host,
        port,
        username: options.username,
        readyTimeout: options.readyTimeoutMs ?? 20_000,
        keepaliveInterval: options.keepaliveIntervalMs ?? 15_000,
        keepaliveCountMax: 3,
        authHandler: methods,
        algorithms: { serverHostKey: verifier.hostKeyAlgorithms() as NonNullable<ConnectConfig['algorithms']>['serverHostKey'] },
        hostVerifier: (blob: Buffer): boolean => {
          decision = verifier.verify(blob);
          trace?.log(`host key ${describeTarget(target)} ${decision.keyType} ${decision.fingerprint}: ${decision.status}`);
          return decision.accepted;
        },
        ...(key ? { privateKey: key.data, ...(key.passphrase !== undefined ? { passphrase: key.passphrase } : {}) } : {}),
        ...(agent ? { agent } : {}),
        ...(options.password !== undefined ? { password: options.password } : {}),
      };
      try {
        conn.connect(config);
      } catch (e) {
        finish(
          new InvalidArgumentError(`Cannot start the SSH connection to ${describeTarget(target)}: ${(e as Error).message}`, { cause: e }),
        );
      }
    });
  }

  private assertOpen(): void {
    if (this.isClosed) {
      throw new SshConnectionError(
        `SSH connection to ${describeTarget(this.target)} is closed${this.lost ? `: ${this.lost.message}` : ''}`,
        { retryable: false, reason: 'closed', provider: 'ssh' },
      );
    }
  }

  /**
   * Runs a command (through the login shell). Resolves with its output and exit status, whatever
   * the status; rejects with `SshCommandTimeoutError` after `timeoutMs` (the command is sent
   * SIGKILL and its channel closed) and `SshConnectionError` if the connection drops meanwhile.
   */
  exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    this.assertOpen();
    return execCommand(this.conn, this.target, this.trace, () => this.lost, command, options);
  }

  /** The SFTP session (opened once). */
  private sftp(): Promise<SFTPWrapper> {
    this.assertOpen();
    this.sftpSession ??= new Promise<SFTPWrapper>((resolve, reject) => {
      this.conn.sftp((err, sftp) => (err ? reject(mapSshError(err, this.target, [])) : resolve(sftp)));
    });
    this.sftpSession.catch(() => {
      this.sftpSession = undefined;
    });
    return this.sftpSession;
  }

  /** The remote user's home directory (where SFTP starts). */
  async homeDirectory(): Promise<string> {
    this.home ??= this.sftp().then((s) => sftpOps.realpath(s, '.'));
    return this.home;
  }

  /** Absolute form of a remote path (`~`, `~/x` and relative paths are under the home directory). */
  async resolvePath(remotePath: string): Promise<string> {
    if (remotePath.startsWith('/')) return sftpOps.resolveRemotePath('/', remotePath);
    return sftpOps.resolveRemotePath(await this.homeDirectory(), remotePath);
  }

  /** Writes `contents` to a remote file (replacing it), then sets `mode` when given. */
  async writeFile(remotePath: string, contents: string | Buffer, options: { mode?: number | undefined } = {}): Promise<void> {
    const [s, p] = await Promise.all([this.sftp(), this.resolvePath(remotePath)]);
    await sftpOps.writeFile(s, p, contents, options.mode);
    if (options.mode !== undefined) await sftpOps.chmod(s, p, options.mode);
  }

  /** Uploads a local file, then sets `mode` when given. */
  async uploadFile(localPath: string, remotePath: string, options: { mode?: number | undefined } = {}): Promise<void> {
    const [s, p] = await Promise.all([this.sftp(), this.resolvePath(remotePath)]);
    await sftpOps.fastPut(s, localPath, p, options.mode);
    if (options.mode !== undefined) await sftpOps.chmod(s, p, options.mode);
  }

  /** Reads a whole remote file. */
  async readFile(remotePath: string): Promise<Buffer> {
    const [s, p] = await Promise.all([this.sftp(), this.resolvePath(remotePath)]);
    return sftpOps.readFile(s, p);
  }

  /** Downloads a remote file to a local path. */
  async downloadFile(remotePath: string, localPath: string): Promise<void> {
    const [s, p] = await Promise.all([this.sftp(), this.resolvePath(remotePath)]);
    await sftpOps.fastGet(s, p, localPath);
  }

  /** Creates a remote directory and missing parents; new directories get `mode`. Returns whether the last was created. */
  async mkdirp(remotePath: string, mode?: number): Promise<boolean> {
    const [s, p] = await Promise.all([this.sftp(), this.resolvePath(remotePath)]);
    const created = await sftpOps.mkdirp(s, p, mode);
    if (created && mode !== undefined) await sftpOps.chmod(s, p, mode);
    return created;
  }

  /** Sets a remote path's permission bits. */
  async chmod(remotePath: string, mode: number): Promise<void> {
    const [s, p] = await Promise.all([this.sftp(), this.resolvePath(remotePath)]);
    await sftpOps.chmod(s, p, mode);
  }

  /** Permission bits and size of a remote path, or undefined if it does not exist. */
  async stat(remotePath: string): Promise<{ mode: number; size: number; isDirectory: boolean } | undefined> {
    const [s, p] = await Promise.all([this.sftp(), this.resolvePath(remotePath)]);
    const st = await sftpOps.statOrUndefined(s, p);
    return st && { mode: st.mode & 0o7777, size: st.size, isDirectory: st.isDirectory() };
  }

  /** Deletes a remote file; returns whether it existed. */
  async unlink(remotePath: string): Promise<boolean> {
    const [s, p] = await Promise.all([this.sftp(), this.resolvePath(remotePath)]);
    return sftpOps.unlink(s, p);
  }

  /** Closes the connection (waits for the socket to close, at most 2 s). */
  close(): Promise<void> {
    if (this.isClosed) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.conn.destroy();
        resolve();
      }, 2000);
      timer.unref();
      this.conn.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.conn.end();
    });
  }
}
