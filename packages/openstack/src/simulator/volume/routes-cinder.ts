/**
 * Cinder v3 routes under `/volume/v3/{project_id}`: volumes and snapshots (list, detail with
 * `volumes_links`/`snapshots_links` paging, get, create, delete), and the version document at `/volume`.
 * @module
 */
import {
  SimulatorHttpError,
  jsonReply,
  parseJsonBody,
  type Router,
  type SimulatorReply,
  type SimulatorRequest,
} from '@cloudmux/core/testing';
import { obj, str } from '../json.js';
import { pageOf } from '../network/paging.js';
import type { ProjectToken, SimulatorWorld } from '../world.js';
import { cinderError } from './errors.js';
import { snapshotView, volumeDetail, volumeSummary } from './serialize.js';
import { volumeStore, type VolumeStore } from './store.js';

/** What a Cinder handler gets. */
interface CinderCall {
  req: SimulatorRequest;
  params: Record<string, string>;
  token: ProjectToken;
  store: VolumeStore;
  /** `http://127.0.0.1:PORT/volume/v3/{project_id}`. */
  base: string;
}

const MICROVERSION = { min: '3.0', max: '3.70' };

function cinder(
  world: SimulatorWorld,
  handler: (c: CinderCall) => SimulatorReply,
): (req: SimulatorRequest, params: Record<string, string>) => SimulatorReply {
  return (req, params) => {
    const requestId = world.requestId();
    let reply: SimulatorReply;
    let version = MICROVERSION.min;
    try {
      const token = world.authenticate(req);
      version = requestedVersion(req);
      const project = params.project_id ?? '';
      if (project !== token.project.id)
        cinderError(400, `Malformed request url: URL's project_id '${project}' doesn't match Context's project_id '${token.project.id}'`);
      reply = handler({ req, params, token, store: volumeStore(world), base: `${req.url.origin}/volume/v3/${project}` });
    } catch (err) {
      if (!(err instanceof SimulatorHttpError)) throw err;
      reply = err.reply;
    }
    return {
      ...reply,
      headers: {
        ...reply.headers,
        'x-openstack-request-id': requestId,
        'openstack-api-version': `volume ${version}`,
        vary: 'OpenStack-API-Version',
      },
    };
  };
}

function minor(v: string): number {
  return Number(v.split('.')[1]);
}

/** The `OpenStack-API-Version: volume 3.x` asked for (3.0 when absent, the maximum for `latest`); 406 outside the range. */
function requestedVersion(req: SimulatorRequest): string {
  const raw = req.headers['openstack-api-version'];
  const text = (Array.isArray(raw) ? raw[0] : raw) ?? '';
  const m = /(?:^|,)\s*volume\s+(\S+)/i.exec(text);
  if (!m) return MICROVERSION.min;
  const asked = m[1]!.toLowerCase() === 'latest' ? MICROVERSION.max : m[1]!;
  if (!/^3\.\d+$/.test(asked) || minor(asked) > minor(MICROVERSION.max))
    cinderError(406, `Version ${asked} is not supported by the API. Minimum is ${MICROVERSION.min} and maximum is ${MICROVERSION.max}.`);
  return asked;
}

function body(req: SimulatorRequest, key: string): Record<string, unknown> {
  const inner = obj(obj(parseJsonBody(req))?.[key]);
  if (!inner) cinderError(400, `Missing required element '${key}' in request body.`);
  return inner;
}

function page<T extends { id: string }>(
  c: CinderCall,
  world: SimulatorWorld,
  all: T[],
): { items: T[]; links: { rel: string; href: string }[] } {
  const p = pageOf(all, c.req.url, world.options.maxPageSize, world.options.maxPageSize);
  if ('kind' in p)
    cinderError(
      400,
      p.kind === 'marker'
        ? `Marker ${p.value} could not be found.`
        : `Invalid input received: limit must be a non-negative integer, got ${p.value}`,
    );
  return p;
}

function filtered<T extends { name: string | null; status: string }>(c: CinderCall, all: T[]): T[] {
  const q = c.req.url.searchParams;
  const name = q.get('name');
  const status = q.get('status');
  return all.filter((x) => (name === null || x.name === name) && (status === null || x.status === status));
}

function metadata(v: unknown): Record<string, string> {
  const m = obj(v);
  if (v !== undefined && v !== null && !m) cinderError(400, 'Invalid input received: metadata must be a dict.');
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(m ?? {})) {
    if (typeof val !== 'string') cinderError(400, `Invalid input received: metadata value of ${k} must be a string.`);
    out[k] = val;
  }
  return out;
}

