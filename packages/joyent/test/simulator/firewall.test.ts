import { parseFirewallRule, RuleSyntaxError } from '../../src/simulator/firewall-rule.js';
import { type CallResult, type Sim, startSim } from './support.js';

type Json = Record<string, unknown>;
const asObject = (r: CallResult): Json => r.body as Json;
const asList = (r: CallResult): Json[] => r.body as Json[];

describe('firewall rule syntax', () => {
  it.each([
    'FROM any TO all vms ALLOW tcp PORT 22',
    'FROM any TO tag "role" = "www" ALLOW tcp (PORT 80 AND PORT 443)',
    'FROM (subnet 10.0.0.0/8 OR ip 192.0.2.7 OR ip fd00::1) TO tag db BLOCK udp PORTS 1000 - 2000',
    'FROM vm 6a0f3e2c-2b5d-4c1e-9a4f-0d8b6e1c2a3f TO any ALLOW icmp TYPE 8 CODE 0',
    'FROM all vms TO all vms ALLOW tcp PORT all PRIORITY 50',
    'from any to tag web allow tcp port 8080',
  ])('accepts %s', (rule) => {
    expect(() => parseFirewallRule(rule)).not.toThrow();
  });

  it.each([
    ['', /expected: 'from'/],
    ['FROM any TO any ALLOW tcp PORT 22', /does not affect VMs/],
    ['FROM any TO all vms PERMIT tcp PORT 22', /'PERMIT', expected: 'allow', 'block'/],
    ['FROM any TO all vms ALLOW tcp PORT 70000', /expected: 'number'/],
    ['FROM any TO all vms ALLOW tcp PORT 22 PRIORITY 101', /priority must be between 0 and 100/],
    ['FROM ip 300.1.2.3 TO all vms ALLOW tcp PORT 22', /ip address/],
    ['FROM subnet 10.0.0.0/33 TO all vms ALLOW tcp PORT 22', /subnet/],
    ['FROM vm not-a-uuid TO any ALLOW tcp PORT 22', /uuid/],
    ['FROM any TO all vms ALLOW tcp PORT 22 extra', /end of rule/],
  ])('rejects %j', (rule, message) => {
    expect(() => parseFirewallRule(rule)).toThrow(RuleSyntaxError);
    expect(() => parseFirewallRule(rule)).toThrow(message);
  });
});

describe('firewall rules on the wire', () => {
  let s: Sim;
  let web: string[];
  let db: string;
  beforeAll(async () => {
    s = await startSim();
    web = s.sim.seedMachines('demo', 3, { name: 'web', tags: { role: 'www' } });
    [db] = s.sim.seedMachines('demo', 1, { name: 'db', tags: { role: 'db' } }) as [string];
    s.sim.seedMachines('demo', 1, { name: 'old-web', state: 'deleted', tags: { role: 'www' } });
  });
  afterAll(() => s.close());

  it('creates (201, disabled by default), gets, updates, enables, disables and deletes a rule', async () => {
    const created = await s.api('POST', '/my/fwrules', { rule: 'FROM any TO tag role = www ALLOW tcp PORT 80', description: 'http' });
    expect(created.status).toBe(201);
    const rule = asObject(created);
    expect(rule).toMatchObject({ enabled: false, global: false, description: 'http' });
    expect(created.headers['location']).toBe(`/demo/fwrules/${rule['id'] as string}`);
    const id = rule['id'] as string;
    expect(asObject(await s.api('GET', `/my/fwrules/${id}`))['rule']).toBe('FROM any TO tag role = www ALLOW tcp PORT 80');
    expect(asObject(await s.api('POST', `/my/fwrules/${id}/enable`))['enabled']).toBe(true);
    expect(asObject(await s.api('POST', `/my/fwrules/${id}/disable`))['enabled']).toBe(false);
    const updated = await s.api('POST', `/my/fwrules/${id}`, { rule: 'FROM any TO tag role = www ALLOW tcp PORT 443', enabled: true });
    expect(asObject(updated)).toMatchObject({ rule: 'FROM any TO tag role = www ALLOW tcp PORT 443', enabled: true });
    expect(asList(await s.api('GET', '/my/fwrules')).map((r) => r['id'])).toContain(id);
    expect((await s.api('DELETE', `/my/fwrules/${id}`)).status).toBe(204);
    expect((await s.api('GET', `/my/fwrules/${id}`)).status).toBe(404);
  });

  it('answers 409 for rule syntax errors and a missing rule, on create and on update', async () => {
    const bad = await s.api('POST', '/my/fwrules', { rule: 'FROM any TO all vms ALLOW tcp PORT 99999' });
    expect([bad.status, asObject(bad)['code']]).toEqual([409, 'InvalidArgument']);
    expect(asObject(bad)['message']).toMatch(/^rule: /);
    const missing = await s.api('POST', '/my/fwrules', { enabled: true });
    expect([missing.status, asObject(missing)['code']]).toEqual([409, 'MissingParameter']);
    const ok = asObject(await s.api('POST', '/my/fwrules', { rule: 'FROM any TO all vms ALLOW tcp PORT 22' }));
    const badUpdate = await s.api('POST', `/my/fwrules/${ok['id'] as string}`, { rule: 'FROM nowhere TO all vms ALLOW tcp PORT 22' });
    expect([badUpdate.status, asObject(badUpdate)['code']]).toEqual([409, 'InvalidArgument']);
    await s.api('DELETE', `/my/fwrules/${ok['id'] as string}`);
  });

  it('lists the machines a rule applies to (tag, tag value, vm, all vms), skipping deleted ones', async () => {
    const ids = async (rule: string): Promise<string[]> => {
      const r = asObject(await s.api('POST', '/my/fwrules', { rule }));
      const res = await s.api('GET', `/my/fwrules/${r['id'] as string}/machines`);
      expect(res.headers['x-resource-count']).toBe(String(asList(res).length));
      await s.api('DELETE', `/my/fwrules/${r['id'] as string}`);
      return asList(res)
        .map((m) => m['id'] as string)
        .sort();
    };
    expect(await ids('FROM any TO tag role = www ALLOW tcp PORT 80')).toEqual([...web].sort());
    expect(await ids('FROM any TO tag role ALLOW tcp PORT 80')).toEqual([...web, db].sort());
    expect(await ids(`FROM vm ${db} TO any BLOCK tcp PORT 25`)).toEqual([db]);
    expect(await ids('FROM any TO all vms ALLOW icmp TYPE all')).toEqual([...web, db].sort());
    expect(await ids('FROM any TO tag nosuch ALLOW tcp PORT 1')).toEqual([]);
  });

  it("lists a machine's rules", async () => {
    const www = asObject(await s.api('POST', '/my/fwrules', { rule: 'FROM any TO tag role = www ALLOW tcp PORT 80' }));
    const dbRule = asObject(await s.api('POST', '/my/fwrules', { rule: `FROM tag role = www TO vm ${db} ALLOW tcp PORT 5432` }));
    expect(
      asList(await s.api('GET', `/my/machines/${web[0]!}/fwrules`))
        .map((r) => r['id'])
        .sort(),
    ).toEqual([www['id'], dbRule['id']].sort());
    expect(asList(await s.api('GET', `/my/machines/${db}/fwrules`)).map((r) => r['id'])).toEqual([dbRule['id']]);
  });
});
