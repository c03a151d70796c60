import path from 'node:path';
import ssh2 from 'ssh2';
import type { DeploymentStepResult } from '@cloudmux/core/compute';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import type { SshClient } from '../ssh/ssh-client.js';
import { Deployment, runStep, type DeploymentContext } from './deployment.js';

/** Options of {@link SSHKeyDeployment}. */
export interface SSHKeyDeploymentOptions {
  /** Step name (default `ssh-key`). */
  name?: string | undefined;
  /** File to add the key to (default `~/.ssh/authorized_keys`). */
  authorizedKeysFile?: string | undefined;
}

/** `type base64` of an OpenSSH public key line, ignoring options and comment. */
function keyIdentity(line: string): string | undefined {
  const m = /(?:^|\s)((?:ssh|ecdsa|sk)-[A-Za-z0-9@.-]+)\s+([A-Za-z0-9+/=]+)/.exec(line);
  return m ? `${m[1]} ${m[2]}` : undefined;
}

/**
 * Adds a public key to `~/.ssh/authorized_keys` unless it is already there (idempotent: the result's
 * `changed` says whether it wrote). Creates `~/.ssh` with mode 0700 and the file with mode 0600.
 */
export class SSHKeyDeployment extends Deployment {
  /** Step name. */
  readonly name: string;
  /** Public key line to add. */
  readonly publicKey: string;
  /** Target file. */
  readonly authorizedKeysFile: string;

  /** @param publicKey - OpenSSH public key line (`ssh-ed25519 AAAA... comment`). */
  constructor(publicKey: string, options: SSHKeyDeploymentOptions = {}) {
    super();
    const line = publicKey.trim();
    const parsed = ssh2.utils.parseKey(line);
    if (parsed instanceof Error || line.includes('\n') || keyIdentity(line) === undefined) {
      throw new InvalidArgumentError(
        `SSHKeyDeployment needs one OpenSSH public key line (type base64 [comment])${parsed instanceof Error ? `: ${parsed.message}` : ''}`,
      );
    }
    this.publicKey = line;
    this.name = options.name ?? 'ssh-key';
    this.authorizedKeysFile = options.authorizedKeysFile ?? '~/.ssh/authorized_keys';
  }

  /** Adds the key if missing. */
  run(client: SshClient, context?: DeploymentContext): Promise<DeploymentStepResult> {
    return runStep(this.name, context, async () => {
      const file = await client.resolvePath(this.authorizedKeysFile);
      await client.mkdirp(path.posix.dirname(file), 0o700);
      const exists = (await client.stat(file)) !== undefined;
      const current = exists ? (await client.readFile(file)).toString('utf8') : '';
      const wanted = keyIdentity(this.publicKey);
      const present = current.split(/\r?\n/).some((l) => !l.trim().startsWith('#') && keyIdentity(l) === wanted);
      if (!present) {
        const sep = current.length > 0 && !current.endsWith('\n') ? '\n' : '';
        await client.writeFile(file, `${current}${sep}${this.publicKey}\n`, { mode: 0o600 });
      } else if (exists) {
        await client.chmod(file, 0o600);
      }
      return { ok: true, changed: !present, stdout: present ? 'key already present\n' : `key added to ${file}\n` };
    });
  }
}
