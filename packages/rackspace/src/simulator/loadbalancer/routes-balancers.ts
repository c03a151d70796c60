/**
 * Balancer routes of the simulated Cloud Load Balancers API: list (`limit`/`marker`/`offset`, `next` links,
 * `status=DELETED`, `name`, `nodeaddress`), create, show, update, delete, protocols, algorithms, virtual IPs.
 * @module
 */
import { jsonReply, type Router } from '@cloudmux/core/testing';
import type { SimulatorWorld } from '@cloudmux/openstack/simulator';
import { RACKSPACE_SIM_PATHS } from '../catalog.js';
import { accepted, authorize, clbFail, invalid, isObject, objectBody } from './faults.js';
import { isoNow, requireActive, startBuild, startDelete, startUpdate } from './lifecycle.js';
import { CLB_SIM_ALGORITHMS, CLB_SIM_PROTOCOLS, clbStore, type ClbSimBalancer, type ClbSimVip } from './store.js';
import { algorithmErrors, nameErrors, nodeErrors, portErrors, protocolErrors } from './validate.js';
import { detailView, listView } from './views.js';

/** The route prefix (`/lbaas/v1.0/:account`). */
export const CLB_PREFIX = RACKSPACE_SIM_PATHS.loadBalancers.replace('$(project_id)s', ':account');

const UPDATABLE = ['name', 'algorithm', 'protocol', 'port', 'timeout', 'halfClosed', 'httpsRedirect'];
const DEFAULT_LIMIT = 100;

/** The balancer `id` of `account` (404 when unknown or deleted). */
export function balancerOf(world: SimulatorWorld, account: string, id: string): ClbSimBalancer {
  const b = clbStore(world).find(account, id);
  if (!b) clbFail(404, 'Load balancer not found');
  return b;
}

function intParam(url: URL, name: string): number | undefined {
  const v = url.searchParams.get(name);
  if (v === null) return undefined;
  if (!/^\d+$/.test(v)) invalid([`${name} must be a non-negative integer`]);
  return Number(v);
}

function createVips(world: SimulatorWorld, account: string, spec: unknown, port: number): { vips: ClbSimVip[]; errors: string[] } {
  if (!Array.isArray(spec) || spec.length === 0) return { vips: [], errors: ['Must provide a virtual ip'] };
  const first: unknown = spec[0];
  if (spec.length > 1 || !isObject(first)) return { vips: [], errors: ['Must provide exactly one virtual ip type or id'] };
  if (first.id !== undefined) {
    const owners = clbStore(world)
      .ofAccount(account)
      .filter((b) => b.status !== 'DELETED' && b.virtualIps.some((v) => v.id === first.id));
    const shared = owners[0]?.virtualIps.find((v) => v.id === first.id);
    if (!shared) return { vips: [], errors: [`Virtual ip ${String(first.id)} not found`] };
    if (owners.some((b) => b.port === port)) return { vips: [], errors: ['Load balancers sharing a virtual ip must use unique ports'] };
    return { vips: [{ ...shared }], errors: [] };
  }
  if (first.type !== 'PUBLIC' && first.type !== 'SERVICENET') return { vips: [], errors: ['Virtual ip type must be PUBLIC or SERVICENET'] };
  return { vips: clbStore(world).newVips(first.type), errors: [] };
}

