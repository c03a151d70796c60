import { RackspaceSimulator } from '../../src/simulator/index.js';
import { clbStore } from '../../src/simulator/loadbalancer/register.js';
import { createBody, demoToken, rawLb, untilStatus } from './support.js';

// The simulated Cloud Load Balancers API on the wire: status codes, fault bodies, transitions, paging.
let sim: RackspaceSimulator;
beforeEach(async () => {
  sim = await RackspaceSimulator.start({
    speed: 10,
    users: [
      { username: 'demo', apiKey: 'demo-api-key', password: 'secret' },
      { username: 'other', apiKey: 'other-api-key', password: 'secret2' },
    ],
  });
});
afterEach(async () => {
  await sim.stop();
});

async function activeBalancer(name = 'web', extra: Record<string, unknown> = {}): Promise<number> {
  const r = await rawLb(sim, 'POST', '/loadbalancers', { body: createBody(name, extra) });
  expect(r.status).toBe(202);
  await untilStatus(sim, r.body.loadBalancer.id, 'ACTIVE');
  return r.body.loadBalancer.id as number;
}

describe('Cloud Load Balancers simulator', () => {
  it('creates a balancer in BUILD with public IPv4 and IPv6 virtual IPs, then makes it ACTIVE', async () => {
    const r = await rawLb(sim, 'POST', '/loadbalancers', {
      body: createBody('web', { nodes: [{ address: '10.1.1.1', port: 80, condition: 'ENABLED' }] }),
    });
    expect(r.status).toBe(202);
    const lb = r.body.loadBalancer;
    expect(lb).toMatchObject({ name: 'web', port: 80, protocol: 'HTTP', algorithm: 'RANDOM', status: 'BUILD', timeout: 30 });
    expect(lb.virtualIps.map((v: { ipVersion: string; type: string }) => `${v.type}/${v.ipVersion}`)).toEqual([
      'PUBLIC/IPV4',
      'PUBLIC/IPV6',
    ]);
    expect(lb.nodes).toEqual([
      expect.objectContaining({ address: '10.1.1.1', port: 80, condition: 'ENABLED', status: 'ONLINE', weight: 1, type: 'PRIMARY' }),
    ]);
    await untilStatus(sim, lb.id, 'ACTIVE');
    const svc = await rawLb(sim, 'POST', '/loadbalancers', { body: createBody('private', { virtualIps: [{ type: 'SERVICENET' }] }) });
    expect(svc.body.loadBalancer.virtualIps).toEqual([expect.objectContaining({ type: 'SERVICENET', ipVersion: 'IPV4' })]);
    expect(svc.body.loadBalancer.virtualIps[0].address).toMatch(/^10\./);
  });

  it('refuses writes while the balancer is not ACTIVE with the 422 immutable fault', async () => {
    const r = await rawLb(sim, 'POST', '/loadbalancers', { body: createBody('busy') });
    const id = r.body.loadBalancer.id;
    // Hold the balancer in BUILD whatever the machine's speed.
    const held = clbStore(sim.world).balancers.get(id)!;
    held.status = 'BUILD';
    const busy = await rawLb(sim, 'PUT', `/loadbalancers/${id}`, { body: { loadBalancer: { name: 'x' } } });
    expect(busy).toEqual({
      status: 422,
      body: { message: `Load Balancer '${id}' has a status of 'BUILD' and is considered immutable.`, code: 422 },
    });
    held.status = 'ACTIVE';
    expect((await rawLb(sim, 'PUT', `/loadbalancers/${id}`, { body: { loadBalancer: { name: 'renamed' } } })).status).toBe(202);
    const pending = await rawLb(sim, 'GET', `/loadbalancers/${id}`);
    expect(pending.body.loadBalancer.name).toBe('renamed');
    expect(['PENDING_UPDATE', 'ACTIVE']).toContain(pending.body.loadBalancer.status);
    await untilStatus(sim, id, 'ACTIVE');
    held.status = 'PENDING_UPDATE';
    const again = await rawLb(sim, 'POST', `/loadbalancers/${id}/nodes`, { body: { nodes: [{ address: '10.0.0.9', port: 80 }] } });
    expect(again.status).toBe(422);
    expect(again.body.message).toContain("has a status of 'PENDING_UPDATE' and is considered immutable");
    expect((await rawLb(sim, 'GET', `/loadbalancers/${id}/nodes`)).body.nodes).toEqual([]);
  });

  it('answers validation failures with every message, and 404 faults', async () => {
    const bad = await rawLb(sim, 'POST', '/loadbalancers', {
      body: { loadBalancer: { name: '', protocol: 'GOPHER', port: 0, nodes: [{ address: 'not-an-ip', port: 80 }] } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ message: 'Validation Failure', code: 400 });
    const messages: string[] = bad.body.validationErrors.messages;
    expect(messages.some((m) => m.includes('name'))).toBe(true);
    expect(messages.some((m) => m.includes('GOPHER') && m.includes('TCP_CLIENT_FIRST'))).toBe(true);
    expect(messages).toContain('Node ip is invalid. Please specify a valid ip.');
    expect(messages).toContain('Must provide a virtual ip');
    expect(await rawLb(sim, 'GET', '/loadbalancers/999999')).toEqual({
      status: 404,
      body: { message: 'Load balancer not found', code: 404 },
    });
    const id = await activeBalancer();
    expect((await rawLb(sim, 'GET', `/loadbalancers/${id}/nodes/1`)).body).toEqual({ message: 'Node not found', code: 404 });
    const unknownAttr = await rawLb(sim, 'PUT', `/loadbalancers/${id}`, { body: { loadBalancer: { status: 'ACTIVE' } } });
    expect(unknownAttr.status).toBe(400);
  });

  it('checks the token and that it belongs to the account in the path', async () => {
    expect((await rawLb(sim, 'GET', '/loadbalancers', { token: 'bogus' })).status).toBe(401);
    const otherToken = await demoToken(sim, 'other', 'other-api-key');
    const foreign = await rawLb(sim, 'GET', '/loadbalancers', { token: otherToken });
    expect(foreign.status).toBe(403);
    expect(foreign.body.code).toBe(403);
    // Each account sees its own balancers only.
    await activeBalancer('mine');
    const theirs = await rawLb(sim, 'GET', '/loadbalancers', { token: otherToken, account: sim.accountId('other') });
    expect(theirs).toEqual({ status: 200, body: { loadBalancers: [], links: [] } });
  });

  it('pages with limit and marker and a next link', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await rawLb(sim, 'POST', '/loadbalancers', { body: createBody(`p${i}`) });
      ids.push(r.body.loadBalancer.id);
    }
    const seen: number[] = [];
    let page = await rawLb(sim, 'GET', '/loadbalancers?limit=2');
    for (;;) {
      expect(page.body.loadBalancers.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.loadBalancers.map((b: { id: number }) => b.id));
      const next = page.body.links.find((l: { rel: string }) => l.rel === 'next');
      if (!next) break;
      const url = new URL(next.href);
      expect(url.searchParams.get('limit')).toBe('2');
      page = await rawLb(sim, 'GET', `/loadbalancers${url.search}`);
    }
    expect(seen).toEqual(ids);
    expect(Object.keys((await rawLb(sim, 'GET', '/loadbalancers')).body.loadBalancers[0]).sort()).toEqual(
      ['algorithm', 'created', 'id', 'name', 'nodeCount', 'port', 'protocol', 'status', 'timeout', 'updated', 'virtualIps'].sort(),
    );
    expect((await rawLb(sim, 'GET', `/loadbalancers?marker=${ids[4]! + 100}`)).body.loadBalancers).toEqual([]);
    expect((await rawLb(sim, 'GET', '/loadbalancers?limit=abc')).status).toBe(400);
  });

  it('lists protocols and algorithms', async () => {
    const p = await rawLb(sim, 'GET', '/loadbalancers/protocols');
    expect(p.body.protocols).toContainEqual({ name: 'HTTP', port: 80 });
    expect(p.body.protocols).toContainEqual({ name: 'TCP_CLIENT_FIRST', port: 0 });
    const a = await rawLb(sim, 'GET', '/loadbalancers/algorithms');
    expect(a.body.algorithms.map((x: { name: string }) => x.name)).toEqual([
      'LEAST_CONNECTIONS',
      'RANDOM',
      'ROUND_ROBIN',
      'WEIGHTED_LEAST_CONNECTIONS',
      'WEIGHTED_ROUND_ROBIN',
    ]);
  });

  it('adds, updates and removes nodes, refusing duplicates', async () => {
    const id = await activeBalancer();
    const add = await rawLb(sim, 'POST', `/loadbalancers/${id}/nodes`, {
      body: { nodes: [{ address: '10.2.2.3', port: 80, condition: 'ENABLED' }] },
    });
    expect(add.status).toBe(202);
    const nodeId = add.body.nodes[0].id;
    await untilStatus(sim, id, 'ACTIVE');
    const dup = await rawLb(sim, 'POST', `/loadbalancers/${id}/nodes`, { body: { nodes: [{ address: '10.2.2.3', port: 80 }] } });
    expect(dup.status).toBe(400);
    expect(dup.body.validationErrors.messages[0]).toContain('Duplicate nodes');
    expect(
      (await rawLb(sim, 'PUT', `/loadbalancers/${id}/nodes/${nodeId}`, { body: { node: { condition: 'DRAINING', weight: 7 } } })).status,
    ).toBe(202);
    await untilStatus(sim, id, 'ACTIVE');
    expect((await rawLb(sim, 'GET', `/loadbalancers/${id}/nodes/${nodeId}`)).body.node).toMatchObject({ condition: 'DRAINING', weight: 7 });
    expect((await rawLb(sim, 'PUT', `/loadbalancers/${id}/nodes/${nodeId}`, { body: { node: { address: '10.9.9.9' } } })).status).toBe(400);
    expect((await rawLb(sim, 'DELETE', `/loadbalancers/${id}/nodes/${nodeId}`)).status).toBe(202);
    await untilStatus(sim, id, 'ACTIVE');
    expect((await rawLb(sim, 'GET', `/loadbalancers/${id}/nodes`)).body).toEqual({ nodes: [] });
  });

  it('keeps settings sub-resources, hiding the SSL private key', async () => {
    const id = await activeBalancer('cfg', { protocol: 'TCP', port: 9000 });
    expect((await rawLb(sim, 'GET', `/loadbalancers/${id}/healthmonitor`)).body).toEqual({ healthMonitor: {} });
    expect((await rawLb(sim, 'PUT', `/loadbalancers/${id}/healthmonitor`, { body: { healthMonitor: { type: 'HTTP' } } })).status).toBe(400);
    expect(
      (await rawLb(sim, 'PUT', `/loadbalancers/${id}/healthmonitor`, { body: { healthMonitor: { type: 'CONNECT', delay: 5 } } })).status,
    ).toBe(202);
    await untilStatus(sim, id, 'ACTIVE');
    expect((await rawLb(sim, 'GET', `/loadbalancers/${id}/healthmonitor`)).body.healthMonitor).toEqual({
      type: 'CONNECT',
      delay: 5,
      timeout: 10,
      attemptsBeforeDeactivation: 3,
    });
    const cookie = await rawLb(sim, 'PUT', `/loadbalancers/${id}/sessionpersistence`, {
      body: { sessionPersistence: { persistenceType: 'HTTP_COOKIE' } },
    });
    expect(cookie.status).toBe(400);
    const acl = await rawLb(sim, 'POST', `/loadbalancers/${id}/accesslist`, {
      body: {
        accessList: [
          { address: '206.160.163.21', type: 'DENY' },
          { address: '10.0.0.0/8', type: 'ALLOW' },
        ],
      },
    });
    expect(acl.status).toBe(202);
    await untilStatus(sim, id, 'ACTIVE');
    const list = (await rawLb(sim, 'GET', `/loadbalancers/${id}/accesslist`)).body.accessList;
    expect(list.map((i: { address: string; type: string }) => `${i.type} ${i.address}`)).toEqual([
      'DENY 206.160.163.21',
      'ALLOW 10.0.0.0/8',
    ]);
    expect((await rawLb(sim, 'DELETE', `/loadbalancers/${id}/accesslist/999`)).status).toBe(404);
    const cert = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    const key = '-----BEGIN RSA PRIVATE KEY-----\nsecret-key-body\n-----END RSA PRIVATE KEY-----\n';
    await untilStatus(sim, id, 'ACTIVE');
    const ssl = await rawLb(sim, 'PUT', `/loadbalancers/${id}/ssltermination`, {
      body: { sslTermination: { securePort: 443, certificate: cert, privatekey: key, enabled: true } },
    });
    expect(ssl.status).toBe(202);
    await untilStatus(sim, id, 'ACTIVE');
    const shown = (await rawLb(sim, 'GET', `/loadbalancers/${id}/ssltermination`)).body.sslTermination;
    expect(shown).toMatchObject({ securePort: 443, certificate: cert, enabled: true, secureTrafficOnly: false });
    expect(shown).not.toHaveProperty('privatekey');
    expect((await rawLb(sim, 'GET', `/loadbalancers/${id}/errorpage`)).body.errorpage.content).toContain('<html>');
  });

  it('deletes through PENDING_DELETE; a deleted balancer is 404 and listed only with status=DELETED', async () => {
    const id = await activeBalancer('gone');
    expect((await rawLb(sim, 'DELETE', `/loadbalancers/${id}`)).status).toBe(202);
    expect((await rawLb(sim, 'GET', `/loadbalancers/${id}`)).body.loadBalancer.status).toBe('PENDING_DELETE');
    expect((await rawLb(sim, 'DELETE', `/loadbalancers/${id}`)).status).toBe(422);
    for (let i = 0; i < 100 && (await rawLb(sim, 'GET', `/loadbalancers/${id}`)).status !== 404; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect((await rawLb(sim, 'GET', `/loadbalancers/${id}`)).status).toBe(404);
    expect((await rawLb(sim, 'DELETE', `/loadbalancers/${id}`)).status).toBe(404);
    expect((await rawLb(sim, 'GET', '/loadbalancers')).body.loadBalancers).toEqual([]);
    const deleted = (await rawLb(sim, 'GET', '/loadbalancers?status=DELETED')).body.loadBalancers;
    expect(deleted.map((b: { id: number; status: string }) => [b.id, b.status])).toEqual([[id, 'DELETED']]);
  });
});
