import { sleep } from '../common/abort.js';
import { pollIntervalOption, requireDuration, requireRefId } from '../common/validate.js';
import { InvalidArgumentError, TimeoutError } from '../errors/cloud-error.js';
import { NotFoundError } from '../errors/provider-error.js';
import type { NodeDriver } from './base-driver.js';
import type { Node } from './node.js';
import { NodeState } from './node-state.js';
import type { Ref, RunningNode, WaitUntilRunningOptions } from './options.js';

/** Sorts addresses IPv4 first, keeping order otherwise. */
export function ipv4First(ips: readonly string[]): string[] {
  return [...ips].sort((a, b) => Number(a.includes(':')) - Number(b.includes(':')));
}

/** Implementation of `NodeDriver.waitUntilRunning` (see there). */
export async function waitUntilRunning(
  driver: NodeDriver,
  nodes: readonly Ref<Node>[],
  options: WaitUntilRunningOptions = {},
): Promise<RunningNode[]> {
  const ctx = { method: 'waitUntilRunning', provider: driver.providerId };
  const pollIntervalMs = pollIntervalOption(options, 3000, ctx);
  const timeoutMs = requireDuration(options.timeoutMs ?? 600_000, 'timeoutMs', ctx);
  const iface = options.sshInterface ?? 'public';
  if (iface !== 'public' && iface !== 'private') {
    throw new InvalidArgumentError(`Invalid sshInterface "${String(iface)}". Valid values: public, private`);
  }
  const requireIp = options.requireIp ?? true;
  if (!Array.isArray(nodes))
    throw new InvalidArgumentError(`waitUntilRunning: "nodes" must be an array of nodes or node ids, got ${typeof nodes}`, {
      provider: ctx.provider,
    });
  const ids = nodes.map((n, i) => requireRefId(n, `nodes[${i}]`, { ...ctx, what: 'node id' }));
  const deadline = Date.now() + timeoutMs;
  const useList = driver.supports('listNodes') && ids.length > 1;
  let seen = new Map<string, Node>();
  for (;;) {
    seen = new Map();
    if (useList) {
      for await (const n of driver.iterateNodes({ ids, signal: options.signal })) if (ids.includes(n.id)) seen.set(n.id, n);
    } else {
      for (const id of ids) {
        try {
          seen.set(id, await driver.getNode(id, { signal: options.signal }));
        } catch (e) {
          if (!(e instanceof NotFoundError)) throw e;
        }
      }
    }
    options.onPoll?.([...seen.values()]);
    const ready = ids.map((id) => {
      const n = seen.get(id);
      if (!n || n.state !== NodeState.RUNNING) return undefined;
      const ips = ipv4First(iface === 'public' ? n.publicIps : n.privateIps);
      return requireIp && ips.length === 0 ? undefined : { node: n, ips };
    });
    if (ready.every((r) => r !== undefined)) return ready as RunningNode[];
    const dead = [...seen.values()].find((n) => n.state === NodeState.TERMINATED || n.state === NodeState.ERROR);
    if (dead) {
      throw new TimeoutError(`Node ${dead.id} entered state ${dead.state} while waiting for it to run`, {
        lastState: dead.state,
        provider: driver.providerId,
      });
    }
    if (Date.now() + pollIntervalMs > deadline) {
      const describe = ids.map((id) => {
        const n = seen.get(id);
        if (!n) return `${id}: not found`;
        const ips = iface === 'public' ? n.publicIps : n.privateIps;
        return `${id}: ${n.state}${n.state === NodeState.RUNNING && ips.length === 0 ? ` (no ${iface} IP)` : ''}`;
      });
      const last = ids.map((id) => seen.get(id)?.state ?? 'missing').join(',');
      throw new TimeoutError(
        `Timed out after ${timeoutMs} ms waiting for nodes to run with a ${iface} IP; last seen: ${describe.join('; ')}`,
        { lastState: last, provider: driver.providerId },
      );
    }
    await sleep(pollIntervalMs, options.signal);
  }
}
