import { InvalidArgumentError } from '@cloudmux/core/errors';
import { listAgentKeys, agentSigningKey, pickAgentKey } from './agent-key.js';
import { SshAgentClient } from './agent-client.js';
import type { CredentialSource, ResolvedCredentials } from './http-signature.js';
import { type Fingerprint, fingerprintMatches, formatKeyId } from './key-id.js';
import { findKeyInDirectory } from './ssh-dir.js';
import type { SigningKey } from './signing-key.js';

/** What a driver knows about its key before resolving it. */
export interface CredentialSpec {
  /** Account the key belongs to (first `keyId` segment). */
  account: string;
  /** RBAC sub-user owning the key. */
  user?: string | undefined;
  /** Key name to send verbatim in `keyId` (when the user gave a full keyId with a name). */
  keyName?: string | undefined;
  /** Which key to use. */
  fingerprint?: Fingerprint | undefined;
  /** Key already loaded from a file or text. */
  key?: SigningKey | undefined;
  /** ssh-agent socket to look in. */
  agentSocket?: string | undefined;
  /** Directory to search for a matching private key (normally `~/.ssh`). */
  sshDir?: string | undefined;
  /** Passphrase for a key found in `sshDir`. */
  passphrase?: string | undefined;
  /** Requested algorithm. */
  algorithm?: string | undefined;
}

/** The `keyId` for a resolved key: the given name, else the key's MD5 fingerprint. */
function keyIdFor(spec: CredentialSpec, key: SigningKey): string {
  return formatKeyId(spec.account, spec.user, spec.keyName ?? key.md5Fingerprint);
}

/**
 * CloudAPI credentials, resolved at most once: immediately for a key file or key text, else on
 * first use from the ssh-agent and then `~/.ssh` (smartdc-auth's order). Failures surface before
 * any request is sent.
 */
export class CloudApiCredentials implements CredentialSource {
  #resolved: ResolvedCredentials | undefined;
  #pending: Promise<ResolvedCredentials> | undefined;

  constructor(readonly spec: CredentialSpec) {
    if (spec.key) {
      if (spec.fingerprint && !fingerprintMatches(spec.fingerprint, spec.key)) {
        throw new InvalidArgumentError(
          `The private key (${spec.key.source}) has fingerprint ${spec.key.md5Fingerprint} (${spec.key.sha256Fingerprint}), which does not match the key id ${spec.fingerprint.value}`,
        );
      }
      this.#resolved = { keyId: keyIdFor(spec, spec.key), key: spec.key };
    } else if (!spec.agentSocket && !(spec.sshDir && spec.fingerprint)) {
      throw new InvalidArgumentError(
        'No signing key: pass a private key path or text (keyPath / privateKey), or a key fingerprint with an ssh-agent (SSH_AUTH_SOCK) or a matching key in ~/.ssh',
      );
    }
  }

  /** Credentials, once resolved. */
  get resolved(): ResolvedCredentials | undefined {
    return this.#resolved;
  }

  /** Resolves the key once; a failed attempt may be retried by calling again. */
  resolve(): Promise<ResolvedCredentials> {
    if (this.#resolved) return Promise.resolve(this.#resolved);
    this.#pending ??= this.#find().then(
      (r) => (this.#resolved = r),
      (e: unknown) => {
        this.#pending = undefined;
        throw e;
      },
    );
    return this.#pending;
  }

  async #find(): Promise<ResolvedCredentials> {
    const { spec } = this;
    const looked: string[] = [];
    if (spec.agentSocket) {
      const client = new SshAgentClient(spec.agentSocket);
      const candidates = await listAgentKeys(client);
      const hit = pickAgentKey(candidates, spec.fingerprint);
      if (hit) {
        const key = agentSigningKey(client, hit, spec.algorithm);
        return { keyId: keyIdFor(spec, key), key };
      }
      const held = candidates.map((c) => `${c.md5Fingerprint} (${c.identity.comment || c.type || 'unknown'})`).join(', ') || 'no keys';
      if (!spec.fingerprint) {
        throw new InvalidArgumentError(
          `Cannot choose a key from the ssh-agent at ${spec.agentSocket} (it holds ${held}): pass the key id or fingerprint to use`,
        );
      }
      looked.push(`the ssh-agent at ${spec.agentSocket} (holding ${held})`);
    }
    if (spec.sshDir && spec.fingerprint) {
      const key = await findKeyInDirectory(spec.sshDir, spec.fingerprint, { passphrase: spec.passphrase, algorithm: spec.algorithm });
      if (key) return { keyId: keyIdFor(spec, key), key };
      looked.push(spec.sshDir);
    }
    throw new InvalidArgumentError(
      `No private key with fingerprint ${spec.fingerprint?.value ?? '(none)'} found; looked in ${looked.join(' and ')}`,
    );
  }
}
