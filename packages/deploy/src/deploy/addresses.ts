import { sleep } from '@cloudmux/core';
import { ipv4First, type Node, type NodeDriver } from '@cloudmux/core/compute';
import { InvalidArgumentError, TimeoutError } from '@cloudmux/core/errors';

/** Which addresses `deployNode` connects to: IPv4 only, IPv6 only, or any (IPv4 first; the default). Libcloud's `force_ipv4`. */
export type IpVersion = 4 | 6 | 'any';

/** Valid {@link IpVersion} values. */
export const IP_VERSIONS: readonly IpVersion[] = Object.freeze([4, 6, 'any'] as const);

/** Checks an `ipVersion` option (default `'any'`). */
export function ipVersionOption(value: unknown): IpVersion {
  if (value === undefined) return 'any';
  if (!IP_VERSIONS.includes(value as IpVersion))
    throw new InvalidArgumentError(`Invalid ipVersion ${JSON.stringify(value)}. Valid values: 4, 6, 'any'`);
  return value as IpVersion;
}

/** The addresses of `ips` of `version`, IPv4 first. */
export function addressesOf(ips: readonly string[], version: IpVersion): string[] {
  const sorted = ipv4First(ips);
  if (version === 'any') return sorted;
  return sorted.filter((ip) => ip.includes(':') === (version === 6));
}

/**
 * The node's addresses of `version` on `sshInterface`, polling the node (every `pollIntervalMs`,
 * until `deadline`) while it has none yet: an IPv6-first cloud may add the IPv4 address later.
 * Throws `TimeoutError` naming the addresses it has.
 */
export async function waitForAddresses(
  driver: NodeDriver,
  node: Node,
  ips: readonly string[],
  opts: {
    version: IpVersion;
    sshInterface: 'public' | 'private';
    pollIntervalMs: number;
    deadline: number;
    signal?: AbortSignal | undefined;
  },
): Promise<{ node: Node; hosts: string[] }> {
  let hosts = addressesOf(ips, opts.version);
  while (hosts.length === 0) {
    if (Date.now() + opts.pollIntervalMs > opts.deadline) {
      const has = ips.length > 0 ? ips.join(', ') : 'none';
      throw new TimeoutError(`Node ${node.id} has no IPv${String(opts.version)} ${opts.sshInterface} address (it has: ${has})`, {
        provider: driver.providerId,
      });
    }
    await sleep(opts.pollIntervalMs, opts.signal);
    node = await driver.getNode(node.id, { signal: opts.signal });
    ips = opts.sshInterface === 'public' ? node.publicIps : node.privateIps;
    hosts = addressesOf(ips, opts.version);
  }
  return { node, hosts };
}
