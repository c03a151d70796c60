/**
 * Packages, images (and 6.5 datasets), networks.
 * @module
 */
import { jsonReply, type Router, type SimulatorReply } from '@cloudmux/core/testing';
import type { EndpointFactory, RouteContext } from '../context.js';
import { CloudApiError, invalidArgument, missingParameter, notFound } from '../errors.js';
import type { SimImage } from '../model.js';
import { bool, str, wildcardMatch } from '../params.js';
import { datasetJson, imageJson, networkJson, packageJson } from '../serialize.js';

const PACKAGE_FILTERS = ['name', 'memory', 'disk', 'swap', 'lwps', 'vcpus', 'version', 'group'] as const;

function listPackages(ctx: RouteContext): SimulatorReply {
  const filters: Array<[string, string]> = [];
  for (const f of PACKAGE_FILTERS) {
    const v = str(ctx.input, f);
    if (v !== undefined) filters.push([f, v]);
  }
  const flexible = bool(ctx.input, 'flexible_disk');
  const out = ctx.store.packages.filter((p) => {
    if (flexible === true) return false;
    return filters.every(([f, v]) => wildcardMatch(v, String(p[f as keyof typeof p])));
  });
  return jsonReply(
    200,
    out.map((p) => packageJson(p, ctx.version)),
  );
}

function getPackage(ctx: RouteContext): SimulatorReply {
  const id = ctx.params['id']!;
  const p = (ctx.legacy ? ctx.store.packages.find((x) => x.name === id) : ctx.store.findPackage(id)) ?? notFound(`${id} not found`);
  return jsonReply(200, packageJson(p, ctx.version));
}

/** Images visible to the caller, with CloudAPI's filters (state defaults to active). */
function visibleImages(ctx: RouteContext): SimImage[] {
  const name = str(ctx.input, 'name');
  const os = str(ctx.input, 'os');
  const version = str(ctx.input, 'version');
  const type = str(ctx.input, 'type');
  const owner = str(ctx.input, 'owner');
  const isPublic = bool(ctx.input, 'public');
  const state = str(ctx.input, 'state') ?? 'active';
  const states = ['active', 'unactivated', 'disabled', 'creating', 'failed', 'all'];
  if (!states.includes(state)) invalidArgument(`${state} is not a valid state`);
  return [...ctx.store.images.values()].filter((i) => {
    if (!i.public && i.owner !== ctx.account.id) return false;
    if (name !== undefined && !(name.startsWith('~') ? i.name.includes(name.slice(1)) : wildcardMatch(name, i.name))) return false;
    if (os !== undefined && i.os !== os) return false;
    if (version !== undefined && !wildcardMatch(version, i.version)) return false;
    if (type !== undefined && i.type !== type) return false;
    if (owner !== undefined && i.owner !== owner) return false;
    if (isPublic !== undefined && i.public !== isPublic) return false;
    return state === 'all' || i.state === state;
  });
}

function getImage(ctx: RouteContext): SimulatorReply {
  const id = ctx.params['id']!;
  const img = ctx.store.findImage(id, ctx.account);
  if (!img || img.urn === id) notFound(`image ${id} not found`);
  return jsonReply(200, imageJson(img, ctx.version));
}

