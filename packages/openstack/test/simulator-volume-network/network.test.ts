import { AlreadyExistsError, BadRequestError, InvalidArgumentError, NotFoundError } from '@cloudmux/core/errors';
import { computeStore } from '../../src/simulator/compute/store.js';
import { networkStore } from '../../src/simulator/network/store.js';
import {
  exAddSecurityGroupRule,
  exAllocateFloatingIp,
  exAssociateFloatingIp,
  exCreateSecurityGroup,
  exDeleteSecurityGroup,
  exDisassociateFloatingIp,
  exGetFloatingIp,
  exGetNetwork,
  exGetSecurityGroup,
  exIterateNetworks,
  exListFloatingIps,
  exListNetworks,
  exListPorts,
  exListSecurityGroups,
  exListSubnets,
  exReleaseFloatingIp,
  exRemoveSecurityGroupRule,
} from '../../src/network/index.js';
import { startVn, type VnWorld } from './support.js';

describe('Neutron against the simulator', () => {
  let w: VnWorld;
  afterEach(async () => {
    await w.stop();
  });

  it('lists the external public and the tenant private network with their subnets, across pages', async () => {
    w = await startVn();
    networkStore(w.sim.world).addNetwork(w.projectId, { name: 'extra', cidr: '192.168.5.0/24' });
    const nets = [];
    for await (const n of exIterateNetworks(w.ctx, { pageSize: 1 })) nets.push(n);
    expect(nets.map((n) => n.name).sort()).toEqual(['extra', 'private', 'public']);
    expect(w.count('GET', '/network/v2.0/networks')).toBe(3);
    const pub = nets.find((n) => n.name === 'public')!;
    expect(pub).toMatchObject({ external: true, status: 'ACTIVE' });
    expect((await exListNetworks(w.ctx, { external: true })).map((n) => n.name)).toEqual(['public']);
    const subnets = await exListSubnets(w.ctx, { network: pub });
    expect(subnets).toHaveLength(1);
    expect(subnets[0]).toMatchObject({ cidr: '172.24.4.0/24', networkId: pub.id, ipVersion: 4 });
    expect(pub.subnetIds).toEqual([subnets[0]!.id]);
    await expect(exGetNetwork(w.ctx, 'no-such-net')).rejects.toMatchObject({ providerCode: 'NetworkNotFound' });
  });

  it('allocates a floating IP, associates it with a server port, disassociates and releases it', async () => {
    w = await startVn();
    const server = w.addServer();
    const ports = await exListPorts(w.ctx, { node: server });
    expect(ports).toHaveLength(1);
    expect(ports[0]!.fixedIps[0]!.ipAddress).toBe(server.addresses[0]!.addr);
    expect(ports[0]).toMatchObject({ deviceId: server.id, deviceOwner: 'compute:nova' });

    const ip = await exAllocateFloatingIp(w.ctx, { pool: 'public' });
    expect(ip.address).toMatch(/^172\.24\.4\.\d+$/);
    expect(ip).toMatchObject({ status: 'DOWN', portId: undefined });

    const assoc = await exAssociateFloatingIp(w.ctx, ip.address, server);
    expect(assoc).toMatchObject({ id: ip.id, portId: ports[0]!.id, fixedIp: server.addresses[0]!.addr });
    expect(assoc.routerId).toBeDefined();
    expect(server.addresses.some((a) => a.type === 'floating' && a.addr === ip.address)).toBe(true);
    expect((await exListFloatingIps(w.ctx, { port: ports[0]! })).map((f) => f.id)).toEqual([ip.id]);

    const free = await exDisassociateFloatingIp(w.ctx, ip);
    expect(free.portId).toBeUndefined();
    expect(server.addresses.some((a) => a.type === 'floating')).toBe(false);

    await expect(exReleaseFloatingIp(w.ctx, ip.id)).resolves.toBe(true);
    const gone = await exGetFloatingIp(w.ctx, ip.id).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(NotFoundError);
    expect((gone as NotFoundError).providerCode).toBe('FloatingIPNotFound');
    await expect(exReleaseFloatingIp(w.ctx, ip.address)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("drops a deleted server's ports and frees its floating IP and volumes", async () => {
    w = await startVn();
    const server = w.addServer();
    const ip = await exAllocateFloatingIp(w.ctx);
    await exAssociateFloatingIp(w.ctx, ip, server.id);
    expect(await exListPorts(w.ctx, { node: server.id })).toHaveLength(1);
    computeStore(w.sim.world).servers.delete(server.id);
    expect(await exListPorts(w.ctx, { node: server.id })).toEqual([]);
    expect((await exGetFloatingIp(w.ctx, ip)).portId).toBeUndefined();
  });

  it('picks the only external network by default, and names the external networks when the choice is wrong', async () => {
    w = await startVn();
    const ip = await exAllocateFloatingIp(w.ctx);
    const pub = (await exListNetworks(w.ctx, { name: 'public' }))[0]!;
    expect(ip.floatingNetworkId).toBe(pub.id);
    await expect(exAllocateFloatingIp(w.ctx, { network: 'private' })).rejects.toThrow(
      new RegExp(`no external network "private". External networks: public \\(${pub.id}\\)`),
    );
    await expect(exAllocateFloatingIp(w.ctx, { network: 'x', pool: 'y' })).rejects.toBeInstanceOf(InvalidArgumentError);
    // An id not listed as external goes to Neutron, which answers NetworkNotFound.
    await expect(exAllocateFloatingIp(w.ctx, { network: '00000000-0000-0000-0000-000000000000' })).rejects.toMatchObject({
      providerCode: 'NetworkNotFound',
    });
    // An internal network's id: Neutron refuses it as not external (400).
    const priv = (await exListNetworks(w.ctx, { name: 'private' }))[0]!;
    await expect(exAllocateFloatingIp(w.ctx, { network: priv })).rejects.toBeInstanceOf(BadRequestError);
  });

  it('refuses to associate from a network without a router to the external one', async () => {
    w = await startVn();
    const store = networkStore(w.sim.world);
    const isolated = store.addNetwork(w.projectId, { name: 'isolated', cidr: '192.168.9.0/24', routed: false });
    const server = w.addServer();
    store.createServerPort(w.projectId, server.id, { networkId: isolated.id });
    const ip = await exAllocateFloatingIp(w.ctx);
    const isolatedPort = (await exListPorts(w.ctx, { network: isolated }))[0]!;
    const err = await exAssociateFloatingIp(w.ctx, ip, server, { fixedIp: isolatedPort.fixedIps[0]!.ipAddress }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).providerCode).toBe('ExternalGatewayForFloatingIPNotFound');
    await expect(exAssociateFloatingIp(w.ctx, ip, server, { fixedIp: '10.9.9.9' })).rejects.toThrow(/no port with address 10\.9\.9\.9/);
    await expect(exAssociateFloatingIp(w.ctx, ip, 'no-such-server')).rejects.toMatchObject({ providerCode: 'PortNotFound' });
  });

  it('creates a security group, adds and removes rules, and deletes it', async () => {
    w = await startVn();
    const groups = await exListSecurityGroups(w.ctx);
    expect(groups.map((g) => g.name)).toEqual(['default']);
    expect(groups[0]!.rules).toHaveLength(4);

    const web = await exCreateSecurityGroup(w.ctx, { name: 'web', description: 'http' });
    expect(web.rules.map((r) => `${r.direction}/${r.ethertype}`).sort()).toEqual(['egress/IPv4', 'egress/IPv6']);
    const ssh = await exAddSecurityGroupRule(w.ctx, web, { protocol: 'tcp', portRangeMin: 22, remoteIpPrefix: '0.0.0.0/0' });
    expect(ssh).toMatchObject({
      securityGroupId: web.id,
      direction: 'ingress',
      ethertype: 'IPv4',
      protocol: 'tcp',
      portRangeMin: 22,
      portRangeMax: 22,
    });
    const fromDefault = await exAddSecurityGroupRule(w.ctx, web.id, { protocol: 'icmp', remoteGroup: groups[0]! });
    expect(fromDefault.remoteGroupId).toBe(groups[0]!.id);
    const v6 = await exAddSecurityGroupRule(w.ctx, web, { protocol: 'udp', portRangeMin: 53, portRangeMax: 53, remoteIpPrefix: '::/0' });
    expect(v6.ethertype).toBe('IPv6');

    const dup = await exAddSecurityGroupRule(w.ctx, web, { protocol: 'tcp', portRangeMin: 22, remoteIpPrefix: '0.0.0.0/0' }).catch(
      (e: unknown) => e,
    );
    expect(dup).toBeInstanceOf(AlreadyExistsError);
    expect((dup as AlreadyExistsError).providerCode).toBe('SecurityGroupRuleExists');

    expect((await exGetSecurityGroup(w.ctx, web)).rules).toHaveLength(5);
    await expect(exRemoveSecurityGroupRule(w.ctx, ssh)).resolves.toBe(true);
    expect((await exGetSecurityGroup(w.ctx, web)).rules.map((r) => r.id)).not.toContain(ssh.id);
    await expect(exRemoveSecurityGroupRule(w.ctx, ssh.id)).rejects.toMatchObject({ providerCode: 'SecurityGroupRuleNotFound' });

    await expect(exDeleteSecurityGroup(w.ctx, web)).resolves.toBe(true);
    await expect(exGetSecurityGroup(w.ctx, web.id)).rejects.toMatchObject({ providerCode: 'SecurityGroupNotFound' });
  });

  it('refuses to delete the default group and a group in use (409)', async () => {
    w = await startVn();
    const def = (await exListSecurityGroups(w.ctx, { name: 'default' }))[0]!;
    const err = await exDeleteSecurityGroup(w.ctx, def).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    expect((err as BadRequestError).status).toBe(409);
    const used = await exCreateSecurityGroup(w.ctx, { name: 'used' });
    const server = w.addServer();
    networkStore(w.sim.world).createServerPort(w.projectId, server.id, { securityGroups: ['used'] });
    await expect(exDeleteSecurityGroup(w.ctx, used)).rejects.toMatchObject({ status: 409, providerCode: 'SecurityGroupInUse' });
  });

  it("answers in Neutron's wire format: version document, NeutronError bodies, filters, links", async () => {
    w = await startVn();
    const base = await w.ctx.network.baseUrl();
    expect(base).toMatch(/\/network\/v2\.0$/);
    const token = await w.session.token();
    const get = (path: string): Promise<Response> => fetch(`${base}/${path}`, { headers: { 'x-auth-token': token } });
    const missing = await get('floatingips/nope');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      NeutronError: { type: 'FloatingIPNotFound', message: 'Floating IP nope could not be found', detail: '' },
    });
    const badFilter = await get('networks?colour=red');
    expect(badFilter.status).toBe(400);
    expect(((await badFilter.json()) as { NeutronError: { type: string } }).NeutronError.type).toBe('HTTPBadRequest');
    const page = (await (await get('networks?limit=1')).json()) as { networks: unknown[]; networks_links: { rel: string; href: string }[] };
    expect(page.networks).toHaveLength(1);
    expect(page.networks_links.map((l) => l.rel)).toEqual(['next']);
    expect((await get('networks?marker=nope')).status).toBe(400);
    expect((await fetch(`${base}/networks`)).status).toBe(401);
  });

  it('checks rules before sending them', async () => {
    w = await startVn();
    const g = await exCreateSecurityGroup(w.ctx, { name: 'g' });
    const before = w.count('POST', '/network/v2.0/security-group-rules');
    await expect(exAddSecurityGroupRule(w.ctx, g, { direction: 'sideways' as never })).rejects.toThrow(/ingress, egress/);
    await expect(exAddSecurityGroupRule(w.ctx, g, { portRangeMin: 80 })).rejects.toThrow(/need protocol/);
    await expect(exAddSecurityGroupRule(w.ctx, g, { protocol: 'tcp', portRangeMin: 90, portRangeMax: 80 })).rejects.toThrow(/above/);
    await expect(exAddSecurityGroupRule(w.ctx, g, { remoteIpPrefix: '10.0.0.0/8', ethertype: 'IPv6' })).rejects.toThrow(/not an IPv6/);
    await expect(exAddSecurityGroupRule(w.ctx, g, { remoteIpPrefix: 'nope' })).rejects.toThrow(/CIDR/);
    await expect(exAddSecurityGroupRule(w.ctx, g, { remoteIpPrefix: '0.0.0.0/0', remoteGroup: g })).rejects.toThrow(/not both/);
    await expect(exCreateSecurityGroup(w.ctx, { name: 'default' })).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(w.count('POST', '/network/v2.0/security-group-rules')).toBe(before);
  });
});