/** Adds the balancer routes. */
export function registerBalancerRoutes(router: Router, world: SimulatorWorld): void {
  const store = clbStore(world);

  router.add('GET', `${CLB_PREFIX}/loadbalancers/protocols`, (req, p) => {
    authorize(world, req, p.account!);
    return jsonReply(200, { protocols: CLB_SIM_PROTOCOLS.map((x) => ({ ...x })) });
  });

  router.add('GET', `${CLB_PREFIX}/loadbalancers/algorithms`, (req, p) => {
    authorize(world, req, p.account!);
    return jsonReply(200, { algorithms: CLB_SIM_ALGORITHMS.map((name) => ({ name })) });
  });

  router.add('GET', `${CLB_PREFIX}/loadbalancers`, (req, p) => {
    const account = p.account!;
    authorize(world, req, account);
    const url = req.url;
    const requested = intParam(url, 'limit');
    const limit = requested === undefined || requested > DEFAULT_LIMIT || requested === 0 ? DEFAULT_LIMIT : requested;
    const marker = intParam(url, 'marker');
    const offset = intParam(url, 'offset') ?? 0;
    const deleted = url.searchParams.get('status') === 'DELETED';
    const name = url.searchParams.get('name');
    const nodeAddress = url.searchParams.get('nodeaddress');
    let all = store.ofAccount(account).filter((b) => (b.status === 'DELETED') === deleted);
    if (nodeAddress !== null) all = all.filter((b) => b.nodes.some((n) => n.address === nodeAddress));
    else if (name !== null) all = all.filter((b) => b.name === name);
    // The marker is the id the page starts at.
    const from = marker === undefined ? all : all.filter((b) => b.id >= marker);
    const page = from.slice(offset, offset + limit);
    const next = from[offset + limit];
    const links =
      next !== undefined
        ? [
            {
              href: `${world.url}${RACKSPACE_SIM_PATHS.loadBalancers.replace('$(project_id)s', account)}/loadbalancers?limit=${limit}&marker=${next.id}`,
              rel: 'next',
            },
          ]
        : [];
    return jsonReply(200, { loadBalancers: page.map(listView), links });
  });

  router.add('POST', `${CLB_PREFIX}/loadbalancers`, (req, p) => {
    const account = p.account!;
    authorize(world, req, account);
    const body = objectBody(req, 'loadBalancer');
    const errors = [...nameErrors(body.name), ...protocolErrors(body.protocol)];
    const defaultPort = CLB_SIM_PROTOCOLS.find((x) => x.name === body.protocol)?.port ?? 0;
    const port = body.port ?? (defaultPort > 0 ? defaultPort : undefined);
    errors.push(...portErrors(port));
    if (body.algorithm !== undefined) errors.push(...algorithmErrors(body.algorithm));
    if (body.timeout !== undefined && !(Number.isInteger(body.timeout) && (body.timeout as number) >= 1 && (body.timeout as number) <= 120))
      errors.push('timeout must be an integer from 1 to 120.');
    const nodes = body.nodes === undefined ? [] : Array.isArray(body.nodes) ? (body.nodes as unknown[]) : undefined;
    if (!nodes) errors.push('nodes must be a list');
    else errors.push(...nodeErrors(nodes, []));
    const { vips, errors: vipErrors } = createVips(world, account, body.virtualIps, port as number);
    errors.push(...vipErrors);
    if (errors.length > 0) invalid(errors);
    const now = isoNow(world);
    const b: ClbSimBalancer = {
      id: store.balancerId(),
      account,
      name: body.name as string,
      protocol: body.protocol as string,
      port: port as number,
      algorithm: (body.algorithm as string | undefined) ?? 'RANDOM',
      status: 'BUILD',
      timeout: (body.timeout as number | undefined) ?? 30,
      halfClosed: body.halfClosed === true,
      httpsRedirect: body.httpsRedirect === true,
      virtualIps: vips,
      nodes: (nodes ?? []).map((n) => {
        const o = n as Record<string, unknown>;
        return {
          id: store.nodeId(),
          address: o.address as string,
          port: o.port as number,
          condition: (o.condition as string | undefined) ?? 'ENABLED',
          status: 'ONLINE',
          weight: (o.weight as number | undefined) ?? 1,
          type: (o.type as string | undefined) ?? 'PRIMARY',
        };
      }),
      healthMonitor: undefined,
      sessionPersistence: undefined,
      connectionLogging: false,
      connectionThrottle: undefined,
      accessList: [],
      sslTermination: undefined,
      errorPage: undefined,
      created: now,
      updated: now,
    };
    store.balancers.set(b.id, b);
    startBuild(world, b);
    return accepted({ loadBalancer: detailView(b) });
  });

  router.add('GET', `${CLB_PREFIX}/loadbalancers/:id`, (req, p) => {
    authorize(world, req, p.account!);
    return jsonReply(200, { loadBalancer: detailView(balancerOf(world, p.account!, p.id!)) });
  });

  router.add('PUT', `${CLB_PREFIX}/loadbalancers/:id`, (req, p) => {
    authorize(world, req, p.account!);
    const b = balancerOf(world, p.account!, p.id!);
    requireActive(b);
    const body = objectBody(req, 'loadBalancer');
    const errors: string[] = [];
    for (const k of Object.keys(body)) if (!UPDATABLE.includes(k)) errors.push(`Load balancer attribute ${k} may not be updated.`);
    if (body.name !== undefined) errors.push(...nameErrors(body.name));
    if (body.port !== undefined) errors.push(...portErrors(body.port));
    if (body.protocol !== undefined) errors.push(...protocolErrors(body.protocol));
    if (body.algorithm !== undefined) errors.push(...algorithmErrors(body.algorithm));
    if (Object.keys(body).length === 0) errors.push('Must provide at least one attribute to update.');
    if (errors.length > 0) invalid(errors);
    if (body.name !== undefined) b.name = body.name as string;
    if (body.port !== undefined) b.port = body.port as number;
    if (body.protocol !== undefined) b.protocol = body.protocol as string;
    if (body.algorithm !== undefined) b.algorithm = body.algorithm as string;
    if (typeof body.timeout === 'number') b.timeout = body.timeout;
    if (typeof body.halfClosed === 'boolean') b.halfClosed = body.halfClosed;
    if (typeof body.httpsRedirect === 'boolean') b.httpsRedirect = body.httpsRedirect;
    startUpdate(world, b);
    return accepted();
  });

  router.add('DELETE', `${CLB_PREFIX}/loadbalancers/:id`, (req, p) => {
    authorize(world, req, p.account!);
    const b = balancerOf(world, p.account!, p.id!);
    if (b.status !== 'ACTIVE' && b.status !== 'ERROR' && b.status !== 'SUSPENDED') requireActive(b);
    startDelete(world, b);
    return accepted();
  });

  router.add('GET', `${CLB_PREFIX}/loadbalancers/:id/virtualips`, (req, p) => {
    authorize(world, req, p.account!);
    const b = balancerOf(world, p.account!, p.id!);
    return jsonReply(200, { virtualIps: b.virtualIps.map((v) => ({ ...v })) });
  });
}
