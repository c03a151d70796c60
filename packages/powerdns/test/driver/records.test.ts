import { RecordType } from '@cloudmux/core/dns';
import { AlreadyExistsError, InvalidArgumentError, NotFoundError } from '@cloudmux/core/errors';
import { decodeRecordId } from '../../src/index.js';
import { startSim, type SimContext } from '../support/sim.js';

let ctx: SimContext;
beforeEach(async () => {
  ctx = await startSim();
});
afterEach(() => ctx.close());

/** The rrsets the simulator holds, as PowerDNS sends them. */
async function rrset(zone: string, name: string, type: string) {
  const sets = await ctx.driver.exListRRsets(zone);
  return sets.find((s) => s.name === name && s.type === type);
}

describe('records: one portable record per rrset value', () => {
  it('adds values to an rrset and removes one without touching the others', async () => {
    const { driver } = ctx;
    const zone = await driver.createZone({ domain: 'multi.example', ttl: 1800 });
    const a = await driver.createRecord(zone, { name: 'www', type: RecordType.A, data: '192.0.2.1', ttl: 300 });
    const b = await driver.createRecord(zone, { name: 'www', type: RecordType.A, data: '192.0.2.2' });
    expect(b.ttl).toBe(300); // the rrset's TTL
    expect((await rrset('multi.example.', 'www.multi.example.', 'A'))?.records.map((r) => r.content)).toEqual(['192.0.2.1', '192.0.2.2']);
    expect(a.id).not.toBe(b.id);
    expect(decodeRecordId(a.id)).toEqual({ name: 'www.multi.example.', type: 'A', content: '192.0.2.1' });
    const u = await driver.updateRecord(a, { data: '192.0.2.3' });
    expect((await rrset('multi.example.', 'www.multi.example.', 'A'))?.records.map((r) => r.content)).toEqual(['192.0.2.3', '192.0.2.2']);
    await expect(driver.getRecord(zone, { id: a.id })).rejects.toBeInstanceOf(NotFoundError);
    expect((await driver.getRecord(zone, { id: u.id })).data).toBe('192.0.2.3');
    await driver.deleteRecord(b);
    expect((await rrset('multi.example.', 'www.multi.example.', 'A'))?.records.map((r) => r.content)).toEqual(['192.0.2.3']);
    await driver.deleteRecord(u);
    expect(await rrset('multi.example.', 'www.multi.example.', 'A')).toBeUndefined();
    await expect(driver.deleteRecord(u)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses a value the rrset already has', async () => {
    const zone = await ctx.driver.createZone({ domain: 'dup.example' });
    await ctx.driver.createRecord(zone, { name: 'x', type: RecordType.A, data: '192.0.2.1' });
    await expect(ctx.driver.createRecord(zone, { name: 'x', type: RecordType.A, data: '192.0.2.1' })).rejects.toBeInstanceOf(
      AlreadyExistsError,
    );
  });

  it('takes relative names, "" and "@" for the apex, absolute names inside the zone only', async () => {
    const { driver } = ctx;
    const zone = await driver.createZone({ domain: 'names.example.' });
    expect(zone.domain).toBe('names.example');
    const apex = await driver.createRecord(zone, { name: '@', type: RecordType.TXT, data: 'apex' });
    expect(apex.name).toBe('');
    const rel = await driver.createRecord(zone, { name: 'a.b', type: RecordType.A, data: '192.0.2.1' });
    expect(rel.extra.fqdn).toBe('a.b.names.example.');
    const abs = await driver.createRecord(zone, { name: 'Abs.Names.Example.', type: RecordType.A, data: '192.0.2.2' });
    expect(abs.name).toBe('abs');
    await expect(driver.createRecord(zone, { name: 'www.other.example.', type: RecordType.A, data: '192.0.2.3' })).rejects.toThrow(
      /outside the zone names\.example/,
    );
    await expect(driver.createRecord(zone, { name: 'bad..name', type: RecordType.A, data: '192.0.2.3' })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
  });

  it('writes MX/SRV priorities, canonical targets and quoted TXT, and reads them back portable', async () => {
    const { driver } = ctx;
    const zone = await driver.createZone({ domain: 'data.example' });
    const mx = await driver.createRecord(zone, { name: '', type: RecordType.MX, data: 'mail.data.example', priority: 10 });
    expect([mx.data, mx.priority, mx.extra.content]).toEqual(['mail.data.example.', 10, '10 mail.data.example.']);
    const srv = await driver.createRecord(zone, { name: '_sip._tcp', type: RecordType.SRV, data: '5 5060 sip.data.example', priority: 20 });
    expect([srv.data, srv.priority, srv.extra.content]).toEqual(['5 5060 sip.data.example.', 20, '20 5 5060 sip.data.example.']);
    const text = 'say "hi" \\ é ' + 'x'.repeat(300);
    const txt = await driver.createRecord(zone, { name: 'txt', type: RecordType.TXT, data: text });
    expect(txt.data).toBe(text);
    expect(txt.extra.content).toMatch(/^"say \\"hi\\" \\\\ \\195\\169 x+" "x+"$/);
    const cname = await driver.createRecord(zone, { name: 'alias', type: RecordType.CNAME, data: '@' });
    expect(cname.data).toBe('data.example.');
    await expect(driver.createRecord(zone, { name: '', type: RecordType.MX, data: 'mail.data.example' })).rejects.toThrow(/priority/);
    await expect(driver.createRecord(zone, { name: 'a', type: RecordType.A, data: '192.0.2.1', priority: 1 })).rejects.toThrow(
      /only MX and SRV/,
    );
  });

  it('moves a record to another name or type in one PATCH', async () => {
    const { driver, sim } = ctx;
    const zone = await driver.createZone({ domain: 'move.example' });
    const a = await driver.createRecord(zone, { name: 'old', type: RecordType.A, data: '192.0.2.1', ttl: 60 });
    await driver.createRecord(zone, { name: 'old', type: RecordType.A, data: '192.0.2.2' });
    sim.server.clearRequests();
    const moved = await driver.updateRecord(a, { name: 'new', ttl: 120 });
    expect(sim.server.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
    expect([moved.name, moved.data, moved.ttl]).toEqual(['new', '192.0.2.1', 120]);
    expect((await rrset('move.example.', 'old.move.example.', 'A'))?.records.map((r) => r.content)).toEqual(['192.0.2.2']);
    const txt = await driver.updateRecord(moved, { type: RecordType.TXT, data: 'now text' });
    expect([txt.type, txt.data]).toEqual(['TXT', 'now text']);
    expect(await rrset('move.example.', 'new.move.example.', 'A')).toBeUndefined();
  });

  it('keeps disabled values and sets ex.disabled', async () => {
    const zone = await ctx.driver.createZone({ domain: 'off.example' });
    const r = await ctx.driver.createRecord(zone, { name: 'x', type: RecordType.A, data: '192.0.2.1', ex: { disabled: true } });
    expect(r.extra.disabled).toBe(true);
    await ctx.driver.createRecord(zone, { name: 'x', type: RecordType.A, data: '192.0.2.2' });
    expect((await rrset('off.example.', 'x.off.example.', 'A'))?.records).toEqual([
      { content: '192.0.2.1', disabled: true },
      { content: '192.0.2.2', disabled: false },
    ]);
    await expect(
      ctx.driver.createRecord(zone, { name: 'y', type: RecordType.A, data: '192.0.2.1', ex: { hidden: true } as never }),
    ).rejects.toThrow(/unknown option "hidden"/);
  });

  it('refuses a missing or unknown type before any request', async () => {
    const zone = await ctx.driver.createZone({ domain: 'types.example' });
    ctx.sim.server.clearRequests();
    await expect(ctx.driver.createRecord(zone, { name: 'x', data: '192.0.2.1' } as never)).rejects.toThrow(
      /Invalid record type undefined\. Valid types: A, AAAA/,
    );
    await expect(ctx.driver.createRecord(zone, { name: 'x', type: 'BOGUS' as never, data: '1' })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    expect(ctx.sim.server.requests).toHaveLength(0);
  });

  it('refuses ids it did not make', async () => {
    const zone = await ctx.driver.createZone({ domain: 'ids.example' });
    for (const id of ['', 'not base64!', Buffer.from('[1,2]').toString('base64url')])
      await expect(ctx.driver.getRecord(zone, { id })).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});
