import { InvalidArgumentError } from '@cloudmux/core/errors';
import { HostKeyVerificationError } from './errors.js';
import { keyTypeOfBlob, normalizeFingerprint, sha256Fingerprint } from './fingerprint.js';
import { appendKnownHost, knownHostsName, lookupKnownHost, readKnownHostsFile, type KnownHostKeys } from './known-hosts.js';

/**
 * How the server's host key is checked:
 * - `strict`: the key must be listed in `knownHostsFile` or match one of `hostKeyFingerprints`;
 *   an unknown or changed key is refused.
 * - `accept-new` (default): like OpenSSH's `StrictHostKeyChecking=accept-new`: a host with a known
 *   key must present it (a changed key is refused); an unknown host is trusted on first use, its
 *   fingerprint reported, and appended to `knownHostsFile` when one is given.
 * - `insecure`: any key is accepted (warns once per process). Opt-in only.
 */
export type HostKeyPolicy = 'strict' | 'accept-new' | 'insecure';

/** Valid {@link HostKeyPolicy} values. */
export const HOST_KEY_POLICIES: readonly HostKeyPolicy[] = ['strict', 'accept-new', 'insecure'];

/** Host-key settings of a connection. */
export interface HostKeyOptions {
  /** Policy; default `accept-new`. */
  hostKeyPolicy?: HostKeyPolicy | undefined;
  /** known_hosts file to check against (and, under `accept-new`, to append new hosts to). */
  knownHostsFile?: string | undefined;
  /** Accepted SHA256 fingerprints (`SHA256:...`, as `ssh-keygen -lf` prints them). */
  hostKeyFingerprints?: readonly string[] | undefined;
  /** Write hashed (`|1|...`) lines when appending to `knownHostsFile` (default false). */
  hashKnownHosts?: boolean | undefined;
}

/** What the policy decided about the key a server presented. */
export interface HostKeyDecision {
  /** Whether the connection may proceed. */
  readonly accepted: boolean;
  /** SHA256 fingerprint of the presented key. */
  readonly fingerprint: string;
  /** Key type presented. */
  readonly keyType: string;
  /** `known` (listed), `new` (trusted on first use), `insecure` (not checked), or `refused`. */
  readonly status: 'known' | 'new' | 'insecure' | 'refused';
  /** Why the key was refused. */
  readonly error?: HostKeyVerificationError | undefined;
  /** The key blob. */
  readonly keyBlob: Buffer;
}

let insecureWarned = false;

/** Emits the once-per-process warning for `hostKeyPolicy: 'insecure'`. */
function warnInsecure(): void {
  if (insecureWarned) return;
  insecureWarned = true;
  process.emitWarning(
    'cloudmux: SSH host keys are not verified (hostKeyPolicy: "insecure"); connections can be intercepted. Use "accept-new" or "strict".',
    {
      type: 'SecurityWarning',
      code: 'CLOUDMUX_SSH_INSECURE_HOST_KEY',
    },
  );
}

/** ssh2 host-key algorithm names for a key type. */
function algorithmsFor(keyType: string): string[] {
  return keyType === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [keyType];
}

/** ssh2's default host-key algorithm order. */
const DEFAULT_HOST_KEY_ALGORITHMS = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];

/** Checks host keys for one host under one policy. Build with {@link HostKeyVerifier.create}. */
export class HostKeyVerifier {
  private constructor(
    /** Policy in force. */
    readonly policy: HostKeyPolicy,
    private readonly host: string,
    private readonly port: number,
    private readonly known: KnownHostKeys,
    private readonly fingerprints: readonly string[],
    private readonly options: HostKeyOptions,
  ) {}

