/**
 * Nova flavors (+ extra specs), availability zones, key pairs, and the version documents.
 * @module
 */
import { jsonReply, type Router } from '@cloudmux/core/testing';
import { str } from '../json.js';
import type { SimulatorWorld } from '../world.js';
import { novaError } from './errors.js';
import { bodyObject, empty, nova, ok, type NovaCall } from './handler.js';
import { atLeast, SIM_MAX_MICROVERSION, SIM_MIN_MICROVERSION } from './microversion.js';
import type { SimFlavor } from './model.js';
import { flavorJson, keyPairJson } from './serialize.js';

function page<T extends { id: string }>(c: NovaCall, items: readonly T[]): { page: T[]; next: string | undefined } {
  const q = c.req.url.searchParams;
  const max = c.world.options.maxPageSize;
  const limit = q.get('limit') === null ? max : Math.min(Number(q.get('limit')), max);
  if (!Number.isInteger(limit) || limit < 0) novaError(400, `Invalid input for query parameters limit. Value: ${q.get('limit') ?? ''}.`);
  let start = 0;
  const marker = q.get('marker');
  if (marker !== null) {
    const i = items.findIndex((x) => x.id === marker);
    if (i < 0) novaError(400, `marker [${marker}] not found`);
    start = i + 1;
  }
  const out = items.slice(start, start + limit);
  const last = out[out.length - 1];
  return { page: out, next: last && out.length === limit ? last.id : undefined };
}

function flavors(c: NovaCall, detail: boolean): ReturnType<typeof ok> {
  const all = [...c.store.flavors.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const { page: items, next } = page(c, all);
  const body: Record<string, unknown> = {
    flavors: items.map((f) =>
      detail ? flavorJson(f, c.version, c.base) : { id: f.id, name: f.name, links: flavorJson(f, c.version, c.base).links },
    ),
  };
  if (next !== undefined)
    body.flavors_links = [{ rel: 'next', href: `${c.base}/flavors${detail ? '/detail' : ''}?limit=${items.length}&marker=${next}` }];
  return ok(200, body);
}

function flavor(c: NovaCall): SimFlavor {
  const f = c.store.flavors.get(c.params.id!);
  if (!f) novaError(404, `Flavor ${c.params.id!} could not be found.`);
  return f;
}

function versionDoc(world: SimulatorWorld): Record<string, unknown> {
  return {
    id: 'v2.1',
    status: 'CURRENT',
    version: SIM_MAX_MICROVERSION,
    min_version: SIM_MIN_MICROVERSION,
    updated: '2013-07-23T11:33:21Z',
    links: [{ rel: 'self', href: `${world.url}/compute/v2.1/` }],
    'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.compute+json;version=2.1' }],
  };
}

/** Adds flavor, zone, key pair and version routes. */
export function registerComputeResourceRoutes(router: Router, world: SimulatorWorld): void {
  const p = '/compute/v2.1';
  router.add('GET', '/compute', () =>
    jsonReply(200, {
      versions: [
        {
          id: 'v2.0',
          status: 'SUPPORTED',
          version: '',
          min_version: '',
          updated: '2011-01-21T11:33:21Z',
          links: [{ rel: 'self', href: `${world.url}/compute/v2/` }],
        },
        versionDoc(world),
      ],
    }),
  );
  router.add('GET', p, () => jsonReply(200, { version: versionDoc(world) }));
  router.add(
    'GET',
    `${p}/flavors`,
    nova(world, (c) => flavors(c, false)),
  );
  router.add(
    'GET',
    `${p}/flavors/detail`,
    nova(world, (c) => flavors(c, true)),
  );
  router.add(
    'GET',
    `${p}/flavors/:id`,
    nova(world, (c) => ok(200, { flavor: flavorJson(flavor(c), c.version, c.base) })),
  );
  router.add(
    'GET',
    `${p}/flavors/:id/os-extra_specs`,
    nova(world, (c) => ok(200, { extra_specs: { ...flavor(c).extraSpecs } })),
  );
  router.add(
    'GET',
    `${p}/flavors/:id/os-extra_specs/:key`,
    nova(world, (c) => {
      const v = flavor(c).extraSpecs[c.params.key!];
      if (v === undefined) novaError(404, `Flavor ${c.params.id!} has no extra specs with key ${c.params.key!}.`);
      return ok(200, { [c.params.key!]: v });
    }),
  );
  router.add(
    'GET',
    `${p}/os-availability-zone`,
    nova(world, (c) =>
      ok(200, {
        availabilityZoneInfo: c.store.zones.map((z) => ({ zoneName: z.name, zoneState: { available: z.available }, hosts: null })),
      }),
    ),
  );
  const mine = (c: NovaCall) =>
    [...c.store.keyPairs.values()].filter((k) => k.userId === c.token.user.id).map((k) => Object.assign({ id: k.name }, { k }));
  router.add(
    'GET',
    `${p}/os-keypairs`,
    nova(world, (c) => {
      const all = mine(c);
      const paged = atLeast(c.version, 2, 35) ? page(c, all) : { page: all, next: undefined };
      const body: Record<string, unknown> = { keypairs: paged.page.map(({ k }) => ({ keypair: keyPairJson(k, c.version, false) })) };
      if (paged.next !== undefined)
        body.keypairs_links = [
          { rel: 'next', href: `${c.base}/os-keypairs?limit=${paged.page.length}&marker=${encodeURIComponent(paged.next)}` },
        ];
      return ok(200, body);
    }),
  );
  router.add(
    'GET',
    `${p}/os-keypairs/:name`,
    nova(world, (c) => {
      const k = c.store.keyPairs.get(`${c.token.user.id}/${c.params.name!}`);
      if (!k) novaError(404, `Keypair ${c.params.name!} not found for user ${c.token.user.id}`);
      return ok(200, { keypair: keyPairJson(k, c.version, true) });
    }),
  );
  router.add(
    'POST',
    `${p}/os-keypairs`,
    nova(world, (c) => {
      const b = bodyObject(c.req, 'keypair');
      const name = str(b.name);
      if (name === undefined || name.length > 255 || !/^[A-Za-z0-9_\- .@]+$/.test(name))
        novaError(400, `Invalid input for field/attribute name. Value: ${String(b.name)}.`);
      const publicKey = str(b.public_key);
      if (publicKey === undefined && atLeast(c.version, 2, 92))
        novaError(400, "Invalid input for field/attribute keypair. 'public_key' is a required property");
      const type = str(b.type) ?? 'ssh';
      if (type !== 'ssh' && type !== 'x509') novaError(400, `Invalid input for field/attribute type. Value: ${type}.`);
      const { pair, privateKey } = c.store.addKeyPair(c.token.user.id, name, publicKey, type);
      const body = { ...keyPairJson(pair, c.version, false), user_id: pair.userId };
      return ok(atLeast(c.version, 2, 2) ? 201 : 200, { keypair: privateKey === undefined ? body : { ...body, private_key: privateKey } });
    }),
  );
  router.add(
    'DELETE',
    `${p}/os-keypairs/:name`,
    nova(world, (c) => {
      const key = `${c.token.user.id}/${c.params.name!}`;
      if (!c.store.keyPairs.delete(key)) novaError(404, `Keypair ${c.params.name!} not found for user ${c.token.user.id}`);
      return empty(atLeast(c.version, 2, 2) ? 204 : 202);
    }),
  );
}
