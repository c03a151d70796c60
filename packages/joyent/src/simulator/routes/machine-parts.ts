/**
 * Machine sub-resources: audit, snapshots, metadata, tags, NICs.
 * @module
 */
import { jsonReply, textReply, type Router, type SimulatorReply } from '@cloudmux/core/testing';
import type { EndpointFactory, RouteContext } from '../context.js';
import { CloudApiError, invalidArgument, missingParameter, notFound } from '../errors.js';
import { macForPath } from '../ids.js';
import { audit, startMachine } from '../lifecycle.js';
import { metadataValue, tagValues } from '../machine-input.js';
import type { SimMachine, SimNic, SimSnapshot } from '../model.js';
import { bool, str } from '../params.js';
import { auditJson, nicJson, snapshotJson } from '../serialize.js';
import { machineOf } from './machines.js';

const PROTECTED_METADATA = ['credentials', 'administrator_pw', 'root_authorized_keys'];
const SNAPSHOT_NAME_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.:-]{0,63}$/;

/** Route input other than the path ids (what a metadata/tag write carries). */
function payload(ctx: RouteContext): Record<string, unknown> {
  const out = { ...ctx.input };
  delete out['credentials'];
  return out;
}

// --- snapshots -------------------------------------------------------------

function snapshotOf(m: SimMachine, name: string): SimSnapshot {
  return m.snapshots.get(name) ?? notFound(`${name} not found`);
}

function createSnapshot(ctx: RouteContext): SimulatorReply {
  const m = machineOf(ctx);
  if (m.brand === 'kvm') invalidArgument('snapshots are not supported for kvm machines');
  if (m.state !== 'running' && m.state !== 'stopped')
    throw new CloudApiError('InvalidState', `Cannot snapshot machine ${m.id} while it is ${m.state}`);
  const name = str(ctx.input, 'name') ?? new Date().toISOString().replace(/[-:]|\.\d+/g, '');
  if (!SNAPSHOT_NAME_RE.test(name)) invalidArgument(`${name} is not a valid snapshot name`);
  if (m.snapshots.has(name)) invalidArgument(`snapshot ${name} already exists`);
  const now = new Date();
  const snap: SimSnapshot = { name, state: 'queued', size: 0, created: now, updated: now };
  m.snapshots.set(name, snap);
  ctx.store.schedule(ctx.store.settings.snapshotDelayMs, () => {
    snap.state = 'created';
    snap.size = Math.max(1, Math.round(m.disk / 100));
    snap.updated = new Date();
  });
  audit(m, 'create_snapshot', ctx.caller, { name });
  return jsonReply(201, snapshotJson(snap), { location: `/${ctx.account.login}/machines/${m.id}/snapshots/${encodeURIComponent(name)}` });
}

function bootFromSnapshot(ctx: RouteContext): SimulatorReply {
  const m = machineOf(ctx);
  const snap = snapshotOf(m, ctx.params['name']!);
  if (snap.state !== 'created') throw new CloudApiError('InvalidState', `snapshot ${snap.name} is ${snap.state}`);
  startMachine(ctx.store, m);
  audit(m, 'rollback_snapshot', ctx.caller, { name: snap.name });
  return { status: 202 };
}

// --- metadata --------------------------------------------------------------

function listMetadata(ctx: RouteContext): SimulatorReply {
  const m = machineOf(ctx);
  const out: Record<string, unknown> = { ...m.metadata };
  if (bool(ctx.input, 'credentials') && Object.keys(m.credentials).length > 0) out['credentials'] = { ...m.credentials };
  return jsonReply(200, out);
}

function getMetadata(ctx: RouteContext): SimulatorReply {
  const m = machineOf(ctx);
  const key = ctx.params['key']!;
  if (key === 'credentials') return jsonReply(200, { ...m.credentials });
  const v = m.metadata[key] ?? notFound(`${key} is not metadata`);
  return acceptsText(ctx) ? textReply(200, v) : jsonReply(200, v);
}