  /** Validates the options and reads the known_hosts file (a missing file counts as empty). */
  static async create(options: HostKeyOptions, host: string, port: number): Promise<HostKeyVerifier> {
    const policy = options.hostKeyPolicy ?? 'accept-new';
    if (!HOST_KEY_POLICIES.includes(policy)) {
      throw new InvalidArgumentError(`Invalid hostKeyPolicy "${String(policy)}". Valid values: ${HOST_KEY_POLICIES.join(', ')}`);
    }
    const fingerprints = (options.hostKeyFingerprints ?? []).map(normalizeFingerprint);
    if (policy === 'strict' && !options.knownHostsFile && fingerprints.length === 0) {
      throw new InvalidArgumentError('hostKeyPolicy "strict" needs knownHostsFile or hostKeyFingerprints');
    }
    if (policy === 'insecure') warnInsecure();
    const entries = policy !== 'insecure' && options.knownHostsFile ? await readKnownHostsFile(options.knownHostsFile) : [];
    return new HostKeyVerifier(policy, host, port, lookupKnownHost(entries, host, port), fingerprints, options);
  }

  /**
   * Host-key algorithms to offer, preferring the types known_hosts lists for this host (as
   * OpenSSH does), so a server with several keys shows the one we can check.
   */
  hostKeyAlgorithms(): string[] {
    const preferred = [...new Set(this.known.trusted.flatMap((e) => algorithmsFor(e.keyType)))];
    return [...preferred, ...DEFAULT_HOST_KEY_ALGORITHMS.filter((a) => !preferred.includes(a))];
  }

  /** Decides about the key blob the server presented. */
  verify(keyBlob: Buffer): HostKeyDecision {
    const fingerprint = sha256Fingerprint(keyBlob);
    const keyType = keyTypeOfBlob(keyBlob);
    const base = { fingerprint, keyType, keyBlob };
    if (this.policy === 'insecure') return { ...base, accepted: true, status: 'insecure' };
    const name = knownHostsName(this.host, this.port);
    const refuse = (message: string, expected: readonly string[]): HostKeyDecision => ({
      ...base,
      accepted: false,
      status: 'refused',
      error: new HostKeyVerificationError(message, { fingerprint, keyType, expected, provider: 'ssh' }),
    });
    const revoked = this.known.revoked.find((e) => e.keyBlob.equals(keyBlob));
    if (revoked)
      return refuse(
        `Host key ${keyType} ${fingerprint} of ${name} is marked @revoked in ${this.options.knownHostsFile} line ${revoked.line}`,
        [],
      );
    if (this.known.trusted.some((e) => e.keyBlob.equals(keyBlob)) || this.fingerprints.includes(fingerprint)) {
      return { ...base, accepted: true, status: 'known' };
    }
    const expected = [...new Set([...this.known.trusted.map((e) => `${e.keyType} ${e.fingerprint}`), ...this.fingerprints])];
    if (expected.length > 0) {
      const source = [
        this.options.knownHostsFile ? `known_hosts ${this.options.knownHostsFile}` : '',
        this.fingerprints.length ? 'hostKeyFingerprints' : '',
      ]
        .filter(Boolean)
        .join(' and ');
      return refuse(
        `Host key verification failed for ${name}: the server presented ${keyType} ${fingerprint}, which does not match ${source} (expected ${expected.join(', ')}). ` +
          'The host key has changed: the host may have been reinstalled, or someone may be intercepting the connection.',
        expected,
      );
    }
    if (this.policy === 'strict') {
      return refuse(
        `Host key verification failed for ${name}: unknown host key ${keyType} ${fingerprint} (hostKeyPolicy "strict"; add it to ${this.options.knownHostsFile ?? 'hostKeyFingerprints'})`,
        [],
      );
    }
    return { ...base, accepted: true, status: 'new' };
  }

  /** Under `accept-new`, remembers a newly trusted key in `knownHostsFile` (when one is set). */
  async remember(decision: HostKeyDecision): Promise<boolean> {
    if (decision.status !== 'new' || !this.options.knownHostsFile) return false;
    return appendKnownHost(
      this.options.knownHostsFile,
      this.host,
      this.port,
      decision.keyType,
      decision.keyBlob,
      this.options.hashKnownHosts ?? false,
    );
  }
}
