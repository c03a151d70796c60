import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { AlreadyExistsError, InvalidArgumentError, NotFoundError, ProviderError } from '@cloudmux/core/errors';
import type { Zone } from '@cloudmux/core/dns';
import type { Route53ZoneExtra } from '../../src/route53/types.js';
import { startRoute53, type R53Harness } from './helpers.js';

let h: R53Harness;
let zone: Zone<Route53ZoneExtra>;
beforeEach(async () => {
  h = await startRoute53();
  zone = await h.driver.createZone({ domain: 'example.com' });
});
afterEach(() => h.close());

describe('Route 53 records against the simulator', () => {
  it('lists the SOA and NS sets Route 53 creates, one record per NS value', async () => {
    const records = await h.driver.listRecords(zone);
    expect(records.filter((r) => r.type === 'SOA')).toHaveLength(1);
    const ns = records.filter((r) => r.type === 'NS');
    expect(ns).toHaveLength(4);
    expect(new Set(ns.map((r) => r.id)).size).toBe(4);
    expect(ns[0]?.name).toBe('');
    expect(ns[0]?.extra.setValues).toHaveLength(4);
  });

  it('creates several values of one name/type as one set and round-trips each', async () => {
    const a = await h.driver.createRecord(zone, { name: 'www', type: 'A', data: '192.0.2.1', ttl: 60 });
    const b = await h.driver.createRecord(zone, { name: 'www', type: 'A', data: '192.0.2.2' });
    const sets = (await h.driver.exListRecordSets(zone)).filter((s) => s.name === 'www.example.com.');
    expect(sets).toHaveLength(1);
    expect(sets[0]?.values).toEqual(['192.0.2.1', '192.0.2.2']);
    expect(sets[0]?.ttl).toBe(60);
    expect(b.ttl).toBe(60);
    const www = (await h.driver.listRecords(zone)).filter((r) => r.name === 'www');
    expect(www.map((r) => r.data).sort()).toEqual(['192.0.2.1', '192.0.2.2']);
    expect((await h.driver.getRecord(zone, { id: a.id })).data).toBe('192.0.2.1');

    const a2 = await h.driver.updateRecord(a, { data: '192.0.2.3' });
    expect(a2.id).not.toBe(a.id);
    expect((await h.driver.exListRecordSets(zone)).find((s) => s.name === 'www.example.com.')?.values).toEqual(['192.0.2.3', '192.0.2.2']);
    await expect(h.driver.getRecord(zone, { id: a.id })).rejects.toBeInstanceOf(NotFoundError);

    expect(await h.driver.deleteRecord(b)).toBe(true);
    expect((await h.driver.exListRecordSets(zone)).find((s) => s.name === 'www.example.com.')?.values).toEqual(['192.0.2.3']);
    await h.driver.deleteRecord(a2);
    expect((await h.driver.exListRecordSets(zone)).some((s) => s.name === 'www.example.com.')).toBe(false);
  });

  it('refuses a value that is already in its set, and an update to a gone value', async () => {
    const a = await h.driver.createRecord(zone, { name: 'x', type: 'A', data: '192.0.2.1' });
    await expect(h.driver.createRecord(zone, { name: 'x', type: 'A', data: '192.0.2.1' })).rejects.toBeInstanceOf(AlreadyExistsError);
    await h.driver.deleteRecord(a);
    await expect(h.driver.updateRecord(a, { data: '192.0.2.9' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('moves a value to a new name in one batch', async () => {
    const a = await h.driver.createRecord(zone, { name: 'old', type: 'A', data: '192.0.2.1' });
    await h.driver.createRecord(zone, { name: 'old', type: 'A', data: '192.0.2.2' });
    const moved = await h.driver.updateRecord(a, { name: 'new' });
    expect(moved.name).toBe('new');
    const sets = await h.driver.exListRecordSets(zone);
    expect(sets.find((s) => s.name === 'old.example.com.')?.values).toEqual(['192.0.2.2']);
    expect(sets.find((s) => s.name === 'new.example.com.')?.values).toEqual(['192.0.2.1']);
  });

  it('quotes TXT values, splits long ones into 255-byte strings and reads them back', async () => {
    const long = 'v=DKIM1; k=rsa; p=' + 'A'.repeat(400);
    const t = await h.driver.createRecord(zone, { name: 'txt', type: 'TXT', data: long });
    expect(t.data).toBe(long);
    const q = await h.driver.createRecord(zone, { name: 'txt', type: 'TXT', data: 'say "hi" \\ ünïcode' });
    const set = (await h.driver.exListRecordSets(zone)).find((s) => s.type === 'TXT');
    expect(set?.values?.[0]).toMatch(/^"v=DKIM1; k=rsa; p=A{237}" "A{163}"$/);
    expect(set?.values?.[1]).toBe('"say \\"hi\\" \\\\ \\303\\274n\\303\\257code"');
    const listed = (await h.driver.listRecords(zone)).filter((r) => r.type === 'TXT').map((r) => r.data);
    expect(listed).toEqual([long, 'say "hi" \\ ünïcode']);
    expect((await h.driver.getRecord(zone, { id: q.id })).data).toBe('say "hi" \\ ünïcode');
  });

  it('maps MX and SRV priorities', async () => {
    const mx = await h.driver.createRecord(zone, { name: '', type: 'MX', data: 'mail.example.com.', priority: 10 });
    const srv = await h.driver.createRecord(zone, { name: '_sip._tcp', type: 'SRV', data: '5 5060 sip.example.com.', priority: 1 });
    const sets = await h.driver.exListRecordSets(zone);
    expect(sets.find((s) => s.type === 'MX')?.values).toEqual(['10 mail.example.com.']);
    expect(sets.find((s) => s.type === 'SRV')?.values).toEqual(['1 5 5060 sip.example.com.']);
    expect([mx.priority, mx.data, srv.priority, srv.data]).toEqual([10, 'mail.example.com.', 1, '5 5060 sip.example.com.']);
  });

  it('creates alias and weighted records under ex and reads them back', async () => {
    const alias = await h.driver.createRecord(zone, {
      name: '',
      type: 'A',
      data: 'my-lb-1.us-east-1.elb.amazonaws.com.',
      ex: { alias: { hostedZoneId: 'Z35SXDOTRQ7X7K', evaluateTargetHealth: true } },
    });
    expect(alias.extra.alias).toEqual({ hostedZoneId: 'Z35SXDOTRQ7X7K', evaluateTargetHealth: true });
    expect(alias.ttl).toBeUndefined();
    const blue = await h.driver.createRecord(zone, {
      name: 'app',
      type: 'A',
      data: '192.0.2.10',
      ex: { setIdentifier: 'blue', weight: 90 },
    });
    await h.driver.createRecord(zone, { name: 'app', type: 'A', data: '192.0.2.20', ex: { setIdentifier: 'green', weight: 10 } });
    await h.driver.createRecord(zone, {
      name: 'geo',
      type: 'A',
      data: '192.0.2.30',
      ex: { setIdentifier: 'de', geoLocation: { countryCode: 'DE' } },
    });
    const app = (await h.driver.listRecords(zone)).filter((r) => r.name === 'app');
    expect(app.map((r) => [r.extra.setIdentifier, r.extra.weight, r.data])).toEqual([
      ['blue', 90, '192.0.2.10'],
      ['green', 10, '192.0.2.20'],
    ]);
    expect((await h.driver.getRecord(zone, { id: blue.id })).extra.weight).toBe(90);
    const geo = (await h.driver.listRecords(zone)).find((r) => r.name === 'geo');
    expect(geo?.extra.geoLocation?.countryCode).toBe('DE');
    expect((await h.driver.getRecord(zone, { id: alias.id })).data).toBe('my-lb-1.us-east-1.elb.amazonaws.com.');
    const bind = await h.driver.exportZoneToBindFormat(zone);
    expect(bind).toContain('; ALIAS @ -> my-lb-1.us-east-1.elb.amazonaws.com.');
    expect(bind).toMatch(/^app\s+300\s+IN\s+A\s+192\.0\.2\.10$/m);
    await h.driver.deleteRecord(blue);
    expect((await h.driver.listRecords(zone)).filter((r) => r.name === 'app')).toHaveLength(1);
  });

  it('reads wildcard names (Route 53 escapes * as \\052)', async () => {
    const w = await h.driver.createRecord(zone, { name: '*', type: 'A', data: '192.0.2.7' });
    const listed = (await h.driver.listRecords(zone)).find((r) => r.type === 'A');
    expect(listed?.name).toBe('*');
    expect(listed?.id).toBe(w.id);
    expect(listed?.extra.fqdn).toBe('\\052.example.com.');
  });

  it('applies exChangeRecords batches atomically', async () => {
    await h.driver.exChangeRecords(zone, [
      { action: 'CREATE', recordSet: { name: 'a', type: 'A', ttl: 60, values: ['192.0.2.1'] } },
      { action: 'CREATE', recordSet: { name: 'b', type: 'A', ttl: 60, values: ['192.0.2.2'] } },
    ]);
    const before = await h.driver.exListRecordSets(zone);
    const err = await h.driver
      .exChangeRecords(zone, [
        { action: 'CREATE', recordSet: { name: 'c', type: 'A', ttl: 60, values: ['192.0.2.3'] } },
        { action: 'CREATE', recordSet: { name: 'd', type: 'A', ttl: 60, values: ['not-an-ip'] } },
        { action: 'DELETE', recordSet: { name: 'zzz', type: 'A', ttl: 60, values: ['192.0.2.9'] } },
      ])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    const pe = err as ProviderError;
    expect(pe.providerCode).toBe('InvalidChangeBatch');
    expect(pe.status).toBe(400);
    expect(pe.providerMessage).toMatch(/ARRDATAIllegalIPv4Address/);
    expect(pe.providerMessage).toMatch(/Tried to delete resource record set \[name='zzz.example.com.', type='A'\] but it was not found/);
    expect(await h.driver.exListRecordSets(zone)).toEqual(before);
  });

  it('maps CREATE of an existing set to AlreadyExistsError and DELETE of a missing one to NotFoundError', async () => {
    const set = { name: 'a', type: 'A' as const, ttl: 60, values: ['192.0.2.1'] };
    await h.driver.exChangeRecords(zone, [{ action: 'CREATE', recordSet: set }]);
    await expect(h.driver.exChangeRecords(zone, [{ action: 'CREATE', recordSet: set }])).rejects.toBeInstanceOf(AlreadyExistsError);
    await expect(h.driver.exChangeRecords(zone, [{ action: 'DELETE', recordSet: { ...set, name: 'b' } }])).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('refuses a second CNAME or SOA value before sending', async () => {
    await h.driver.createRecord(zone, { name: 'alias', type: 'CNAME', data: 'a.example.net.' });
    await expect(h.driver.createRecord(zone, { name: 'alias', type: 'CNAME', data: 'b.example.net.' })).rejects.toBeInstanceOf(
      AlreadyExistsError,
    );
    await expect(h.driver.createRecord(zone, { name: '', type: 'SOA', data: 'ns. host. 1 2 3 4 5' })).rejects.toBeInstanceOf(
      AlreadyExistsError,
    );
  });

  it('refuses a CNAME beside other data', async () => {
    await h.driver.createRecord(zone, { name: 'c', type: 'A', data: '192.0.2.1' });
    const err = await h.driver.createRecord(zone, { name: 'c', type: 'CNAME', data: 'elsewhere.example.net.' }).catch((e: unknown) => e);
    expect((err as ProviderError).providerMessage).toMatch(/RRSet of type CNAME with DNS name c.example.com. is not permitted/);
  });

  it('checks inputs before sending', async () => {
    const sent = h.sim.server.requests.length;
    await expect(h.driver.createRecord(zone, { name: 'x', type: 'DNAME', data: 'a.' })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(h.driver.createRecord(zone, { name: 'x', type: 'MX', data: 'a.' })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(h.driver.createRecord(zone, { name: 'x.', type: 'A', data: '192.0.2.1' })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(h.driver.createRecord(zone, { name: 'x', type: 'A', data: '192.0.2.1', ex: { colour: 1 } as never })).rejects.toThrow(
      /colour/,
    );
    await expect(h.driver.getRecord(zone, { id: 'nonsense' })).rejects.toBeInstanceOf(NotFoundError);
    expect(h.sim.server.requests.length).toBe(sent);
  });

  it('lists every page of record sets (StartRecordName/Type/Identifier)', async () => {
    h.sim.seedRecords(zone.id, 650, 2);
    const small = await startRoute53({}, { pageSize: 7 });
    try {
      // A driver with 7-set pages: the weighted sets `w` share a name and type, so pages start at identifiers too.
      const z = await small.driver.createZone({ domain: 'paged.example' });
      small.sim.seedRecords(z.id, 40, 2);
      await small.driver.exChangeRecords(z, [
        { action: 'CREATE', recordSet: { name: 'w', type: 'A', setIdentifier: 'one', weight: 1, ttl: 60, values: ['192.0.2.1'] } },
        { action: 'CREATE', recordSet: { name: 'w', type: 'A', setIdentifier: 'two', weight: 1, ttl: 60, values: ['192.0.2.2'] } },
        { action: 'CREATE', recordSet: { name: 'w', type: 'A', setIdentifier: 'three', weight: 1, ttl: 60, values: ['192.0.2.3'] } },
      ]);
      const recs = await small.driver.listRecords(z);
      expect(recs).toHaveLength(40 * 2 + 3 + 1 + 4);
      expect(new Set(recs.map((r) => r.id)).size).toBe(recs.length);
      const lists = small.sim.server.requests.filter((r) => r.method === 'GET' && /\/rrset(\?|$)/.test(r.path));
      expect(lists.length).toBeGreaterThanOrEqual(Math.ceil(45 / 7));
    } finally {
      await small.close();
    }
    const all = await h.driver.listRecords(zone);
    expect(all.filter((r) => r.name.startsWith('host-'))).toHaveLength(1300);
    // Lazy iteration asks for no page it does not need.
    const before = h.sim.server.requests.length;
    for await (const r of h.driver.iterateRecords(zone)) {
      expect(r.zone.id).toBe(zone.id);
      break;
    }
    expect(h.sim.server.requests.slice(before).filter((r) => r.path.includes('/rrset'))).toHaveLength(1);
  });
});