function addMetadata(ctx: RouteContext): SimulatorReply {
  const m = machineOf(ctx);
  for (const [k, v] of Object.entries(payload(ctx))) {
    if (/_pw$/.test(k)) continue;
    m.metadata[k] = metadataValue(k, v);
  }
  m.updated = new Date();
  audit(m, 'set_metadata', ctx.caller);
  return jsonReply(200, { ...m.metadata });
}

function deleteMetadata(ctx: RouteContext): SimulatorReply {
  const m = machineOf(ctx);
  const key = ctx.params['key']!;
  if (PROTECTED_METADATA.includes(key)) invalidArgument(`Metadata key ${key} can not be deleted`);
  if (!(key in m.metadata)) notFound(`${key} is not metadata`);
  delete m.metadata[key];
  m.updated = new Date();
  return { status: 204 };
}

function deleteAllMetadata(ctx: RouteContext): SimulatorReply {
  const m = machineOf(ctx);
  const kept: Record<string, string> = {};
  for (const k of ['administrator_pw', 'root_authorized_keys']) if (m.metadata[k] !== undefined) kept[k] = m.metadata[k];
  m.metadata = kept;
  m.updated = new Date();
  return { status: 204 };
}

// --- tags --------------------------------------------------------------------

function acceptsText(ctx: RouteContext): boolean {
  const accept = String(ctx.req.headers['accept'] ?? '');
  return accept.includes('text/plain') && !accept.includes('json');
}

function writeTags(ctx: RouteContext, replace: boolean): SimulatorReply {
  const m = machineOf(ctx);
  const tags = tagValues(payload(ctx));
  m.tags = replace ? tags : { ...m.tags, ...tags };
  m.updated = new Date();
  audit(m, replace ? 'replace_tags' : 'set_tags', ctx.caller);
  return jsonReply(200, { ...m.tags });
}

function getTag(ctx: RouteContext): SimulatorReply {
  const m = machineOf(ctx);
  const tag = ctx.params['tag']!;
  if (!(tag in m.tags)) notFound(`tag ${tag} not found`);
  const v = m.tags[tag]!;
  return acceptsText(ctx) ? textReply(200, String(v)) : jsonReply(200, v);
}

function deleteTag(ctx: RouteContext): SimulatorReply {
  const m = machineOf(ctx);
  const tag = ctx.params['tag']!;
  if (!(tag in m.tags)) notFound(`tag ${tag} not found`);
  delete m.tags[tag];
  m.updated = new Date();
  return { status: 204 };
}

// --- NICs --------------------------------------------------------------------

function nicOf(m: SimMachine, mac: string): SimMachine['nics'][number] {
  const want = macForPath(mac);
  if (!/^[0-9a-f]{12}$/.test(want)) invalidArgument(`${mac} is not a valid MAC address`);
  return m.nics.find((n) => macForPath(n.mac) === want) ?? notFound(`nic ${mac} not found`);
}

function addNic(ctx: RouteContext): SimulatorReply {
  const m = machineOf(ctx);
  const raw = ctx.input['network'];
  if (raw === undefined || raw === null || raw === '') missingParameter('network');
  let id: unknown = raw;
  let ip: string | undefined;
  if (typeof raw === 'object') {
    id = (raw as Record<string, unknown>)['ipv4_uuid'];
    const ips = (raw as Record<string, unknown>)['ipv4_ips'];
    if (Array.isArray(ips) && typeof ips[0] === 'string') ip = ips[0];
  }
  const net = (typeof id === 'string' ? ctx.store.findNetwork(id) : undefined) ?? invalidArgument(`${String(id)} is not a valid network`);
  if (m.state !== 'running' && m.state !== 'stopped')
    throw new CloudApiError('InvalidState', `Cannot add a NIC to machine ${m.id} while it is ${m.state}`);
  const location = (mac: string): string => `/${ctx.account.login}/machines/${m.id}/nics/${macForPath(mac)}`;
  const existing = m.nics.find((n) => n.network === net.id);
  if (existing) return jsonReply(302, nicJson(existing), { location: location(existing.mac) });
  const primary = bool(ctx.input, 'primary') ?? false;
  const nic: SimNic = { ...ctx.store.newNic(net, primary, ip), state: 'provisioning' };
  if (primary) for (const n of m.nics) n.primary = false;
  m.nics.push(nic);
  ctx.store.schedule(ctx.store.settings.provisionDelayMs, () => {
    nic.state = m.state === 'stopped' ? 'stopped' : 'running';
  });
  audit(m, 'add_nics', ctx.caller, { network: net.id });
  return jsonReply(201, nicJson(nic), { location: location(nic.mac) });
}

