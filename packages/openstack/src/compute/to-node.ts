/**
 * Pure mappers: Nova server JSON → {@link Node}.
 * @module
 */
import { Node, type NodeDriver } from '@cloudmux/core/compute';
import { toNodeState } from './state-map.js';
import type { OpenStackAddress, OpenStackNodeExtra } from './types.js';
import type { NovaServer } from './wire.js';

const PRIVATE_V4 = /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\.|127\.|169\.254\.)/;

/** Whether an address is private (RFC 1918, CGNAT, loopback, link-local, IPv6 ULA/link-local). */
export function isPrivateAddress(addr: string): boolean {
  if (addr.includes(':')) return /^(f[cd]|fe80|::1$)/i.test(addr);
  return PRIVATE_V4.test(addr);
}

function date(v: string | undefined): Date | undefined {
  if (v === undefined || v === '') return undefined;
  const d = new Date(v.endsWith('Z') || /[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** Addresses of a server, flattened. */
export function serverAddresses(s: NovaServer): OpenStackAddress[] {
  const out: OpenStackAddress[] = [];
  for (const [network, list] of Object.entries(s.addresses ?? {})) {
    for (const a of list ?? []) {
      if (typeof a.addr !== 'string') continue;
      out.push({ network, addr: a.addr, version: a.version, type: a['OS-EXT-IPS:type'], mac: a['OS-EXT-IPS-MAC:mac_addr'] });
    }
  }
  return out;
}

/**
 * A Nova server as a {@link Node}; `password` is the `adminPass` of a create response; `flavorIds` maps embedded
 * flavors' names to ids (2.47+).
 */
export function toNode(
  s: NovaServer,
  driver: NodeDriver,
  password?: string,
  flavorIds?: ReadonlyMap<string, string>,
): Node<OpenStackNodeExtra> {
  const addresses = serverAddresses(s);
  const publicIps: string[] = [];
  const privateIps: string[] = [];
  for (const a of addresses) {
    const list = a.type === 'floating' || !isPrivateAddress(a.addr) ? publicIps : privateIps;
    if (!list.includes(a.addr)) list.push(a.addr);
  }
  const accessIps = [s.accessIPv4, s.accessIPv6].filter((ip): ip is string => typeof ip === 'string' && ip !== '');
  for (const ip of accessIps) if (!publicIps.includes(ip) && !privateIps.includes(ip)) publicIps.push(ip);
  const image = s.image && typeof s.image === 'object' ? s.image.id : undefined;
  const taskState = s['OS-EXT-STS:task_state'] ?? null;
  const extra: OpenStackNodeExtra = {
    status: s.status,
    vmState: s['OS-EXT-STS:vm_state'],
    taskState,
    powerState: s['OS-EXT-STS:power_state'],
    projectId: s.tenant_id,
    userId: s.user_id,
    keyName: s.key_name ?? undefined,
    availabilityZone: s['OS-EXT-AZ:availability_zone'] || undefined,
    metadata: Object.freeze({ ...s.metadata }),
    tags: Object.freeze([...(s.tags ?? [])]),
    securityGroups: Object.freeze((s.security_groups ?? []).map((g) => g.name).filter((n): n is string => typeof n === 'string')),
    addresses: Object.freeze(addresses),
    flavorName: s.flavor?.original_name,
    flavorExtraSpecs: s.flavor?.extra_specs ? Object.freeze({ ...s.flavor.extra_specs }) : undefined,
    volumesAttached: Object.freeze((s['os-extended-volumes:volumes_attached'] ?? []).map((v) => v.id)),
    hostId: s.hostId || undefined,
    configDrive: s.config_drive === true || s.config_drive === 'True' || s.config_drive === 'true',
    progress: s.progress,
    updated: date(s.updated),
    description: s.description ?? undefined,
    locked: s.locked,
    fault: s.fault ? { code: s.fault.code, message: s.fault.message, details: s.fault.details } : undefined,
    accessIps: Object.freeze(accessIps),
    diskConfig: s['OS-DCF:diskConfig'] || undefined,
  };
  return new Node<OpenStackNodeExtra>(
    {
      id: s.id,
      name: s.name ?? '',
      state: toNodeState(s.status, taskState),
      publicIps,
      privateIps,
      sizeId: s.flavor?.id ?? (s.flavor?.original_name !== undefined ? flavorIds?.get(s.flavor.original_name) : undefined),
      imageId: image || undefined,
      locationId: extra.availabilityZone,
      created: date(s.created),
      password,
      extra,
    },
    driver,
  );
}
