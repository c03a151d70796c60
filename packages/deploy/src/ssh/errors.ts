import { CloudError, InvalidCredentialsError, TimeoutError, type CloudErrorOptions } from '@cloudmux/core/errors';

/** Where an SSH connection is going, for error messages. */
export interface SshTarget {
  /** Host name or address. */
  host: string;
  /** TCP port. */
  port: number;
  /** Login user. */
  username: string;
}

/** `user@host:port`, as used in messages. */
export function describeTarget(t: SshTarget): string {
  return `${t.username}@${t.host.includes(':') ? `[${t.host}]` : t.host}:${t.port}`;
}

/**
 * The SSH connection could not be made or was lost. `retryable` is true for failures that
 * can go away by themselves while a node boots (refused, reset, timed out, banner or handshake
 * timeout); `reason` is the socket error code (`ECONNREFUSED`...) or a short tag (`handshake-timeout`,
 * `connection-lost`, `protocol`).
 */
export class SshConnectionError extends CloudError {
  override readonly code: string = 'ERR_SSH_CONNECTION';
  /** Whether trying again later may succeed. */
  readonly retryable: boolean;
  /** Socket error code or short tag. */
  readonly reason: string;
  /** Output of a command that was running when the connection was lost. */
  readonly stdout: string;
  /** Error output of a command that was running when the connection was lost. */
  readonly stderr: string;
  constructor(message: string, options: CloudErrorOptions & { retryable: boolean; reason: string; stdout?: string; stderr?: string }) {
    super(message, options);
    this.retryable = options.retryable;
    this.reason = options.reason;
    this.stdout = options.stdout ?? '';
    this.stderr = options.stderr ?? '';
  }
}

/** An SFTP operation failed; `status` is the SFTP status code (2 no such file, 3 permission denied, 4 failure). */
export class SftpError extends CloudError {
  override readonly code: string = 'ERR_SFTP';
  /** SFTP status code, when the server sent one. */
  readonly status: number | undefined;
  /** Remote path concerned. */
  readonly path: string;
  constructor(message: string, options: CloudErrorOptions & { status?: number | undefined; path: string }) {
    super(message, options);
    this.status = options.status;
    this.path = options.path;
  }
}

/**
 * The server's host key was refused by the host-key policy (unknown under `strict`, or
 * different from the known one). Never retried. `fingerprint` is the key the server showed.
 */
export class HostKeyVerificationError extends CloudError {
  override readonly code: string = 'ERR_HOST_KEY';
  /** SHA256 fingerprint of the key the server presented (`SHA256:...`). */
  readonly fingerprint: string;
  /** Key type presented (`ssh-ed25519`...). */
  readonly keyType: string;
  /** Fingerprints that would have been accepted (empty when the host was unknown). */
  readonly expected: readonly string[];
  constructor(message: string, options: CloudErrorOptions & { fingerprint: string; keyType: string; expected: readonly string[] }) {
    super(message, options);
    this.fingerprint = options.fingerprint;
    this.keyType = options.keyType;
    this.expected = options.expected;
  }
}

/** A remote command ran longer than its `timeoutMs`; its channel was killed. Carries the output so far. */
export class SshCommandTimeoutError extends TimeoutError {
  /** Output captured before the timeout. */
  readonly stdout: string;
  /** Error output captured before the timeout. */
  readonly stderr: string;
  /** The command's timeout. */
  readonly timeoutMs: number;
  constructor(message: string, options: CloudErrorOptions & { stdout: string; stderr: string; timeoutMs: number }) {
    super(message, { ...options, lastState: 'running' });
    this.stdout = options.stdout;
    this.stderr = options.stderr;
    this.timeoutMs = options.timeoutMs;
  }
}

/** Socket error codes worth retrying while a node boots. */
const RETRYABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ECONNABORTED',
  'EAI_AGAIN',
]);

/** The SSH "provider" id used on errors. */
export const SSH_PROVIDER = 'ssh';

/**
 * Maps an error from ssh2 onto a cloudmux error: authentication failures become
 * {@link InvalidCredentialsError} (never retried), socket and handshake failures
 * {@link SshConnectionError} (retryable when transient), the rest a non-retryable SshConnectionError.
 */
export function mapSshError(error: unknown, target: SshTarget, authMethods: readonly string[]): CloudError {
  if (error instanceof CloudError) return error;
  const e = error as { level?: unknown; code?: unknown; message?: unknown };
  const level = typeof e?.level === 'string' ? e.level : '';
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : String(error);
  const where = describeTarget(target);
  if (level === 'client-authentication') {
    return new InvalidCredentialsError(`SSH authentication failed for ${where} (tried: ${authMethods.join(', ') || 'none'}): ${message}`, {
      provider: SSH_PROVIDER,
      providerCode: 'client-authentication',
      providerMessage: message,
      retryable: false,
      cause: error,
    });
  }
  if (level === 'client-timeout') {
    return new SshConnectionError(`SSH handshake with ${where} timed out: ${message}`, {
      retryable: true,
      reason: 'handshake-timeout',
      provider: SSH_PROVIDER,
      cause: error,
    });
  }
  if (level === 'client-socket' || level === 'client-dns') {
    const retryable = RETRYABLE_SOCKET_CODES.has(code);
    return new SshConnectionError(`SSH connection to ${where} failed: ${code ? `${code} ` : ''}${message}`, {
      retryable,
      reason: code || level,
      provider: SSH_PROVIDER,
      cause: error,
    });
  }
  if (/Connection lost before handshake|No response from server|Not connected/i.test(message)) {
    return new SshConnectionError(`SSH connection to ${where} was lost: ${message}`, {
      retryable: true,
      reason: 'connection-lost',
      provider: SSH_PROVIDER,
      cause: error,
    });
  }
  return new SshConnectionError(`SSH connection to ${where} failed: ${message}`, {
    retryable: false,
    reason: level || 'protocol',
    provider: SSH_PROVIDER,
    cause: error,
  });
}

/** Whether `error` is a transient SSH connection failure worth retrying. */
export function isRetryableSshError(error: unknown): boolean {
  return error instanceof SshConnectionError && error.retryable;
}