function removeNic(ctx: RouteContext): SimulatorReply {
  const m = machineOf(ctx);
  const nic = nicOf(m, ctx.params['mac']!);
  ctx.store.schedule(ctx.store.settings.stopDelayMs, () => {
    m.nics = m.nics.filter((n) => n !== nic);
    if (nic.primary && m.nics[0]) m.nics[0].primary = true;
  });
  audit(m, 'remove_nics', ctx.caller, { mac: nic.mac });
  return { status: 204 };
}

/** Mounts audit, snapshot, metadata, tag and NIC routes. */
export function mountMachinePartRoutes(router: Router, ep: EndpointFactory): void {
  const base = '/:login/machines/:id';
  router.add(
    'GET',
    `${base}/audit`,
    ep.route('modern', (ctx) => jsonReply(200, machineOf(ctx, true).audit.map(auditJson))),
  );

  router.add(
    'GET',
    `${base}/snapshots`,
    ep.route('all', (ctx) => jsonReply(200, [...machineOf(ctx).snapshots.values()].map(snapshotJson))),
  );
  router.add('POST', `${base}/snapshots`, ep.route('all', createSnapshot));
  router.add(
    'GET',
    `${base}/snapshots/:name`,
    ep.route('all', (ctx) => jsonReply(200, snapshotJson(snapshotOf(machineOf(ctx), ctx.params['name']!)))),
  );
  router.add('POST', `${base}/snapshots/:name`, ep.route('all', bootFromSnapshot));
  router.add(
    'DELETE',
    `${base}/snapshots/:name`,
    ep.route('all', (ctx) => {
      const m = machineOf(ctx);
      const snap = snapshotOf(m, ctx.params['name']!);
      m.snapshots.delete(snap.name);
      audit(m, 'delete_snapshot', ctx.caller, { name: snap.name });
      return { status: 204 };
    }),
  );

  router.add('GET', `${base}/metadata`, ep.route('all', listMetadata));
  router.add('POST', `${base}/metadata`, ep.route('all', addMetadata));
  router.add('DELETE', `${base}/metadata`, ep.route('all', deleteAllMetadata));
  router.add('GET', `${base}/metadata/:key`, ep.route('all', getMetadata));
  router.add('DELETE', `${base}/metadata/:key`, ep.route('all', deleteMetadata));

  router.add(
    'GET',
    `${base}/tags`,
    ep.route('modern', (ctx) => jsonReply(200, { ...machineOf(ctx).tags })),
  );
  router.add(
    'POST',
    `${base}/tags`,
    ep.route('modern', (ctx) => writeTags(ctx, false)),
  );
  router.add(
    'PUT',
    `${base}/tags`,
    ep.route('modern', (ctx) => writeTags(ctx, true)),
  );
  router.add(
    'DELETE',
    `${base}/tags`,
    ep.route('modern', (ctx) => {
      const m = machineOf(ctx);
      m.tags = {};
      m.updated = new Date();
      return { status: 204 };
    }),
  );
  router.add('GET', `${base}/tags/:tag`, ep.route('modern', getTag));
  router.add('DELETE', `${base}/tags/:tag`, ep.route('modern', deleteTag));

  router.add(
    'GET',
    `${base}/nics`,
    ep.route('modern', (ctx) =>
      jsonReply(200, machineOf(ctx).nics.map(nicJson), { 'x-resource-count': String(machineOf(ctx).nics.length) }),
    ),
  );
  router.add('POST', `${base}/nics`, ep.route('modern', addNic));
  router.add(
    'GET',
    `${base}/nics/:mac`,
    ep.route('modern', (ctx) => jsonReply(200, nicJson(nicOf(machineOf(ctx), ctx.params['mac']!)))),
  );
  router.add('DELETE', `${base}/nics/:mac`, ep.route('modern', removeNic));
}