function createImage(ctx: RouteContext): SimulatorReply {
  const action = str(ctx.input, 'action');
  if (action !== undefined) invalidArgument(`${action} is not a valid action`);
  const machineId = str(ctx.input, 'machine') ?? missingParameter('machine');
  const name = str(ctx.input, 'name') ?? missingParameter('name');
  const version = str(ctx.input, 'version') ?? missingParameter('version');
  const m = ctx.account.machines.get(machineId);
  if (!m || m.state === 'deleted') invalidArgument(`${machineId} is not a valid machine`);
  if (m.state !== 'running' && m.state !== 'stopped')
    throw new CloudApiError('InvalidState', `Cannot create an image from machine ${m.id} while it is ${m.state}`);
  const source = ctx.store.images.get(m.image);
  for (const i of ctx.store.images.values()) {
    if (i.owner === ctx.account.id && i.name === name && i.version === version) invalidArgument(`image ${name}@${version} already exists`);
  }
  const tags = ctx.input['tags'];
  const img: SimImage = {
    id: ctx.store.newId(),
    name,
    version,
    os: source?.os ?? 'other',
    type: source?.type ?? 'zone-dataset',
    description: str(ctx.input, 'description') ?? '',
    requirements: source ? { ...source.requirements } : {},
    homepage: str(ctx.input, 'homepage'),
    publishedAt: new Date(),
    owner: ctx.account.id,
    public: false,
    state: 'creating',
    tags: tags && typeof tags === 'object' && !Array.isArray(tags) ? { ...(tags as Record<string, unknown>) } : {},
    urn: `sdc:${ctx.account.login}:${name}:${version}`,
  };
  ctx.store.images.set(img.id, img);
  ctx.store.schedule(ctx.store.settings.snapshotDelayMs, () => {
    img.state = 'active';
    img.publishedAt = new Date();
  });
  const jobId = ctx.store.newId();
  return jsonReply(201, imageJson(img, ctx.version), { location: `/${ctx.account.login}/images/${img.id}`, 'x-joyent-jobid': jobId });
}

function updateImage(ctx: RouteContext): SimulatorReply {
  const id = ctx.params['id']!;
  const img = ctx.store.findImage(id, ctx.account) ?? notFound(`image ${id} not found`);
  const action = str(ctx.input, 'action') ?? missingParameter('action');
  if (action !== 'update') invalidArgument(`${action} is not a valid action`);
  if (img.owner !== ctx.account.id) throw new CloudApiError('NotAuthorized', `You do not have permission to update image ${id}`);
  for (const f of ['name', 'version', 'description', 'homepage'] as const) {
    const v = str(ctx.input, f);
    if (v !== undefined) img[f] = v;
  }
  return jsonReply(200, imageJson(img, ctx.version));
}

function deleteImage(ctx: RouteContext): SimulatorReply {
  const id = ctx.params['id']!;
  const img = ctx.store.findImage(id, ctx.account) ?? notFound(`image ${id} not found`);
  if (img.owner !== ctx.account.id) throw new CloudApiError('NotAuthorized', `You do not have permission to delete image ${id}`);
  ctx.store.images.delete(img.id);
  return { status: 204 };
}

/** Mounts package, image, dataset and network routes. */
export function mountCatalogRoutes(router: Router, ep: EndpointFactory): void {
  router.add('GET', '/:login/packages', ep.route('all', listPackages));
  router.add('GET', '/:login/packages/:id', ep.route('all', getPackage));

  router.add(
    'GET',
    '/:login/images',
    ep.route('modern', (ctx) =>
      jsonReply(
        200,
        visibleImages(ctx).map((i) => imageJson(i, ctx.version)),
      ),
    ),
  );
  router.add('POST', '/:login/images', ep.route('modern', createImage));
  router.add('GET', '/:login/images/:id', ep.route('modern', getImage));
  router.add('POST', '/:login/images/:id', ep.route('modern', updateImage));
  router.add('DELETE', '/:login/images/:id', ep.route('modern', deleteImage));

  router.add(
    'GET',
    '/:login/datasets',
    ep.route('compat', (ctx) => {
      const images = visibleImages(ctx);
      const newest = images.filter((i) => i.os === 'smartos').sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime())[0];
      return jsonReply(
        200,
        images.map((i) => datasetJson(i, i === newest)),
      );
    }),
  );
  router.add(
    'GET',
    '/:login/datasets/:id',
    ep.route('compat', (ctx) => {
      const img = ctx.store.findImage(ctx.params['id']!, ctx.account) ?? notFound(`${ctx.params['id']} not found`);
      return jsonReply(200, datasetJson(img, false));
    }),
  );

  router.add(
    'GET',
    '/:login/networks',
    ep.route('modern', (ctx) => jsonReply(200, ctx.store.networks.map(networkJson))),
  );
  router.add(
    'GET',
    '/:login/networks/:id',
    ep.route('modern', (ctx) => {
      const net = ctx.store.findNetwork(ctx.params['id']!) ?? notFound(`${ctx.params['id']} not found`);
      return jsonReply(200, networkJson(net));
    }),
  );
}
