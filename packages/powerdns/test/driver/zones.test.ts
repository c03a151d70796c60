import { AlreadyExistsError, InvalidArgumentError, NotFoundError } from '@cloudmux/core/errors';
import { dateSerial } from '../../src/simulator/index.js';
import { startSim, type SimContext } from '../support/sim.js';

let ctx: SimContext;
beforeEach(async () => {
  ctx = await startSim({ now: () => new Date('2026-12-04T10:00:00Z') });
});
afterEach(() => ctx.close());

describe('zones', () => {
  it("creates a Native zone whose SOA carries the zone TTL, with today's serial (SOA-EDIT-API DEFAULT)", async () => {
    const zone = await ctx.driver.createZone({ domain: 'zone.example', ttl: 900, ex: { nameservers: ['ns1.zone.example'] } });
    expect([zone.id, zone.domain, zone.type, zone.ttl]).toEqual(['zone.example.', 'zone.example', 'master', 900]);
    expect(zone.extra.kind).toBe('Native');
    // create and the SOA TTL change are two API edits: YYYYMMDD01, then + 1
    expect(zone.extra.serial).toBe(dateSerial(new Date('2026-12-04T10:00:00Z')) + 1);
    const recs = await ctx.driver.listRecords(zone);
    expect(recs.map((r) => [r.name, r.type, r.data])).toEqual([
      ['', 'SOA', `ns1.zone.example. hostmaster.zone.example. ${zone.extra.serial} 10800 3600 604800 3600`],
      ['', 'NS', 'ns1.zone.example.'],
    ]);
  });

  it('bumps the serial on every change', async () => {
    const zone = await ctx.driver.createZone({ domain: 'serial.example' });
    const before = zone.extra.serial;
    await ctx.driver.createRecord(zone, { name: 'a', type: 'A', data: '192.0.2.1' });
    await ctx.driver.createRecord(zone, { name: 'b', type: 'A', data: '192.0.2.2' });
    expect((await ctx.driver.getZone('serial.example')).extra.serial).toBe(before + 2);
  });

  it('gets by id with or without the trailing dot, updates kind and TTL, deletes', async () => {
    const { driver } = ctx;
    await driver.createZone({ domain: 'upd.example' });
    const z = await driver.getZone('upd.example');
    expect(z.id).toBe('upd.example.');
    const u = await driver.updateZone(z, { ttl: 7200, ex: { kind: 'Master', account: 'team-a' } });
    expect([u.ttl, u.extra.kind, u.extra.account]).toEqual([7200, 'Master', 'team-a']);
    expect((await driver.updateZone('upd.example.', { type: 'slave', ex: { masters: ['192.0.2.1'] } })).type).toBe('slave');
    expect(await driver.deleteZone(z)).toBe(true);
    await expect(driver.getZone('upd.example')).rejects.toBeInstanceOf(NotFoundError);
    await expect(driver.deleteZone(z)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('maps a taken domain to AlreadyExistsError and refuses bad input before any request', async () => {
    const { driver, sim } = ctx;
    await driver.createZone({ domain: 'taken.example' });
    const err = await driver.createZone({ domain: 'Taken.Example.' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AlreadyExistsError);
    expect((err as AlreadyExistsError).providerMessage).toBe('Conflict');
    sim.server.clearRequests();
    for (const domain of ['', '.', 'a b.example', 'x/y.example'])
      await expect(driver.createZone({ domain })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(driver.createZone({ domain: 'k.example', ex: { kind: 'Primary' as never } })).rejects.toThrow(/Valid kinds: Native/);
    await expect(driver.createZone({ domain: 'k.example', ex: { colour: 1 } as never })).rejects.toThrow(/unknown option "colour"/);
    await expect(driver.getZone('../servers')).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(sim.server.requests).toHaveLength(0);
  });

  it('lists zones in one request', async () => {
    for (const d of ['a.example', 'b.example']) await ctx.driver.createZone({ domain: d });
    ctx.sim.server.clearRequests();
    expect((await ctx.driver.listZones()).map((z) => z.domain).sort()).toEqual(['a.example', 'b.example']);
    expect(ctx.sim.server.requests).toHaveLength(1);
  });
});
