/**
 * Neutron v2.0 routes under `/network/v2.0` (and the version document at `/network`): networks, subnets,
 * ports, floating IPs, security groups and rules; field filters, `limit`/`marker` paging with `*_links`.
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
import { obj, str, type Json } from '../json.js';
import type { ProjectToken, SimulatorWorld } from '../world.js';
import { neutronError } from './errors.js';
import { pageOf } from './paging.js';
import { parseRule } from './rules.js';
import { floatingIpView, groupView, networkView, portView, ruleView, subnetView } from './serialize.js';
import { networkStore, type NetworkStore } from './store.js';

/** What a Neutron handler gets. */
interface NeutronCall {
  req: SimulatorRequest;
  params: Record<string, string>;
  token: ProjectToken;
  project: string;
  store: NetworkStore;
}

type Handler = (c: NeutronCall) => SimulatorReply;

const PAGING_KEYS = new Set(['limit', 'marker', 'page_reverse', 'fields', 'sort_key', 'sort_dir']);

function neutron(world: SimulatorWorld, handler: Handler): (req: SimulatorRequest, params: Record<string, string>) => SimulatorReply {
  return (req, params) => {
    let reply: SimulatorReply;
    try {
      const token = world.authenticate(req);
      reply = handler({ req, params, token, project: token.project.id, store: networkStore(world) });
    } catch (err) {
      if (!(err instanceof SimulatorHttpError)) throw err;
      reply = err.reply;
    }
    return { ...reply, headers: { ...reply.headers, 'x-openstack-request-id': world.requestId() } };
  };
}

function body(req: SimulatorRequest, key: string): Json {
  let parsed: unknown;
  try {
    parsed = parseJsonBody(req);
  } catch {
    neutronError(400, 'HTTPBadRequest', 'Malformed JSON in request body.');
  }
  const inner = obj(obj(parsed)?.[key]);
  if (!inner) neutronError(400, 'HTTPBadRequest', `Resource body required: '${key}'.`);
  return inner;
}

