import { AbortError, BadRequestError, InvalidArgumentError, NotFoundError, ProviderError, TimeoutError } from '@cloudmux/core/errors';
import { Node, NodeDriver, NodeState } from '@cloudmux/core/compute';
import { Algorithm, LoadBalancerState } from '@cloudmux/core/loadbalancer';
import { RackspaceBalancerBusyError, RackspaceLoadBalancerDriver } from '../../src/loadbalancer/index.js';
import { startLbSim, type LbSim } from './support.js';

let env: LbSim | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

function lbRequests(e: LbSim, method: string, pathPart: string): { status: number; path: string }[] {
  return e.sim.server.requests.filter((r) => r.method === method && r.path.includes('/lbaas/') && r.path.includes(pathPart));
}

describe('RackspaceLoadBalancerDriver: construction', () => {
  it('validates its options and requires a region', () => {
    expect(() => new RackspaceLoadBalancerDriver('demo', 'key', {})).toThrow(/DFW/);
    expect(() => new RackspaceLoadBalancerDriver('demo', 'key', { region: 'XYZ' as 'DFW' })).toThrow(InvalidArgumentError);
    expect(() => new RackspaceLoadBalancerDriver('demo', 'key', { region: 'DFW', pageSize: 101 })).toThrow(/pageSize/);
    expect(() => new RackspaceLoadBalancerDriver('demo', 'key', { region: 'DFW', waitForActive: 'yes' as unknown as boolean })).toThrow(
      /waitForActive/,
    );
    expect(() => new RackspaceLoadBalancerDriver('demo', 'key', { region: 'DFW', colour: 1 } as never)).toThrow(/colour/);
    expect(() => new RackspaceLoadBalancerDriver('demo', 'key', { region: 'DFW', waitTimeoutMs: -1 })).toThrow(/waitTimeoutMs/);
    expect(RackspaceLoadBalancerDriver.provider.id).toBe('rackspace');
    expect(RackspaceLoadBalancerDriver.provider.name).toBe('Rackspace Cloud Load Balancers');
  });

  it('builds from the environment (RACKSPACE_* or OS_*) and refuses an incomplete one', async () => {
    env = await startLbSim();
    const d = RackspaceLoadBalancerDriver.fromEnv(
      { RACKSPACE_USERNAME: 'demo', RACKSPACE_API_KEY: 'demo-api-key', RACKSPACE_REGION: 'ORD', RACKSPACE_IDENTITY: env.sim.identityUrl },
      { retry: false },
    );
    try {
      expect(d.region).toBe('ORD');
      expect(await d.listProtocols()).toContain('http');
    } finally {
      d.close();
    }
    const os = RackspaceLoadBalancerDriver.fromEnv({
      OS_USERNAME: 'demo',
      OS_PASSWORD: 'secret',
      OS_REGION_NAME: 'iad',
      OS_AUTH_URL: env.sim.identityUrl,
    });
    try {
      expect(os.region).toBe('IAD');
      expect(await os.listSupportedAlgorithms()).toContain(Algorithm.ROUND_ROBIN);
    } finally {
      os.close();
    }
    expect(() => RackspaceLoadBalancerDriver.fromEnv({ RACKSPACE_REGION: 'DFW' })).toThrow(/RACKSPACE_USERNAME/);
  });
});