function createVolume(c: CinderCall): SimulatorReply {
  const v = body(c.req, 'volume');
  const size = v.size;
  const snapshotId = str(v.snapshot_id) ?? null;
  const sourceVolid = str(v.source_volid) ?? null;
  const imageId = str(v.imageRef) ?? str(v.image_id) ?? null;
  const snap = snapshotId !== null ? c.store.snapshot(c.token.project.id, snapshotId) : undefined;
  const source = sourceVolid !== null ? c.store.volume(c.token.project.id, sourceVolid) : undefined;
  if (snap && snap.status !== 'available')
    cinderError(400, `Invalid snapshot: Originating snapshot status must be one of 'available' values`);
  const minSize = snap?.size ?? source?.size ?? 1;
  const chosen = size === undefined || size === null ? (snap?.size ?? source?.size) : size;
  if (typeof chosen !== 'number' || !Number.isInteger(chosen) || chosen < 1)
    cinderError(
      400,
      `Invalid input for field/attribute size. Value: ${JSON.stringify(size ?? null)}. ${JSON.stringify(size ?? null)} is not a positive integer`,
    );
  if (chosen < minSize)
    cinderError(
      400,
      `Invalid input received: Volume size '${chosen}'GB cannot be smaller than the snapshot size ${minSize}GB. They must be >= original snapshot size.`,
    );
  const zone = str(v.availability_zone) ?? 'nova';
  if (!c.store.zones.includes(zone)) cinderError(400, `Invalid input received: Availability zone '${zone}' is invalid.`);
  const type = str(v.volume_type) ?? 'lvmdriver-1';
  if (!c.store.volumeTypes.includes(type)) cinderError(404, `Volume type with name ${type} could not be found.`);
  const created = c.store.create({
    projectId: c.token.project.id,
    userId: c.token.user.id,
    name: typeof v.name === 'string' ? v.name : '',
    description: typeof v.description === 'string' ? v.description : null,
    size: chosen,
    availabilityZone: zone,
    volumeType: type,
    snapshotId,
    sourceVolid,
    imageId,
    metadata: metadata(v.metadata),
  });
  return jsonReply(202, { volume: volumeDetail(created, c.base) });
}

function createSnapshot(c: CinderCall): SimulatorReply {
  const s = body(c.req, 'snapshot');
  const volumeId = str(s.volume_id);
  if (volumeId === undefined) cinderError(400, "Invalid input for field/attribute snapshot. Value: {}. 'volume_id' is a required property");
  const v = c.store.volume(c.token.project.id, volumeId);
  const force = s.force === true || s.force === 'true' || s.force === 'True';
  const snap = c.store.createSnapshot(v, {
    name: typeof s.name === 'string' ? s.name : null,
    description: typeof s.description === 'string' ? s.description : null,
    force,
    metadata: metadata(s.metadata),
  });
  return jsonReply(202, { snapshot: snapshotView(snap) });
}

/** Adds the Cinder routes. */
export function registerCinderRoutes(router: Router, world: SimulatorWorld): void {
  router.add('GET', '/volume', (req) =>
    jsonReply(300, {
      versions: [
        {
          id: 'v3.0',
          status: 'CURRENT',
          version: MICROVERSION.max,
          min_version: MICROVERSION.min,
          updated: '2023-08-31T00:00:00Z',
          links: [{ rel: 'self', href: `${req.url.origin}/volume/v3/` }],
        },
      ],
    }),
  );
  const p = '/volume/v3/:project_id';
  router.add(
    'GET',
    `${p}/volumes`,
    cinder(world, (c) => {
      const { items, links } = page(c, world, filtered(c, c.store.projectVolumes(c.token.project.id)));
      return jsonReply(200, { volumes: items.map((v) => volumeSummary(v, c.base)), ...(links.length > 0 ? { volumes_links: links } : {}) });
    }),
  );
  router.add(
    'GET',
    `${p}/volumes/detail`,
    cinder(world, (c) => {
      const { items, links } = page(c, world, filtered(c, c.store.projectVolumes(c.token.project.id)));
      return jsonReply(200, { volumes: items.map((v) => volumeDetail(v, c.base)), ...(links.length > 0 ? { volumes_links: links } : {}) });
    }),
  );
  router.add('POST', `${p}/volumes`, cinder(world, createVolume));
  router.add(
    'GET',
    `${p}/volumes/:id`,
    cinder(world, (c) => jsonReply(200, { volume: volumeDetail(c.store.volume(c.token.project.id, c.params.id ?? ''), c.base) })),
  );
  router.add(
    'DELETE',
    `${p}/volumes/:id`,
    cinder(world, (c) => {
      c.store.remove(c.store.volume(c.token.project.id, c.params.id ?? ''));
      return { status: 202, headers: {}, body: '' };
    }),
  );
  const snapshots = (c: CinderCall): SimulatorReply => {
    const volumeId = c.req.url.searchParams.get('volume_id');
    const all = filtered(c, c.store.projectSnapshots(c.token.project.id)).filter((s) => volumeId === null || s.volumeId === volumeId);
    const { items, links } = page(c, world, all);
    return jsonReply(200, { snapshots: items.map(snapshotView), ...(links.length > 0 ? { snapshots_links: links } : {}) });
  };
  router.add('GET', `${p}/snapshots`, cinder(world, snapshots));
  router.add('GET', `${p}/snapshots/detail`, cinder(world, snapshots));
  router.add('POST', `${p}/snapshots`, cinder(world, createSnapshot));
  router.add(
    'GET',
    `${p}/snapshots/:id`,
    cinder(world, (c) => jsonReply(200, { snapshot: snapshotView(c.store.snapshot(c.token.project.id, c.params.id ?? '')) })),
  );
  router.add(
    'DELETE',
    `${p}/snapshots/:id`,
    cinder(world, (c) => {
      c.store.removeSnapshot(c.store.snapshot(c.token.project.id, c.params.id ?? ''));
      return { status: 202, headers: {}, body: '' };
    }),
  );
}
