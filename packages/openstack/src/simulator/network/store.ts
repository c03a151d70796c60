/**
 * Neutron's state in the simulator. Every project gets, on first use, a `private` network (`10.0.0.0/16`)
 * routed to the cloud's external `public` network (`172.24.4.0/24`, floating IPs come from it) and a `default`
 * security group.
 *
 * For the compute simulator: servers' ports are created from the compute store's server addresses on the next
 * Neutron request ({@link NetworkStore.sync}), or directly with {@link NetworkStore.createServerPort}
 * (`world.stores.network.createServerPort(projectId, serverId, { ip, mac, securityGroups })`); ports of deleted
 * servers are removed (their floating IPs disassociated) on the next request, or with
 * {@link NetworkStore.removeServerPorts}. Associating a floating IP adds a `floating` address to the server's
 * `addresses` in the compute store, and disassociating removes it.
 * @module
 */
import type { SimulatorWorld } from '../world.js';
import '../compute/store.js';
import { neutronError } from './errors.js';
import type { SimFloatingIp, SimNetwork, SimPort, SimRouter, SimRule, SimSecurityGroup, SimSubnet } from './model.js';
import { NEUTRON_TIMINGS } from './model.js';
import { ipToInt, intToIp, inCidr, macAddress } from './ip.js';
import { sameRule } from './rules.js';

declare module '../world.js' {
  interface SimulatorStores {
    /** Neutron records. */
    network?: NetworkStore;
  }
}

/** Neutron's records. */
export class NetworkStore {
  /** Networks by id. */
  readonly networks = new Map<string, SimNetwork>();
  /** Subnets by id. */
  readonly subnets = new Map<string, SimSubnet>();
  /** Routers by id. */
  readonly routers = new Map<string, SimRouter>();
  /** Ports by id. */
  readonly ports = new Map<string, SimPort>();
  /** Floating IPs by id. */
  readonly floatingIps = new Map<string, SimFloatingIp>();
  /** Security groups by id. */
  readonly groups = new Map<string, SimSecurityGroup>();
  /** Security group rules by id. */
  readonly rules = new Map<string, SimRule>();
  /** The external network. */
  readonly publicNetwork: SimNetwork;
  readonly #world: SimulatorWorld;
  readonly #seeded = new Set<string>();
  #macCounter = 0x100000;

  constructor(world: SimulatorWorld) {
    this.#world = world;
    this.publicNetwork = this.addNetwork('', { name: 'public', external: true, cidr: '172.24.4.0/24', routed: false });
  }

