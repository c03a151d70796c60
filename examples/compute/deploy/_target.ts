/**
 * Shared helper for the deploy examples: the SSH server the example's nodes point at, from
 * CLOUDMUX_SSH_HOST / CLOUDMUX_SSH_PORT / CLOUDMUX_SSH_USER / CLOUDMUX_SSH_KEY (private key path),
 * optional CLOUDMUX_SSH_KEY_PASSPHRASE and CLOUDMUX_SSH_KNOWN_HOSTS (then the host key is checked
 * strictly). The Dummy driver gives its nodes that address, so `deployNode` really runs over SSH.
 */

/** Where to deploy. */
export interface SshTarget {
  host: string;
  port: number;
  user: string;
  key: string;
  passphrase: string | undefined;
  knownHostsFile: string | undefined;
}

/** Reads the target from the environment; prints what to set and returns undefined when it is incomplete. */
export function sshTargetFromEnv(example: string, env: NodeJS.ProcessEnv = process.env): SshTarget | undefined {
  const host = env['CLOUDMUX_SSH_HOST'];
  const user = env['CLOUDMUX_SSH_USER'];
  const key = env['CLOUDMUX_SSH_KEY'];
  if (!host || !user || !key) {
    console.log(
      'skipped: set CLOUDMUX_SSH_HOST, CLOUDMUX_SSH_PORT (default 22), CLOUDMUX_SSH_USER and CLOUDMUX_SSH_KEY (private key path) ' +
        `to an SSH server to deploy to (optional: CLOUDMUX_SSH_KEY_PASSPHRASE, CLOUDMUX_SSH_KNOWN_HOSTS for strict host-key checking) [${example}]`,
    );
    return undefined;
  }
  return {
    host,
    port: Number(env['CLOUDMUX_SSH_PORT'] ?? 22),
    user,
    key,
    passphrase: env['CLOUDMUX_SSH_KEY_PASSPHRASE'] || undefined,
    knownHostsFile: env['CLOUDMUX_SSH_KNOWN_HOSTS'] || undefined,
  };
}
