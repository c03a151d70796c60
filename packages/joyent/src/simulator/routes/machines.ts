/**
 * ListMachines (+ HEAD count), GetMachine, CreateMachine, machine actions, DeleteMachine.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { jsonReply, SimulatorHttpError, type Router, type SimulatorReply } from '@cloudmux/core/testing';
import type { EndpointFactory, RouteContext } from '../context.js';
import { CloudApiError, invalidArgument, missingParameter, notFound } from '../errors.js';
import { audit, beginProvisioning, destroyMachine, isDeleted, rebootMachine, startMachine, stopMachine } from '../lifecycle.js';
import {
  affinityInput,
  brandFor,
  machineName,
  metadataInput,
  requestedNetworks,
  resolveImage,
  resolvePackage,
  tagsInput,
} from '../machine-input.js';
import type { SimMachine } from '../model.js';
import { bool, int, prefixed, str } from '../params.js';
import { machineJson } from '../serialize.js';

const LIST_STATES = ['provisioning', 'stopping', 'active', 'stopped', 'running', 'unknown', 'destroyed'];
const MAX_LIMIT = 1000;

/** The machine named in the path; 404 when unknown, 410 with its body when deleted (unless `allowDeleted`). */
export function machineOf(ctx: RouteContext, allowDeleted = false): SimMachine {
  const id = ctx.params['id']!;
  const m = ctx.account.machines.get(id) ?? notFound(`${id} not found`);
  if (!allowDeleted && isDeleted(m))
    throw new SimulatorHttpError(jsonReply(410, machineJson(ctx.store, m, { version: ctx.version })), 'gone');
  return m;
}

/** Machines matching the ListMachines filters, oldest first. */
function filterMachines(ctx: RouteContext, machines: Iterable<SimMachine>): SimMachine[] {
  const p = ctx.input;
  const state = str(p, 'state');
  if (state !== undefined && !LIST_STATES.includes(state)) invalidArgument(`${state} is not a valid state`);
  const type = str(p, 'type');
  if (type !== undefined && type !== 'smartmachine' && type !== 'virtualmachine') invalidArgument(`${type} is not a valid type`);
  const name = str(p, 'name');
  const image = str(p, 'image') ?? str(p, 'dataset');
  const brand = str(p, 'brand');
  const memory = int(p, 'memory');
  const docker = bool(p, 'docker');
  let tombstoneMinutes: number | undefined;
  let tombstone = false;
  if (ctx.legacy) tombstoneMinutes = int(p, 'tombstone');
  else tombstone = bool(p, 'tombstone') ?? false;
  const anyTag = str(p, 'tags') === '*';
  const tags = Object.entries(prefixed(p, 'tag.')).map(([k, v]) => [k, String(v)] as const);
  const now = Date.now();
  const imageIds = image === undefined ? undefined : new Set([image, ctx.store.findImage(image)?.id]);

  return [...machines].filter((m) => {
    const deleted = isDeleted(m);
    if (anyTag) return !deleted && Object.keys(m.tags).length > 0;
    if (state === 'destroyed') {
      if (!deleted) return false;
    } else if (state !== undefined && state !== 'active') {
      if (m.state !== state) return false;
    } else if (deleted) {
      // No state filter (or `active`): destroyed machines only with tombstone.
      if (state === 'active') return false;
      if (tombstoneMinutes !== undefined) {
        if (now - (m.deletedAt?.getTime() ?? 0) > tombstoneMinutes * 60_000) return false;
      } else if (!tombstone) {
        return false;
      }
    }
    if (type !== undefined && (type === 'virtualmachine') !== (m.brand === 'kvm' || m.brand === 'bhyve')) return false;
    if (name !== undefined && m.name !== name) return false;
    if (imageIds && !imageIds.has(m.image)) return false;
    if (brand !== undefined && m.brand !== brand) return false;
    if (memory !== undefined && m.memory !== memory) return false;
    if (docker === true) return false;
    return tags.every(([k, v]) => k in m.tags && String(m.tags[k]) === v);
  });
}

function listMachines(ctx: RouteContext): SimulatorReply {
  const limit = int(ctx.input, 'limit') ?? MAX_LIMIT;
  if (limit < 1 || limit > MAX_LIMIT) invalidArgument(`limit must be between 1 and ${MAX_LIMIT}`);
  const offset = int(ctx.input, 'offset') ?? 0;
  const all = filterMachines(ctx, ctx.account.machines.values());
  const page = all.slice(offset, offset + limit);
  const headers = { 'x-query-limit': String(limit), 'x-resource-count': String(ctx.req.method === 'HEAD' ? all.length : page.length) };
  if (ctx.req.method === 'HEAD') return { status: 200, headers };
  const credentials = bool(ctx.input, 'credentials') ?? false;
  return jsonReply(
    200,
    page.map((m) => machineJson(ctx.store, m, { version: ctx.version, credentials })),
    headers,
  );
}

