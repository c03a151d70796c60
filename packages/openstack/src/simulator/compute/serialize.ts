/**
 * Nova JSON representations, varying by microversion where Nova's do (embedded flavor from 2.47, tags from
 * 2.26, description from 2.19, flavor extra specs from 2.61).
 * @module
 */
import { isoSeconds } from '../json.js';
import { atLeast, type Microversion } from './microversion.js';
import type { SimFlavor, SimKeyPair, SimServer } from './model.js';
import { serverStatus } from './store.js';

function link(base: string, kind: string, id: string): unknown[] {
  return [
    { rel: 'self', href: `${base}/${kind}/${id}` },
    { rel: 'bookmark', href: `${base.replace(/\/v2\.1$/, '')}/${kind}/${id}` },
  ];
}

/** A server (`GET /servers/{id}`, `/servers/detail`). */
export function serverJson(s: SimServer, flavor: SimFlavor | undefined, v: Microversion, base: string): Record<string, unknown> {
  const addresses: Record<string, unknown[]> = {};
  for (const a of s.addresses) {
    (addresses[a.network] ??= []).push({ version: 4, addr: a.addr, 'OS-EXT-IPS:type': a.type, 'OS-EXT-IPS-MAC:mac_addr': a.mac });
  }
  const body: Record<string, unknown> = {
    id: s.id,
    name: s.name,
    status: serverStatus(s),
    tenant_id: s.projectId,
    user_id: s.userId,
    metadata: { ...s.metadata },
    hostId: s.vmState === 'building' ? '' : 'c0ffee5e1d0b7e6a9d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c',
    image: s.imageId === '' ? '' : { id: s.imageId, links: link(base, 'images', s.imageId).slice(1) },
    flavor: atLeast(v, 2, 47)
      ? {
          vcpus: flavor?.vcpus ?? 0,
          ram: flavor?.ram ?? 0,
          disk: flavor?.disk ?? 0,
          ephemeral: flavor?.ephemeral ?? 0,
          swap: flavor?.swap ?? 0,
          original_name: flavor?.name ?? s.flavorId,
          extra_specs: { ...flavor?.extraSpecs },
        }
      : { id: s.flavorId, links: link(base, 'flavors', s.flavorId).slice(1) },
    created: isoSeconds(s.created),
    updated: isoSeconds(s.updated),
    addresses,
    accessIPv4: '',
    accessIPv6: '',
    links: link(base, 'servers', s.id),
    'OS-DCF:diskConfig': s.diskConfig,
    progress: s.vmState === 'building' ? 50 : 0,
    'OS-EXT-AZ:availability_zone': s.availabilityZone,
    config_drive: s.configDrive ? 'True' : '',
    key_name: s.keyName,
    'OS-SRV-USG:launched_at': s.vmState === 'building' ? null : isoSeconds(s.created).replace('Z', '.000000'),
    'OS-SRV-USG:terminated_at': null,
    security_groups: s.securityGroups.map((name) => ({ name })),
    'OS-EXT-STS:task_state': s.taskState,
    'OS-EXT-STS:vm_state': s.vmState,
    'OS-EXT-STS:power_state': s.powerState,
    'os-extended-volumes:volumes_attached': s.volumesAttached.map((a) =>
      atLeast(v, 2, 3) ? { id: a.id, delete_on_termination: a.deleteOnTermination } : { id: a.id },
    ),
    locked: false,
  };
  if (s.fault) body.fault = { code: s.fault.code, message: s.fault.message, created: isoSeconds(s.fault.created) };
  if (atLeast(v, 2, 19)) body.description = null;
  if (atLeast(v, 2, 26)) body.tags = [...s.tags];
  return body;
}

/** A flavor (`GET /flavors/detail`). */
export function flavorJson(f: SimFlavor, v: Microversion, base: string): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: f.id,
    name: f.name,
    ram: f.ram,
    disk: f.disk,
    vcpus: f.vcpus,
    swap: f.swap === 0 ? '' : f.swap,
    rxtx_factor: f.rxtxFactor,
    'OS-FLV-EXT-DATA:ephemeral': f.ephemeral,
    'OS-FLV-DISABLED:disabled': false,
    'os-flavor-access:is_public': f.isPublic,
    links: link(base, 'flavors', f.id),
  };
  if (atLeast(v, 2, 55)) body.description = f.description;
  if (atLeast(v, 2, 61)) body.extra_specs = { ...f.extraSpecs };
  return body;
}

/** A key pair, in the list form (`{name, public_key, fingerprint, type}`) or the full `GET` form. */
export function keyPairJson(k: SimKeyPair, v: Microversion, full: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = { name: k.name, public_key: k.publicKey, fingerprint: k.fingerprint };
  if (atLeast(v, 2, 2)) body.type = k.type;
  if (full) {
    Object.assign(body, {
      user_id: k.userId,
      id: k.id,
      created_at: isoSeconds(k.created).replace('Z', '.000000'),
      deleted: false,
      deleted_at: null,
      updated_at: null,
    });
  }
  return body;
}