  /** Seeds a project's private network, router and default security group once. */
  ensureProject(projectId: string): void {
    if (this.#seeded.has(projectId)) return;
    this.#seeded.add(projectId);
    this.addNetwork(projectId, { name: 'private', cidr: '10.0.0.0/16' });
    this.#defaultGroup(projectId);
  }

  /**
   * Adds a network with one subnet; `routed` (default true for internal networks) connects it to the `public`
   * network through a router, so its ports can get floating IPs.
   */
  addNetwork(projectId: string, o: { name: string; cidr: string; external?: boolean; routed?: boolean }): SimNetwork {
    const now = this.#world.now();
    const net: SimNetwork = {
      id: this.#world.newId(),
      projectId,
      name: o.name,
      external: o.external === true,
      shared: false,
      status: 'ACTIVE',
      mtu: 1450,
      created: now,
    };
    this.networks.set(net.id, net);
    const [base, bits] = o.cidr.split('/') as [string, string];
    const first = ipToInt(base);
    const size = 2 ** (32 - Number(bits));
    const subnet: SimSubnet = {
      id: this.#world.newId(),
      projectId,
      networkId: net.id,
      name: `${o.name}-subnet`,
      cidr: o.cidr,
      gatewayIp: intToIp(first + 1),
      pool: { start: intToIp(first + 2), end: intToIp(first + size - 2) },
      created: now,
    };
    this.subnets.set(subnet.id, subnet);
    if (!net.external && o.routed !== false) {
      const router: SimRouter = {
        id: this.#world.newId(),
        projectId,
        name: `router-${o.name}`,
        externalNetworkId: this.publicNetwork.id,
        subnetIds: [subnet.id],
      };
      this.routers.set(router.id, router);
    }
    return net;
  }

  /** Networks a project sees: its own, shared and external ones. */
  visibleNetworks(projectId: string): SimNetwork[] {
    this.ensureProject(projectId);
    return [...this.networks.values()].filter((n) => n.projectId === projectId || n.shared || n.external);
  }

  /** A network the project sees, or 404 `NetworkNotFound`. */
  network(projectId: string, id: string): SimNetwork {
    const n = this.visibleNetworks(projectId).find((x) => x.id === id);
    if (!n) neutronError(404, 'NetworkNotFound', `Network ${id} could not be found.`);
    return n;
  }

  /** Subnets of the networks a project sees. */
  visibleSubnets(projectId: string): SimSubnet[] {
    const nets = new Set(this.visibleNetworks(projectId).map((n) => n.id));
    return [...this.subnets.values()].filter((s) => nets.has(s.networkId));
  }

  /** Ports of a project (after syncing servers' ports). */
  projectPorts(projectId: string): SimPort[] {
    this.sync();
    return [...this.ports.values()].filter((p) => p.projectId === projectId);
  }

  /** A port of the project, or 404 `PortNotFound`. */
  port(projectId: string, id: string): SimPort {
    const p = this.projectPorts(projectId).find((x) => x.id === id);
    if (!p) neutronError(404, 'PortNotFound', `Port ${id} could not be found.`);
    return p;
  }

  /**
   * Creates a server's port on `networkId` (default: the project's `private` network) with `ip` (default: the next
   * free address) and `mac`; `securityGroups` are names or ids (default `['default']`).
   */
  createServerPort(
    projectId: string,
    serverId: string,
    o: {
      networkId?: string | undefined;
      ip?: string | undefined;
      mac?: string | undefined;
      securityGroups?: readonly string[] | undefined;
    } = {},
  ): SimPort {
    this.ensureProject(projectId);
    const net =
      o.networkId !== undefined
        ? this.network(projectId, o.networkId)
        : [...this.networks.values()].find((n) => n.projectId === projectId && n.name === 'private')!;
    const subnet = [...this.subnets.values()].find((s) => s.networkId === net.id && (o.ip === undefined || inCidr(o.ip, s.cidr)));
    if (!subnet)
      neutronError(
        400,
        'InvalidIpForNetwork',
        `IP address ${o.ip ?? ''} is not a valid IP for any of the subnets on the specified network.`,
      );
    const ip = o.ip ?? this.#nextIp(subnet);
    const port: SimPort = {
      id: this.#world.newId(),
      projectId,
      networkId: net.id,
      name: '',
      mac: o.mac ?? this.#nextMac(),
      fixedIps: [{ subnetId: subnet.id, ip }],
      deviceId: serverId,
      deviceOwner: 'compute:nova',
      status: 'ACTIVE',
      securityGroupIds: (o.securityGroups ?? ['default']).map((g) => this.#groupId(projectId, g)),
      created: this.#world.now(),
    };
    this.ports.set(port.id, port);
    return port;
  }

  /** Removes a server's ports, disassociating their floating IPs (what Nova does on delete). */
  removeServerPorts(serverId: string): void {
    for (const p of [...this.ports.values()]) {
      if (p.deviceId !== serverId) continue;
      for (const f of this.floatingIps.values()) if (f.portId === p.id) this.disassociate(f);
      this.ports.delete(p.id);
    }
  }

  /** Creates ports for compute servers that have none, and removes ports of servers that are gone. */
  sync(): void {
    const servers = this.#world.stores.compute?.servers;
    if (!servers) return;
    const bound = new Set<string>();
    for (const p of [...this.ports.values()]) {
      if (p.deviceOwner !== 'compute:nova') continue;
      if (!servers.has(p.deviceId)) this.removeServerPorts(p.deviceId);
      else bound.add(p.deviceId);
    }
    for (const s of servers.values()) {
      if (bound.has(s.id)) continue;
      for (const a of s.addresses) {
        if (a.type !== 'fixed') continue;
        this.ensureProject(s.projectId);
        const net = [...this.networks.values()].find((n) => n.projectId === s.projectId && n.name === a.network);
        const groups = s.securityGroups.filter((g) => this.#findGroup(s.projectId, g) !== undefined);
        this.createServerPort(s.projectId, s.id, { networkId: net?.id, ip: a.addr, mac: a.mac, securityGroups: groups });
      }
    }
  }

  /** Floating IPs of a project. */
  projectFloatingIps(projectId: string): SimFloatingIp[] {
    this.sync();
    return [...this.floatingIps.values()].filter((f) => f.projectId === projectId);
  }

  /** A floating IP of the project, or 404 `FloatingIPNotFound`. */
  floatingIp(projectId: string, id: string): SimFloatingIp {
    const f = this.projectFloatingIps(projectId).find((x) => x.id === id);
    if (!f) neutronError(404, 'FloatingIPNotFound', `Floating IP ${id} could not be found`);
    return f;
  }

  /** Allocates a floating IP from an external network (`DOWN` until associated). */
  allocateFloatingIp(projectId: string, networkId: string, description: string): SimFloatingIp {
    const net = this.network(projectId, networkId);
    if (!net.external) neutronError(400, 'BadRequest', `Bad floatingip request: Network ${networkId} is not a valid external network.`);
    const subnet = [...this.subnets.values()].find((s) => s.networkId === net.id);
    if (!subnet) neutronError(400, 'BadRequest', `Bad floatingip request: Network ${networkId} has no subnet.`);
    const f: SimFloatingIp = {
      id: this.#world.newId(),
      projectId,
      address: this.#nextIp(subnet),
      networkId: net.id,
      portId: null,
      fixedIp: null,
      routerId: null,
      status: 'DOWN',
      description,
      created: this.#world.now(),
    };
    this.floatingIps.set(f.id, f);
    return f;
  }

  /** Associates a floating IP with a port (checks reachability and double association). */
  associate(f: SimFloatingIp, port: SimPort, fixedIp: string | undefined): void {
    const fixed = fixedIp === undefined ? port.fixedIps.find((x) => !x.ip.includes(':')) : port.fixedIps.find((x) => x.ip === fixedIp);
    if (!fixed)
      neutronError(
        400,
        'BadRequest',
        fixedIp === undefined
          ? `Bad floatingip request: Port ${port.id} does not have any IPv4 addresses.`
          : `Bad floatingip request: Port ${port.id} does not have fixed ip ${fixedIp}.`,
      );
    const router = [...this.routers.values()].find((r) => r.externalNetworkId === f.networkId && r.subnetIds.includes(fixed.subnetId));
    if (!router)
      neutronError(
        404,
        'ExternalGatewayForFloatingIPNotFound',
        `External network ${f.networkId} is not reachable from subnet ${fixed.subnetId}.  Therefore, cannot associate Port ${port.id} with a Floating IP.`,
      );
    const other = [...this.floatingIps.values()].find((x) => x !== f && x.portId === port.id && x.fixedIp === fixed.ip);
    if (other)
      neutronError(
        409,
        'FloatingIPPortAlreadyAssociated',
        `Cannot associate floating IP ${f.address} (${f.id}) with port ${port.id} using fixed IP ${fixed.ip}, as that fixed IP already has a floating IP on external network ${f.networkId}.`,
      );
    if (f.portId !== null) this.disassociate(f);
    Object.assign(f, { portId: port.id, fixedIp: fixed.ip, routerId: router.id, status: 'DOWN' });
    this.#world.schedule(NEUTRON_TIMINGS.floatingIpActivate, () => {
      if (f.portId === port.id) f.status = 'ACTIVE';
    });
    const server = this.#world.stores.compute?.servers.get(port.deviceId);
    if (server) {
      const fixedAddr = server.addresses.find((a) => a.addr === fixed.ip);
      server.addresses.push({ network: fixedAddr?.network ?? 'private', addr: f.address, type: 'floating', mac: port.mac });
    }
  }

  /** Disassociates a floating IP. */
  disassociate(f: SimFloatingIp): void {
    const port = f.portId === null ? undefined : this.ports.get(f.portId);
    const server = port ? this.#world.stores.compute?.servers.get(port.deviceId) : undefined;
    if (server) server.addresses = server.addresses.filter((a) => !(a.type === 'floating' && a.addr === f.address));
    Object.assign(f, { portId: null, fixedIp: null, routerId: null, status: 'DOWN' });
  }

  /** Security groups of a project (its `default` group created on first use). */
  projectGroups(projectId: string): SimSecurityGroup[] {
    this.ensureProject(projectId);
    return [...this.groups.values()].filter((g) => g.projectId === projectId);
  }

  /** A security group of the project, or 404 `SecurityGroupNotFound`. */
  group(projectId: string, id: string): SimSecurityGroup {
    const g = this.projectGroups(projectId).find((x) => x.id === id);
    if (!g) neutronError(404, 'SecurityGroupNotFound', `Security group ${id} does not exist`);
    return g;
  }

  /** Rules of a group. */
  groupRules(groupId: string): SimRule[] {
    return [...this.rules.values()].filter((r) => r.groupId === groupId);
  }

  /** Creates a group with Neutron's two default egress rules. */
  createGroup(projectId: string, name: string, description: string): SimSecurityGroup {
    this.ensureProject(projectId);
    const g: SimSecurityGroup = { id: this.#world.newId(), projectId, name, description, created: this.#world.now() };
    this.groups.set(g.id, g);
    for (const ethertype of ['IPv4', 'IPv6'] as const) this.addRule(g, { direction: 'egress', ethertype });
    return g;
  }

  /** Deletes a group: not `default`, not used by a port. */
  removeGroup(g: SimSecurityGroup): void {
    if (g.name === 'default')
      neutronError(409, 'SecurityGroupCannotRemoveDefault', 'Insufficient rights for removing default security group.');
    this.sync();
    if ([...this.ports.values()].some((p) => p.securityGroupIds.includes(g.id)))
      neutronError(409, 'SecurityGroupInUse', `Security Group ${g.id} in use.`);
    for (const r of this.groupRules(g.id)) this.rules.delete(r.id);
    this.groups.delete(g.id);
  }

  /** Adds a rule (already validated); a duplicate is 409 `SecurityGroupRuleExists`. */
  addRule(
    g: SimSecurityGroup,
    r: Partial<Omit<SimRule, 'id' | 'projectId' | 'groupId' | 'created'>> & Pick<SimRule, 'direction' | 'ethertype'>,
  ): SimRule {
    const rule: SimRule = {
      id: this.#world.newId(),
      projectId: g.projectId,
      groupId: g.id,
      protocol: null,
      portMin: null,
      portMax: null,
      remoteIpPrefix: null,
      remoteGroupId: null,
      description: '',
      created: this.#world.now(),
      ...r,
    };
    const same = this.groupRules(g.id).find((x) => sameRule(x, rule));
    if (same) neutronError(409, 'SecurityGroupRuleExists', `Security group rule already exists. Rule id is ${same.id}.`);
    this.rules.set(rule.id, rule);
    return rule;
  }

  /** A rule of the project, or 404 `SecurityGroupRuleNotFound`. */
  rule(projectId: string, id: string): SimRule {
    const r = this.rules.get(id);
    if (!r || r.projectId !== projectId) neutronError(404, 'SecurityGroupRuleNotFound', `Security group rule ${id} does not exist`);
    return r;
  }

  #defaultGroup(projectId: string): void {
    const g: SimSecurityGroup = {
      id: this.#world.newId(),
      projectId,
      name: 'default',
      description: 'Default security group',
      created: this.#world.now(),
    };
    this.groups.set(g.id, g);
    for (const ethertype of ['IPv4', 'IPv6'] as const) {
      this.addRule(g, { direction: 'egress', ethertype });
      this.addRule(g, { direction: 'ingress', ethertype, remoteGroupId: g.id });
    }
  }

  #findGroup(projectId: string, nameOrId: string): SimSecurityGroup | undefined {
    return [...this.groups.values()].find((g) => g.projectId === projectId && (g.id === nameOrId || g.name === nameOrId));
  }