/** Applies field filters (`?name=x&device_id=y`, repeated = any of) then paging; replies `{collection, collection_links}`. */
function listing(world: SimulatorWorld, c: NeutronCall, collection: string, views: Json[]): SimulatorReply {
  const q = c.req.url.searchParams;
  let items = views;
  for (const key of new Set(q.keys())) {
    if (PAGING_KEYS.has(key)) continue;
    const sample = views[0];
    if (sample !== undefined && !(key in sample)) neutronError(400, 'HTTPBadRequest', `[${key}] is invalid attribute for filtering`);
    const wanted = q.getAll(key).map((v) => v.toLowerCase());
    items = items.filter((v) => {
      const value = v[key];
      return (
        (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') &&
        wanted.includes(String(value).toLowerCase())
      );
    });
  }
  const page = pageOf(items as (Json & { id: string })[], c.req.url, world.options.maxPageSize, undefined);
  if ('kind' in page)
    neutronError(
      400,
      'BadRequest',
      page.kind === 'marker'
        ? `Bad ${collection} request: marker ${page.value} not found.`
        : `Bad ${collection} request: limit must be an integer 0 or greater and not '${page.value}'.`,
    );
  return jsonReply(200, { [collection]: page.items, ...(page.links.length > 0 ? { [`${collection}_links`]: page.links } : {}) });
}

function one(key: string, view: Json, status = 200): SimulatorReply {
  return jsonReply(status, { [key]: view });
}

const NO_CONTENT: SimulatorReply = { status: 204, headers: {}, body: '' };

function updateFloatingIp(c: NeutronCall): SimulatorReply {
  const f = c.store.floatingIp(c.project, c.params.id ?? '');
  const b = body(c.req, 'floatingip');
  if ('port_id' in b) {
    if (b.port_id === null) c.store.disassociate(f);
    else {
      const portId = str(b.port_id);
      if (portId === undefined)
        neutronError(400, 'HTTPBadRequest', `Invalid input for port_id. Reason: '${String(b.port_id)}' is not a valid UUID.`);
      const port = c.store.port(c.project, portId);
      const fixed = b.fixed_ip_address === undefined || b.fixed_ip_address === null ? undefined : String(b.fixed_ip_address);
      c.store.associate(f, port, fixed);
    }
  }
  if (typeof b.description === 'string') f.description = b.description;
  return one('floatingip', floatingIpView(f));
}

/** Adds the Neutron routes. */
export function registerNeutronRoutes(router: Router, world: SimulatorWorld): void {
  router.add('GET', '/network', (req) =>
    jsonReply(200, { versions: [{ id: 'v2.0', status: 'CURRENT', links: [{ rel: 'self', href: `${req.url.origin}/network/v2.0/` }] }] }),
  );
  const p = '/network/v2.0';
  const add = (method: string, path: string, h: Handler): void => {
    router.add(method, `${p}${path}`, neutron(world, h));
  };
  add('GET', '/networks', (c) =>
    listing(
      world,
      c,
      'networks',
      c.store.visibleNetworks(c.project).map((n) => networkView(n, c.store)),
    ),
  );
  add('GET', '/networks/:id', (c) => one('network', networkView(c.store.network(c.project, c.params.id ?? ''), c.store)));
  add('GET', '/subnets', (c) => listing(world, c, 'subnets', c.store.visibleSubnets(c.project).map(subnetView)));
  add('GET', '/subnets/:id', (c) => {
    const s = c.store.visibleSubnets(c.project).find((x) => x.id === c.params.id);
    if (!s) neutronError(404, 'SubnetNotFound', `Subnet ${c.params.id ?? ''} could not be found.`);
    return one('subnet', subnetView(s));
  });
  add('GET', '/ports', (c) => listing(world, c, 'ports', c.store.projectPorts(c.project).map(portView)));
  add('GET', '/ports/:id', (c) => one('port', portView(c.store.port(c.project, c.params.id ?? ''))));
  add('GET', '/floatingips', (c) => listing(world, c, 'floatingips', c.store.projectFloatingIps(c.project).map(floatingIpView)));
  add('POST', '/floatingips', (c) => {
    const b = body(c.req, 'floatingip');
    const networkId = str(b.floating_network_id);
    if (networkId === undefined)
      neutronError(400, 'HTTPBadRequest', "Failed to parse request. Required attribute 'floating_network_id' not specified");
    const f = c.store.allocateFloatingIp(c.project, networkId, typeof b.description === 'string' ? b.description : '');
    const portId = str(b.port_id);
    if (portId !== undefined) {
      try {
        c.store.associate(f, c.store.port(c.project, portId), str(b.fixed_ip_address));
      } catch (err) {
        c.store.floatingIps.delete(f.id);
        throw err;
      }
    }
    return one('floatingip', floatingIpView(f), 201);
  });
  add('GET', '/floatingips/:id', (c) => one('floatingip', floatingIpView(c.store.floatingIp(c.project, c.params.id ?? ''))));
  add('PUT', '/floatingips/:id', updateFloatingIp);
  add('DELETE', '/floatingips/:id', (c) => {
    const f = c.store.floatingIp(c.project, c.params.id ?? '');
    c.store.disassociate(f);
    c.store.floatingIps.delete(f.id);
    return NO_CONTENT;
  });
  add('GET', '/security-groups', (c) =>
    listing(
      world,
      c,
      'security_groups',
      c.store.projectGroups(c.project).map((g) => groupView(g, c.store)),
    ),
  );
  add('POST', '/security-groups', (c) => {
    const b = body(c.req, 'security_group');
    const name = typeof b.name === 'string' ? b.name : '';
    if (name === 'default') neutronError(409, 'SecurityGroupDefaultAlreadyExists', 'Default security group already exists.');
    const g = c.store.createGroup(c.project, name, typeof b.description === 'string' ? b.description : '');
    return one('security_group', groupView(g, c.store), 201);
  });
  add('GET', '/security-groups/:id', (c) => one('security_group', groupView(c.store.group(c.project, c.params.id ?? ''), c.store)));
  add('DELETE', '/security-groups/:id', (c) => {
    c.store.removeGroup(c.store.group(c.project, c.params.id ?? ''));
    return NO_CONTENT;
  });
  add('GET', '/security-group-rules', (c) =>
    listing(
      world,
      c,
      'security_group_rules',
      c.store.projectGroups(c.project).flatMap((g) => c.store.groupRules(g.id).map(ruleView)),
    ),
  );
  add('POST', '/security-group-rules', (c) => {
    const { groupId, ...rule } = parseRule(body(c.req, 'security_group_rule'));
    const g = c.store.group(c.project, groupId);
    if (rule.remoteGroupId !== null) c.store.group(c.project, rule.remoteGroupId);
    return one('security_group_rule', ruleView(c.store.addRule(g, rule)), 201);
  });
  add('GET', '/security-group-rules/:id', (c) => one('security_group_rule', ruleView(c.store.rule(c.project, c.params.id ?? ''))));
  add('DELETE', '/security-group-rules/:id', (c) => {
    const r = c.store.rule(c.project, c.params.id ?? '');
    c.store.rules.delete(r.id);
    return NO_CONTENT;
  });
}