describe('RackspaceLoadBalancerDriver against the simulator', () => {
  it('lists protocols in portable spelling and the portable algorithms', async () => {
    env = await startLbSim();
    const protocols = await env.driver.listProtocols();
    expect(protocols).toEqual(expect.arrayContaining(['http', 'https', 'tcp-client-first', 'dns-udp', 'imapv4']));
    expect(await env.driver.listSupportedAlgorithms()).toEqual([
      Algorithm.LEAST_CONNECTIONS,
      Algorithm.RANDOM,
      Algorithm.ROUND_ROBIN,
      Algorithm.WEIGHTED_LEAST_CONNECTIONS,
      Algorithm.WEIGHTED_ROUND_ROBIN,
    ]);
  });

  it('refuses a bad algorithm or protocol before creating anything, listing the valid ones', async () => {
    env = await startLbSim();
    const badAlgo = await env.driver
      .createBalancer({ name: 'x', port: 80, protocol: 'http', algorithm: Algorithm.SHORTEST_RESPONSE })
      .catch((e: unknown) => e);
    expect(badAlgo).toBeInstanceOf(InvalidArgumentError);
    expect((badAlgo as Error).message).toMatch(/shortest-response.*least-connections.*weighted-round-robin/);
    const badProto = await env.driver.createBalancer({ name: 'x', port: 80, protocol: 'gopher' }).catch((e: unknown) => e);
    expect(badProto).toBeInstanceOf(InvalidArgumentError);
    expect((badProto as Error).message).toMatch(/gopher.*tcp-client-first/);
    await expect(env.driver.createBalancer({ name: 'x', port: 0, protocol: 'http' })).rejects.toThrow(/port/);
    await expect(
      env.driver.createBalancer({ name: 'x', port: 80, protocol: 'http', ex: { virtualIpType: 'PRIVATE' as 'PUBLIC' } }),
    ).rejects.toThrow(/PUBLIC, SERVICENET/);
    await expect(env.driver.createBalancer({ name: 'x', port: 80, protocol: 'http', ex: { colour: 1 } as never })).rejects.toThrow(
      /colour/,
    );
    expect(lbRequests(env, 'POST', '/loadbalancers')).toEqual([]);
  });

  it('creates a balancer, waits until it is ACTIVE, and maps it', async () => {
    env = await startLbSim();
    const b = await env.driver.createBalancer({
      name: 'web',
      port: 8080,
      protocol: 'TCP_CLIENT_FIRST',
      algorithm: Algorithm.LEAST_CONNECTIONS,
      members: [{ ip: '10.1.1.1', port: 80 }],
      ex: { timeout: 60 },
    });
    expect(b.state).toBe(LoadBalancerState.RUNNING);
    expect([b.name, b.port]).toEqual(['web', 8080]);
    expect(b.ip).toMatch(/^203\.0\.113\.\d+$/);
    expect(b.extra).toMatchObject({
      status: 'ACTIVE',
      protocol: 'tcp-client-first',
      algorithm: Algorithm.LEAST_CONNECTIONS,
      rackspaceAlgorithm: 'LEAST_CONNECTIONS',
      timeout: 60,
    });
    expect(b.extra.virtualIps.map((v) => v.ipVersion)).toEqual(['IPV4', 'IPV6']);
    const members = await env.driver.balancerListMembers(b);
    expect(members.map((m) => [m.ip, m.port, m.balancerId, m.extra.condition])).toEqual([['10.1.1.1', 80, b.id, 'ENABLED']]);
    const svc = await env.driver.createBalancer({ name: 'svc', port: 80, protocol: 'http', ex: { virtualIpType: 'SERVICENET' } });
    expect(svc.ip).toMatch(/^10\./);
  });

  it('with waitForActive off, returns at once and surfaces a busy balancer as a retryable error', async () => {
    env = await startLbSim({ speed: 2 }, { waitForActive: false });
    const b = await env.driver.createBalancer({ name: 'slow', port: 80, protocol: 'http' });
    expect(b.state).toBe(LoadBalancerState.PENDING);
    expect(b.extra.status).toBe('BUILD');
    const busy = await env.driver.updateBalancer(b, { name: 'renamed' }).catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(RackspaceBalancerBusyError);
    expect(busy).toBeInstanceOf(ProviderError);
    const e = busy as RackspaceBalancerBusyError;
    expect([e.status, e.retryable, e.balancerStatus, e.providerCode]).toEqual([422, true, 'BUILD', 'immutableEntity']);
    expect(e.message).toContain('considered immutable');

    // The wait helper: a timeout that says the last status, an abort, then success.
    const timeout = await env.driver.exWaitForActive(b, { timeoutMs: 150 }).catch((x: unknown) => x);
    expect(timeout).toBeInstanceOf(TimeoutError);
    expect((timeout as TimeoutError).lastState).toBe('BUILD');
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    await expect(env.driver.exWaitForActive(b.id, { signal: ac.signal, pollIntervalMs: 1000 })).rejects.toBeInstanceOf(AbortError);
    const active = await env.driver.exWaitForActive(b);
    expect(active.state).toBe(LoadBalancerState.RUNNING);
  });

  it('with waitForActive on, waits out a busy balancer and retries the write', async () => {
    env = await startLbSim();
    const b = await env.driver.createBalancer({ name: 'held', port: 80, protocol: 'http' });
    const held = env.store.balancers.get(Number(b.id))!;
    held.status = 'PENDING_UPDATE';
    setTimeout(() => {
      held.status = 'ACTIVE';
    }, 300);
    const updated = await env.driver.updateBalancer(b, { name: 'after-wait', algorithm: Algorithm.ROUND_ROBIN });
    expect([updated.name, updated.state, updated.extra.algorithm]).toEqual([
      'after-wait',
      LoadBalancerState.RUNNING,
      Algorithm.ROUND_ROBIN,
    ]);
    const puts = lbRequests(env, 'PUT', `/loadbalancers/${b.id}`).map((r) => r.status);
    expect(puts[0]).toBe(422);
    expect(puts[puts.length - 1]).toBe(202);
  });

  it('reports a balancer that can never become ACTIVE', async () => {
    env = await startLbSim();
    const b = await env.driver.createBalancer({ name: 'broken', port: 80, protocol: 'http' });
    env.store.balancers.get(Number(b.id))!.status = 'ERROR';
    const err = await env.driver.exWaitForActive(b).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as Error).message).toMatch(/ERROR/);
    expect((await env.driver.getBalancer(b.id)).state).toBe(LoadBalancerState.ERROR);
  });

  it('lists every page', async () => {
    env = await startLbSim({}, { pageSize: 2, waitForActive: false });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await env.driver.createBalancer({ name: `p${i}`, port: 80, protocol: 'http' })).id);
    env.sim.server.clearRequests();
    expect((await env.driver.listBalancers()).map((b) => b.id)).toEqual(ids);
    expect(lbRequests(env, 'GET', '/loadbalancers?').length).toBe(3);
  });

  it('attaches, updates and detaches members', async () => {
    env = await startLbSim();
    const b = await env.driver.createBalancer({ name: 'm', port: 80, protocol: 'http' });
    const m = await env.driver.balancerAttachMember(b, { ip: '192.0.2.5', port: 8080 });
    expect([m.ip, m.port, m.balancerId, m.extra.condition, m.extra.weight]).toEqual(['192.0.2.5', 8080, b.id, 'ENABLED', 1]);
    const bad = await env.driver.balancerAttachMember(b, { ip: 'not-an-ip', port: 80 }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(BadRequestError);
    expect((bad as Error).message).toContain('Node ip is invalid');
    const u = await env.driver.exUpdateMember(b, m, { condition: 'DRAINING', weight: 5, type: 'SECONDARY' });
    expect(u.extra).toMatchObject({ condition: 'DRAINING', weight: 5, type: 'SECONDARY' });
    await expect(env.driver.exUpdateMember(b, m, { condition: 'OFF' as 'ENABLED' })).rejects.toThrow(/ENABLED, DISABLED, DRAINING/);
    await expect(env.driver.exUpdateMember(b, m, { weight: 0 })).rejects.toThrow(/1 to 100/);
    await expect(env.driver.exUpdateMember(b, m, {})).rejects.toThrow(InvalidArgumentError);
    expect(await env.driver.balancerDetachMember(b, { member: m })).toBe(true);
    expect(await env.driver.balancerListMembers(b)).toEqual([]);
    await expect(env.driver.balancerDetachMember(b, { member: m })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('attaches a server by its public IPv4 address, else its private one', async () => {
    env = await startLbSim();
    const b = await env.driver.createBalancer({ name: 'servers', port: 8080, protocol: 'http' });
    const nodeDriver = new (class extends NodeDriver {})();
    const server = (publicIps: string[], privateIps: string[]): Node =>
      new Node({ id: 'srv', name: 'srv', state: NodeState.RUNNING, publicIps, privateIps }, nodeDriver);
    const a = await env.driver.balancerAttachComputeNode(b, { node: server(['2001:db8::7', '198.51.100.7'], ['10.180.0.7']) });
    expect([a.ip, a.port]).toEqual(['198.51.100.7', 8080]);
    const p = await env.driver.balancerAttachComputeNode(b.id, { node: server(['2001:db8::8'], ['10.180.0.8']), port: 81 });
    expect([p.ip, p.port]).toEqual(['10.180.0.8', 81]);
    await expect(env.driver.balancerAttachComputeNode(b, { node: server(['2001:db8::9'], []) })).rejects.toThrow(/no IPv4/);
  });

  it('reads and writes the balancer settings through ex methods', async () => {
    env = await startLbSim();
    const d = env.driver;
    const b = await d.createBalancer({ name: 'cfg', port: 80, protocol: 'http' });
    expect(await d.exGetHealthMonitor(b)).toBeUndefined();
    await expect(d.exSetHealthMonitor(b, { type: 'HTTP' })).rejects.toThrow(/path/);
    await d.exSetHealthMonitor(b, { type: 'HTTP', path: '/health', statusRegex: '^[23][0-9][0-9]$' });
    expect(await d.exGetHealthMonitor(b)).toMatchObject({ type: 'HTTP', path: '/health', delay: 10, attemptsBeforeDeactivation: 3 });
    await d.exDeleteHealthMonitor(b);
    expect(await d.exGetHealthMonitor(b)).toBeUndefined();

    await d.exSetSessionPersistence(b, { type: 'HTTP_COOKIE' });
    expect(await d.exGetSessionPersistence(b)).toBe('HTTP_COOKIE');
    expect((await d.getBalancer(b.id)).extra.sessionPersistence).toBe('HTTP_COOKIE');
    await d.exDisableSessionPersistence(b);
    expect(await d.exGetSessionPersistence(b)).toBeUndefined();
    await expect(d.exSetSessionPersistence(b, { type: 'SSL_ID' as 'SOURCE_IP' })).rejects.toThrow(/HTTP_COOKIE, SOURCE_IP/);

    await d.exEnableConnectionLogging(b);
    expect(await d.exGetConnectionLogging(b)).toBe(true);
    await d.exDisableConnectionLogging(b);
    expect(await d.exGetConnectionLogging(b)).toBe(false);

    await d.exSetConnectionThrottle(b, { maxConnections: 100, rateInterval: 60 });
    expect(await d.exGetConnectionThrottle(b)).toEqual({ maxConnections: 100, rateInterval: 60 });
    await expect(d.exSetConnectionThrottle(b, { rateInterval: 0 })).rejects.toThrow(/rateInterval/);
    await d.exDeleteConnectionThrottle(b);
    expect(await d.exGetConnectionThrottle(b)).toBeUndefined();

    await d.exAddAccessListItems(b, {
      items: [
        { address: '192.0.2.0/24', type: 'DENY' },
        { address: '198.51.100.7', type: 'ALLOW' },
      ],
    });
    const acl = await d.exGetAccessList(b);
    expect(acl.map((i) => `${i.type} ${i.address}`)).toEqual(['DENY 192.0.2.0/24', 'ALLOW 198.51.100.7']);
    await d.exDeleteAccessListItem(b, { itemId: acl[0]!.id! });
    expect((await d.exGetAccessList(b)).map((i) => i.address)).toEqual(['198.51.100.7']);
    await d.exDeleteAccessList(b);
    expect(await d.exGetAccessList(b)).toEqual([]);
    await expect(d.exAddAccessListItems(b, { items: [{ address: '1.2.3.4', type: 'MAYBE' }] })).rejects.toThrow(/ALLOW, DENY/);

    const certificate = '-----BEGIN CERTIFICATE-----\nMIIBcert\n-----END CERTIFICATE-----\n';
    await d.exSetSslTermination(b, {
      securePort: 443,
      certificate,
      privatekey: '-----BEGIN PRIVATE KEY-----\nk\n-----END PRIVATE KEY-----\n',
    });
    const ssl = await d.exGetSslTermination(b);
    expect(ssl).toMatchObject({ securePort: 443, certificate, enabled: true });
    expect(ssl).not.toHaveProperty('privatekey');
    await expect(d.exSetSslTermination(b, { securePort: 443, certificate })).rejects.toThrow(/together/);
    await d.exDeleteSslTermination(b);
    expect(await d.exGetSslTermination(b)).toBeUndefined();

    const fallback = await d.exGetErrorPage(b);
    await d.exSetErrorPage(b, { content: '<html>sorry</html>' });
    expect(await d.exGetErrorPage(b)).toBe('<html>sorry</html>');
    await d.exDeleteErrorPage(b);
    expect(await d.exGetErrorPage(b)).toBe(fallback);
  });

  it('updates and destroys; a destroyed balancer is not found', async () => {
    env = await startLbSim();
    const b = await env.driver.createBalancer({ name: 'u', port: 80, protocol: 'http' });
    await expect(env.driver.updateBalancer(b, {})).rejects.toThrow(/at least one/);
    await expect(env.driver.updateBalancer(b, { protocol: 'nope' })).rejects.toThrow(/valid: .*http/);
    const u = await env.driver.updateBalancer(b, { protocol: 'https', port: 443 });
    expect([u.extra.protocol, u.port, u.state]).toEqual(['https', 443, LoadBalancerState.RUNNING]);
    expect(await env.driver.destroyBalancer(b)).toBe(true);
    for (let i = 0; i < 100; i++) {
      const r = await env.driver.getBalancer(b.id).catch((e: unknown) => e);
      if (r instanceof NotFoundError) break;
      await new Promise((res) => setTimeout(res, 20));
    }
    await expect(env.driver.getBalancer(b.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(env.driver.getBalancer('../x')).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});
