import { Node, type NodeDriver } from '@cloudmux/core/compute';
import { toNodeState } from './state-map.js';
import type { JoyentNodeExtra } from './types.js';
import type { WireMachine } from './wire.js';
import { toDate } from './date.js';
import { splitIps } from './ip.js';

const EMPTY: Readonly<Record<string, never>> = Object.freeze({});
const NONE: readonly never[] = Object.freeze([]);

function stringsOnly(list: ReadonlyArray<string | null>): readonly string[] {
  for (const n of list) if (typeof n !== 'string') return list.filter((x): x is string => typeof x === 'string');
  return list as readonly string[];
}

/**
 * Maps a CloudAPI machine to a {@link Node}; `datacenter` becomes `locationId`. In 6.5 mode
 * `datasetIds` maps the machine's dataset URN to the id `listImages()` returns.
 */
export function toNode(
  m: WireMachine,
  driver: NodeDriver,
  datacenter: string | undefined,
  datasetIds?: ReadonlyMap<string, string>,
): Node<JoyentNodeExtra> {
  // Frozen lists: the Node constructor keeps them as they are instead of copying.
  const ips = splitIps(m.ips ?? m.nics?.map((n) => n.ip) ?? NONE);
  const extra: JoyentNodeExtra = {
    state: m.state,
    brand: m.brand,
    type: m.type,
    package: m.package || undefined,
    memoryMb: m.memory,
    diskMb: m.disk,
    metadata: m.metadata ?? EMPTY,
    tags: m.tags ?? EMPTY,
    primaryIp: m.primaryIp,
    nics: m.nics ?? NONE,
    networks: m.networks ? stringsOnly(m.networks) : NONE,
    firewallEnabled: m.firewall_enabled,
    deletionProtection: m.deletion_protection,
    computeNode: m.compute_node ?? undefined,
    dnsNames: m.dns_names ?? NONE,
    docker: m.docker,
    updated: m.updated,
  };
  if (m.dataset !== undefined) (extra as { dataset?: string }).dataset = m.dataset;
  return new Node<JoyentNodeExtra>(
    {
      id: m.id,
      name: m.name,
      state: toNodeState(m.state),
      publicIps: ips.publicIps,
      privateIps: ips.privateIps,
      sizeId: m.package || undefined,
      imageId: m.image ?? (m.dataset === undefined ? undefined : (datasetIds?.get(m.dataset) ?? m.dataset)),
      locationId: datacenter,
      created: toDate(m.created),
      extra,
    },
    driver,
  );
}
