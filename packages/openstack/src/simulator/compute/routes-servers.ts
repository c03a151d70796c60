/**
 * Nova servers: list (paged with `servers_links`, filters), get, create, update (rename), delete.
 * @module
 */
import type { Router } from '@cloudmux/core/testing';
import { obj, str } from '../json.js';
import { imageStore } from '../image/store.js';
import type { SimulatorWorld } from '../world.js';
import { novaError } from './errors.js';
import { bodyObject, empty, nova, ok, type NovaCall } from './handler.js';
import { atLeast } from './microversion.js';
import type { SimServer } from './model.js';
import { serializeServer } from './serialize-server.js';
import { serverStatus } from './store.js';

function matches(s: SimServer, q: URLSearchParams, call: NovaCall): boolean {
  const name = q.get('name');
  if (name !== null) {
    let re: RegExp;
    try {
      re = new RegExp(name);
    } catch {
      novaError(400, `Invalid filter name: ${name}`);
    }
    if (!re.test(s.name)) return false;
  }
  const status = q.get('status');
  if (status !== null && serverStatus(s) !== status.toUpperCase()) return false;
  const image = q.get('image');
  if (image !== null && s.imageId !== image.replace(/^.*\//, '')) return false;
  const flavor = q.get('flavor');
  if (flavor !== null && s.flavorId !== flavor.replace(/^.*\//, '')) return false;
  const since = q.get('changes-since');
  if (since !== null) {
    const t = Date.parse(since);
    if (Number.isNaN(t)) novaError(400, `Invalid input for query parameters changes-since. Value: ${since}.`);
    if (s.updated < t) return false;
  }
  const tags = q.get('tags');
  if (tags !== null && atLeast(call.version, 2, 26) && !tags.split(',').every((t) => s.tags.includes(t))) return false;
  const anyTags = q.get('tags-any');
  if (anyTags !== null && atLeast(call.version, 2, 26) && !anyTags.split(',').some((t) => s.tags.includes(t))) return false;
  return true;
}

function list(call: NovaCall, detail: boolean): ReturnType<typeof ok> {
  const q = call.req.url.searchParams;
  const max = call.world.options.maxPageSize;
  const limitText = q.get('limit');
  let limit = max;
  if (limitText !== null) {
    const n = Number(limitText);
    if (!Number.isInteger(n) || n < 0) novaError(400, `Invalid input for query parameters limit. Value: ${limitText}.`);
    limit = Math.min(n, max);
  }
  // Newest first, as Nova sorts (created_at desc).
  const all = [...call.store.servers.values()].filter((s) => s.projectId === call.token.project.id && s.vmState !== 'deleted').reverse();
  const filtered = all.filter((s) => matches(s, q, call));
  let start = 0;
  const marker = q.get('marker');
  if (marker !== null) {
    const i = filtered.findIndex((s) => s.id === marker);
    if (i < 0) novaError(400, `marker [${marker}] not found`);
    start = i + 1;
  }
  const page = filtered.slice(start, start + limit);
  const body: Record<string, unknown> = {
    servers: page.map((s) => (detail ? serializeServer(call, s) : { id: s.id, name: s.name, links: serializeServer(call, s).links })),
  };
  const last = page[page.length - 1];
  if (page.length === limit && last && limit > 0) {
    const next = new URLSearchParams(q);
    next.set('limit', String(limit));
    next.set('marker', last.id);
    body.servers_links = [{ rel: 'next', href: `${call.base}/servers${detail ? '/detail' : ''}?${next.toString()}` }];
  }
  return ok(200, body);
}

function stringMap(v: unknown, what: string): Record<string, string> {
  if (v === undefined) return {};
  const o = obj(v);
  if (!o) novaError(400, `Invalid input for field/attribute ${what}. Value: ${JSON.stringify(v)}. is not of type 'object'`);
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(o)) {
    if (typeof val !== 'string' || k.length === 0 || k.length > 255 || val.length > 255)
      novaError(400, `Invalid input for field/attribute ${what}. Value: ${JSON.stringify(v)}.`);
    out[k] = val;
  }
  return out;
}

function create(call: NovaCall): ReturnType<typeof ok> {
  const b = bodyObject(call.req, 'server');
  const name = str(b.name);
  if (name === undefined || name.length > 255)
    novaError(400, "Invalid input for field/attribute name. Value: None. None is not of type 'string'");
  const flavorRef = str(typeof b.flavorRef === 'number' ? String(b.flavorRef) : b.flavorRef);
  const flavor = flavorRef === undefined ? undefined : call.store.flavors.get(flavorRef.replace(/^.*\//, ''));
  if (!flavor) novaError(400, 'Invalid flavorRef provided.');
  const bdms = Array.isArray(b.block_device_mapping_v2) ? b.block_device_mapping_v2.map(obj) : [];
  const bootVolume = bdms.find((d) => d !== undefined && Number(d.boot_index) === 0);
  let imageId = str(b.imageRef)?.replace(/^.*\//, '') ?? '';
  if (bootVolume && str(bootVolume.source_type) === 'image') {
    const src = str(bootVolume.uuid) ?? '';
    if (!imageStore(call.world).get(src)) novaError(400, `Image ${src} could not be found.`);
    imageId = '';
  } else if (!bootVolume) {
    if (imageId === '') novaError(400, 'Block Device Mapping is Invalid: You specified more local devices than the limit allows');
    if (!imageStore(call.world).get(imageId)) novaError(400, `Image ${imageId} could not be found.`);
  }
  const keyName = str(b.key_name) ?? null;
  if (keyName !== null && !call.store.keyPairs.has(`${call.token.user.id}/${keyName}`)) novaError(400, 'Invalid key_name provided.');
  const networks = b.networks;
  if (atLeast(call.version, 2, 37) && networks === undefined) {
    novaError(400, "Invalid input for field/attribute server. Value: {...}. 'networks' is a required property");
  }
  const nets = Array.isArray(networks) ? networks.map(obj) : [];
  if (Array.isArray(networks) && nets.some((n) => !n || (str(n.uuid) === undefined && str(n.port) === undefined)))
    novaError(400, 'Bad networks format: network uuid is not in proper format');
  const zone = str(b.availability_zone);
  if (zone !== undefined && !call.store.zones.some((z) => z.name === zone))
    novaError(400, 'The requested availability zone is not available');
  const userData = b.user_data;
  if (userData !== undefined && userData !== null) {
    if (typeof userData !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(userData) || userData.length % 4 !== 0)
      novaError(400, 'User data needs to be valid base 64.');
    if (userData.length > 65535) novaError(400, 'User data too large. User data must be no larger than 65535 bytes once base64 encoded.');
  }
  const groups = Array.isArray(b.security_groups) ? b.security_groups.map((g) => str(obj(g)?.name)) : [];
  if (groups.some((g) => g === undefined)) novaError(400, 'Invalid input for field/attribute security_groups.');
  const metadata = stringMap(b.metadata, 'metadata');
  const minCount = b.min_count === undefined ? 1 : Number(b.min_count);
  const maxCount = b.max_count === undefined ? minCount : Number(b.max_count);
  if (!Number.isInteger(minCount) || !Number.isInteger(maxCount) || minCount < 1 || maxCount < minCount)
    novaError(400, 'min_count must be <= max_count');
  const diskConfig = b['OS-DCF:diskConfig'] ?? 'MANUAL';
  if (diskConfig !== 'AUTO' && diskConfig !== 'MANUAL')
    novaError(
      400,
      `Invalid input for field/attribute OS-DCF:diskConfig. Value: ${String(diskConfig)}. '${String(diskConfig)}' is not one of ['AUTO', 'MANUAL']`,
    );
  const tags = Array.isArray(b.tags) && atLeast(call.version, 2, 52) ? b.tags.filter((t): t is string => typeof t === 'string') : [];
  const created: SimServer[] = [];
  for (let i = 0; i < maxCount; i++) {
    const server = call.store.build({
      name: maxCount > 1 ? `${name}-${i + 1}` : name,
      projectId: call.token.project.id,
      userId: call.token.user.id,
      flavorId: flavor.id,
      imageId,
      keyName,
      availabilityZone: zone ?? 'nova',
      metadata: { ...metadata },
      tags: [...tags],
      securityGroups: groups.length > 0 ? (groups as string[]) : ['default'],
      configDrive: b.config_drive === true || b.config_drive === 'True' || b.config_drive === 'true',
      diskConfig,
      userData: typeof userData === 'string' ? userData : undefined,
      volumesAttached: bootVolume ? [{ id: call.world.newId(), deleteOnTermination: bootVolume.delete_on_termination === true }] : [],
      addresses:
        nets.length > 0
          ? nets.map((n, j) => ({
              network: str(n?.uuid) !== undefined ? `net-${str(n?.uuid)!.slice(0, 8)}` : 'private',
              addr: str(n?.fixed_ip) ?? call.store.nextIp(),
              type: 'fixed' as const,
              mac: `fa:16:3e:00:${String(j).padStart(2, '0')}:${(created.length + 16).toString(16).padStart(2, '0')}`,
            }))
          : [{ network: 'private', addr: call.store.nextIp(), type: 'fixed', mac: 'fa:16:3e:5a:11:01' }],
    });
    created.push(server);
  }
  const first = created[0]!;
  const links = serializeServer(call, first).links;
  return ok(
    202,
    {
      server: {
        id: first.id,
        links,
        'OS-DCF:diskConfig': first.diskConfig,
        security_groups: first.securityGroups.map((g) => ({ name: g })),
        adminPass: call.world.newId().replace(/-/g, '').slice(0, 12),
      },
    },
    { location: `${call.base}/servers/${first.id}` },
  );
}

/** Adds the server collection routes. */
export function registerServerRoutes(router: Router, world: SimulatorWorld): void {
  const p = '/compute/v2.1/servers';
  router.add(
    'GET',
    p,
    nova(world, (c) => list(c, false)),
  );
  router.add(
    'GET',
    `${p}/detail`,
    nova(world, (c) => list(c, true)),
  );
  router.add('POST', p, nova(world, create));
  router.add(
    'GET',
    `${p}/:id`,
    nova(world, (c) => ok(200, { server: serializeServer(c, c.store.server(c.token.project.id, c.params.id!)) })),
  );
  router.add(
    'PUT',
    `${p}/:id`,
    nova(world, (c) => {
      const s = c.store.server(c.token.project.id, c.params.id!);
      const b = bodyObject(c.req, 'server');
      if (b.name !== undefined) {
        const name = str(b.name);
        if (name === undefined || name.length > 255) novaError(400, 'Invalid input for field/attribute name.');
        s.name = name;
      }
      s.updated = c.world.now();
      return ok(200, { server: serializeServer(c, s) });
    }),
  );
  router.add(
    'DELETE',
    `${p}/:id`,
    nova(world, (c) => {
      const s = c.store.server(c.token.project.id, c.params.id!);
      if (s.taskState !== 'deleting') c.store.remove(s);
      return empty(204);
    }),
  );
}
