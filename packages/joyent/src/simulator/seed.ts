/**
 * Bulk-creates machines directly in a given state (no timers), for tests and benchmarks.
 * @module
 */
import { attachNics } from './lifecycle.js';
import type { SimMachine } from './model.js';
import type { SeedMachineTemplate } from './options.js';
import type { SimStore } from './store.js';

/** Creates `count` machines for `login` from `template`; returns them. */
export function seedMachines(store: SimStore, login: string, count: number, template: SeedMachineTemplate = {}): SimMachine[] {
  const account = store.accounts.get(login);
  if (!account) throw new TypeError(`seedMachines: unknown account "${login}"`);
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`seedMachines: count must be a non-negative integer, got ${count}`);
  const image =
    store.findImage(template.image ?? '') ?? [...store.images.values()].find((i) => i.name === (template.image ?? 'base-64-lts'));
  if (!image) throw new TypeError(`seedMachines: unknown image "${template.image}"`);
  const pkg = store.findPackage(template.package ?? 'g4-highcpu-128M');
  if (!pkg) throw new TypeError(`seedMachines: unknown package "${template.package}"`);
  const state = template.state ?? 'running';
  const base = template.created !== undefined ? new Date(template.created).getTime() : Date.now() - count;
  const out: SimMachine[] = [];
  for (let i = 0; i < count; i++) {
    const id = store.newId();
    const created = new Date(base + i);
    const name = template.name === undefined ? id.slice(0, 8) : count > 1 ? `${template.name}-${i + 1}` : template.name;
    const m: SimMachine = {
      id,
      owner: account.id,
      name,
      brand: template.brand ?? (image.type === 'lx-dataset' ? 'lx' : image.type === 'zvol' ? 'bhyve' : 'joyent'),
      state,
      image: image.id,
      packageId: pkg.id,
      packageName: pkg.name,
      memory: pkg.memory,
      disk: pkg.disk,
      metadata: { ...template.metadata },
      credentials: {},
      tags: { ...template.tags },
      created,
      updated: created,
      firewallEnabled: template.firewall_enabled ?? false,
      deletionProtection: template.deletion_protection ?? false,
      requestedNetworks: [],
      nics: [],
      computeNode: null,
      snapshots: new Map(),
      audit: [{ action: 'provision', success: 'yes', time: created, parameters: {}, caller: { type: 'operator' } }],
      affinity: [],
    };
    if (state !== 'provisioning' && state !== 'failed') {
      attachNics(store, m);
      m.computeNode = `44454c4c-${id.slice(9, 13)}-8010-8050-b4c04f${id.slice(-6)}`;
    }
    if (state === 'deleted') m.deletedAt = created;
    account.machines.set(id, m);
    out.push(m);
  }
  return out;
}