function getMachine(ctx: RouteContext): SimulatorReply {
  const m = machineOf(ctx, true);
  const body = machineJson(ctx.store, m, { version: ctx.version, credentials: bool(ctx.input, 'credentials') ?? false, detail: true });
  return jsonReply(isDeleted(m) ? 410 : 200, body);
}

function createMachine(ctx: RouteContext): SimulatorReply {
  const { store, account, input } = ctx;
  const image = resolveImage(store, account, input);
  const pkg = resolvePackage(store, input);
  const id = store.newId();
  const name = machineName(str(input, 'name'), id);
  const networks = requestedNetworks(store, input);
  const metadata = metadataInput(input);
  const tags = tagsInput(input);
  const affinity = affinityInput(input);
  const brand = brandFor(image, str(input, 'brand'));
  if (metadata['root_authorized_keys'] === undefined && account.keys.size > 0) {
    metadata['root_authorized_keys'] = [...account.keys.values()].map((k) => k.key).join('\n');
  }
  const now = new Date();
  const m: SimMachine = {
    id,
    owner: account.id,
    name,
    brand,
    state: 'provisioning',
    image: image.id,
    packageId: pkg.id,
    packageName: pkg.name,
    memory: pkg.memory,
    disk: pkg.disk,
    metadata,
    credentials: image.os === 'smartos' ? { root: randomBytes(9).toString('base64url'), admin: randomBytes(9).toString('base64url') } : {},
    tags,
    created: now,
    updated: now,
    firewallEnabled: bool(input, 'firewall_enabled') ?? false,
    deletionProtection: bool(input, 'deletion_protection') ?? false,
    requestedNetworks: networks,
    nics: [],
    computeNode: null,
    snapshots: new Map(),
    audit: [],
    affinity,
  };
  account.machines.set(id, m);
  audit(m, 'provision', ctx.caller, { image: image.id, package: pkg.id, name });
  beginProvisioning(store, m);
  const body = machineJson(store, m, { version: ctx.version });
  return jsonReply(201, body, { location: `/${account.login}/machines/${id}` });
}

const LEGACY_ACTIONS = new Set(['start', 'stop', 'reboot', 'resize']);

function machineAction(ctx: RouteContext): SimulatorReply {
  const action = str(ctx.input, 'action');
  if (action === undefined || action === '') throw new CloudApiError('MissingParameter', 'action is required');
  const m = machineOf(ctx);
  const { store } = ctx;
  const params: Record<string, unknown> = {};
  if (ctx.legacy && !LEGACY_ACTIONS.has(action)) invalidArgument(`${action} is not a valid action`);
  switch (action) {
    case 'start':
      startMachine(store, m);
      break;
    case 'stop':
      stopMachine(store, m);
      break;
    case 'reboot':
      rebootMachine(store, m);
      break;
    case 'resize': {
      const ref = str(ctx.input, 'package');
      if (ref === undefined) throw new CloudApiError('MissingParameter', 'package must be specified');
      const pkg = store.findPackage(ref) ?? invalidArgument(`${ref} is not a valid package`);
      if (m.brand === 'kvm') invalidArgument('resize is not supported for kvm machines');
      if (m.state !== 'running' && m.state !== 'stopped')
        throw new CloudApiError('InvalidState', `Cannot resize machine ${m.id} while it is ${m.state}`);
      Object.assign(m, { packageId: pkg.id, packageName: pkg.name, memory: pkg.memory, disk: pkg.disk, updated: new Date() });
      params['package'] = pkg.id;
      break;
    }
    case 'rename': {
      const name = str(ctx.input, 'name') ?? missingParameter('name');
      m.name = machineName(name, m.id);
      m.updated = new Date();
      params['name'] = m.name;
      break;
    }
    case 'enable_firewall':
    case 'disable_firewall':
      m.firewallEnabled = action === 'enable_firewall';
      m.updated = new Date();
      break;
    case 'enable_deletion_protection':
    case 'disable_deletion_protection':
      m.deletionProtection = action === 'enable_deletion_protection';
      m.updated = new Date();
      break;
    default:
      invalidArgument(`${action} is not a valid action`);
  }
  audit(m, action, ctx.caller, params);
  return { status: 202 };
}

function deleteMachine(ctx: RouteContext): SimulatorReply {
  const m = machineOf(ctx);
  if (ctx.legacy && m.state !== 'stopped')
    throw new CloudApiError('InvalidState', `Machine ${m.id} must be stopped before it can be deleted`);
  destroyMachine(ctx.store, ctx.account, m);
  audit(m, 'destroy', ctx.caller);
  return { status: 204 };
}

/** Mounts the machine collection and machine routes. */
export function mountMachineRoutes(router: Router, ep: EndpointFactory): void {
  router.add('GET', '/:login/machines', ep.route('all', listMachines));
  router.add('HEAD', '/:login/machines', ep.route('all', listMachines));
  router.add('POST', '/:login/machines', ep.route('all', createMachine));
  router.add('GET', '/:login/machines/:id', ep.route('all', getMachine));
  router.add('POST', '/:login/machines/:id', ep.route('all', machineAction));
  router.add('DELETE', '/:login/machines/:id', ep.route('all', deleteMachine));
}