  #groupId(projectId: string, nameOrId: string): string {
    const g = this.#findGroup(projectId, nameOrId);
    if (!g) neutronError(404, 'SecurityGroupNotFound', `Security group ${nameOrId} does not exist`);
    return g.id;
  }

  #nextIp(subnet: SimSubnet): string {
    const used = new Set<string>();
    for (const p of this.ports.values()) for (const f of p.fixedIps) if (f.subnetId === subnet.id) used.add(f.ip);
    for (const f of this.floatingIps.values()) if (f.networkId === subnet.networkId) used.add(f.address);
    const compute = this.#world.stores.compute?.servers;
    if (compute) for (const s of compute.values()) for (const a of s.addresses) used.add(a.addr);
    const start = ipToInt(subnet.pool.start);
    const end = ipToInt(subnet.pool.end);
    for (let n = start; n <= end; n++) {
      const ip = intToIp(n);
      if (!used.has(ip)) return ip;
    }
    return neutronError(409, 'IpAddressGenerationFailure', `No more IP addresses available on network ${subnet.networkId}.`);
  }

  #nextMac(): string {
    return macAddress(this.#macCounter++);
  }
}

/** The world's network store, created on first use. */
export function networkStore(world: SimulatorWorld): NetworkStore {
  let store = world.stores.network;
  if (!store) {
    store = new NetworkStore(world);
    world.stores.network = store;
  }
  return store;
}
