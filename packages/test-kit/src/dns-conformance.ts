import { describe, expect, it } from '@jest/globals';
import { DNS_METHODS, DnsRecord, RecordType, Zone, type DnsDriver, type DnsDriverClass, type DnsMethod } from '@cloudmux/core/dns';
import {
  budget,
  collect,
  errorOf,
  expectDriverRef,
  expectNotFound,
  expectNotSupported,
  expectRefused,
  first,
  needs,
  timingOf,
  uniqueName,
  useFreshDriver,
  type Timing,
} from './harness.js';
import type { DnsConformanceOptions } from './types.js';

interface DnsContext {
  driver: DnsDriver;
  timing: Timing;
  cleanup: (() => Promise<unknown>)[];
}

const norm = (d: string): string => d.replace(/\.$/, '').toLowerCase();

async function testZone(ctx: DnsContext): Promise<Zone> {
  const domain = `${uniqueName('cmx-conf')}.example.com`;
  const zone = await ctx.driver.createZone({ domain, ttl: 3600 });
  if (ctx.driver.supports('deleteZone')) ctx.cleanup.push(() => ctx.driver.deleteZone(zone));
  expect(zone).toBeInstanceOf(Zone);
  expect(norm(zone.domain)).toBe(domain);
  expectDriverRef(zone, ctx.driver);
  return zone;
}

async function wwwRecord(ctx: DnsContext, zone: Zone): Promise<DnsRecord> {
  const r = await ctx.driver.createRecord(zone, { name: 'www', type: RecordType.A, data: '192.0.2.10', ttl: 300 });
  expect(r).toBeInstanceOf(DnsRecord);
  expect(r.name).toBe('www');
  expect(r.type).toBe('A');
  expect(r.data).toBe('192.0.2.10');
  if (r.ttl !== undefined) expect(r.ttl).toBe(300);
  expectDriverRef(r, ctx.driver);
  return r;
}

const CHECKS: Readonly<Record<DnsMethod, (ctx: DnsContext) => Promise<void>>> = {
  async listRecordTypes({ driver }) {
    const types = driver.listRecordTypes();
    expect(types.length).toBeGreaterThan(0);
    for (const t of types) expect(Object.values(RecordType)).toContain(t);
    expect(types).toContain('A');
  },
  async listZones(ctx) {
    const z = ctx.driver.supports('createZone') ? await testZone(ctx) : undefined;
    const ids = (await ctx.driver.listZones()).map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    if (z) {
      expect(ids).toContain(z.id);
      expect((await collect(ctx.driver.iterateZones())).map((x) => x.id)).toContain(z.id);
    }
  },
  async getZone(ctx) {
    needs(ctx.driver, 'createZone', 'getZone');
    const z = await testZone(ctx);
    const got = await ctx.driver.getZone(z.id);
    expect(norm(got.domain)).toBe(norm(z.domain));
    if (ctx.driver.supports('deleteZone')) {
      await ctx.driver.deleteZone(z);
      await expectNotFound('getZone after deleteZone', () => ctx.driver.getZone(z.id));
    }
  },
  async createZone(ctx) {
    const z = await testZone(ctx);
    expect(z.type).toBe('master');
    await expectRefused('creating a zone whose domain is taken', () => ctx.driver.createZone({ domain: z.domain }));
  },
  async updateZone(ctx) {
    const z = await testZone(ctx);
    const updated = await ctx.driver.updateZone(z, { ttl: 7200 });
    expect(updated.id).toBe(z.id);
    expect(updated.ttl).toBe(7200);
  },
  async deleteZone(ctx) {
    needs(ctx.driver, 'createZone', 'deleteZone');
    const z = await ctx.driver.createZone({ domain: `${uniqueName('cmx-conf')}.example.com` });
    expect(await ctx.driver.deleteZone(z)).toBe(true);
    if (ctx.driver.supports('listZones')) expect((await ctx.driver.listZones()).map((x) => x.id)).not.toContain(z.id);
    if (ctx.driver.supports('getZone')) await expectNotFound('getZone after deleteZone', () => ctx.driver.getZone(z.id));
  },
  async listRecords(ctx) {
    const z = await testZone(ctx);
    const r = ctx.driver.supports('createRecord') ? await wwwRecord(ctx, z) : undefined;
    const listed = await ctx.driver.listRecords(z);
    for (const x of listed) expect(x).toBeInstanceOf(DnsRecord);
    if (r) {
      expect(listed.map((x) => x.id)).toContain(r.id);
      expect((await collect(ctx.driver.iterateRecords(z))).map((x) => x.id)).toContain(r.id);
    }
  },
  async getRecord(ctx) {
    needs(ctx.driver, 'createRecord', 'getRecord');
    const z = await testZone(ctx);
    const r = await wwwRecord(ctx, z);
    const got = await ctx.driver.getRecord(z, { id: r.id });
    expect([got.id, got.name, got.type, got.data]).toEqual([r.id, 'www', 'A', '192.0.2.10']);
  },
  async createRecord(ctx) {
    const z = await testZone(ctx);
    await wwwRecord(ctx, z);
    const mx = await ctx.driver.createRecord(z, { name: '', type: RecordType.MX, data: `mail.${z.domain}`, priority: 10, ttl: 300 });
    expect(mx.priority).toBe(10);
    expect(norm(mx.data)).toBe(norm(`mail.${z.domain}`));
    const txt = await ctx.driver.createRecord(z, { name: 'txt', type: RecordType.TXT, data: 'hello conformance', ttl: 300 });
    expect(txt.data.replace(/^"|"$/g, '')).toBe('hello conformance');
    expect(await errorOf(() => ctx.driver.createRecord(z, { name: 'bad', type: RecordType.A, data: 'not-an-address' }))).toBeInstanceOf(
      Error,
    );
  },
  async updateRecord(ctx) {
    const z = await testZone(ctx);
    const r = await wwwRecord(ctx, z);
    const u = await ctx.driver.updateRecord(r, { data: '192.0.2.11' });
    expect(u.data).toBe('192.0.2.11');
    if (ctx.driver.supports('getRecord')) expect((await ctx.driver.getRecord(z, { id: u.id })).data).toBe('192.0.2.11');
  },
  async deleteRecord(ctx) {
    needs(ctx.driver, 'createRecord', 'deleteRecord');
    const z = await testZone(ctx);
    const r = await wwwRecord(ctx, z);
    expect(await ctx.driver.deleteRecord(r)).toBe(true);
    if (ctx.driver.supports('getRecord')) await expectNotFound('getRecord after deleteRecord', () => ctx.driver.getRecord(z, { id: r.id }));
    if (ctx.driver.supports('listRecords')) expect((await ctx.driver.listRecords(z)).map((x) => x.id)).not.toContain(r.id);
  },
  async exportZoneToBindFormat(ctx) {
    needs(ctx.driver, 'createRecord', 'exportZoneToBindFormat');
    const z = await testZone(ctx);
    await wwwRecord(ctx, z);
    const text = await ctx.driver.exportZoneToBindFormat(z);
    expect(text).toContain(`$ORIGIN ${norm(z.domain)}.`);
    expect(text).toMatch(/\bSOA\b/);
    expect(text).toMatch(/^www\s+(\d+\s+)?IN\s+A\s+192\.0\.2\.10\s*$/m);
  },
};

const CALLS: Readonly<Record<DnsMethod, readonly ((d: DnsDriver) => unknown)[]>> = {
  listRecordTypes: [(d) => d.listRecordTypes()],
  listZones: [(d) => d.listZones(), (d) => first(d.iterateZones())],
  getZone: [(d) => d.getZone('cloudmux-zone')],
  createZone: [(d) => d.createZone({ domain: 'cloudmux.example.com' })],
  updateZone: [(d) => d.updateZone('cloudmux-zone', { ttl: 60 })],
  deleteZone: [(d) => d.deleteZone('cloudmux-zone')],
  listRecords: [(d) => d.listRecords('cloudmux-zone'), (d) => first(d.iterateRecords('cloudmux-zone'))],
  getRecord: [(d) => d.getRecord('cloudmux-zone', { id: 'cloudmux-record' })],
  createRecord: [(d) => d.createRecord('cloudmux-zone', { name: 'www', type: RecordType.A, data: '192.0.2.1' })],
  updateRecord: [(d) => d.updateRecord(fakeRecord(d), { data: '192.0.2.2' })],
  deleteRecord: [(d) => d.deleteRecord(fakeRecord(d))],
  exportZoneToBindFormat: [
    (d) => d.exportZoneToBindFormat(new Zone({ id: 'cloudmux-zone', domain: 'cloudmux.example.com', type: 'master' }, d)),
  ],
};

function fakeRecord(d: DnsDriver): DnsRecord {
  const zone = new Zone({ id: 'cloudmux-zone', domain: 'cloudmux.example.com', type: 'master' }, d);
  return new DnsRecord({ id: 'cloudmux-record', name: 'www', type: RecordType.A, data: '192.0.2.1', zone }, d);
}

/**
 * Registers the DNS conformance suite: for every portable method (`DNS_METHODS`), its behaviour
 * when the driver's `capabilities` list it, `NotSupportedError` otherwise. Zones it creates are deleted.
 */
export function describeDnsConformance<D extends DnsDriver>(options: DnsConformanceOptions<D>): void {
  const timing = timingOf(options);
  describe(`dns conformance: ${options.name}`, () => {
    const driver = useFreshDriver(options);

    it('declares a provider and known, unique capabilities', () => {
      const cls = driver().constructor as unknown as DnsDriverClass;
      expect(cls.provider.id.length).toBeGreaterThan(0);
      expect(new Set(cls.capabilities).size).toBe(cls.capabilities.length);
      for (const m of cls.capabilities) expect(DNS_METHODS).toContain(m);
    });

    for (const method of DNS_METHODS) {
      it(
        `${method}: behaves as declared in capabilities`,
        async () => {
          const d = driver();
          if (!d.supports(method)) {
            for (const call of CALLS[method]) await expectNotSupported(method, () => call(d));
            return;
          }
          const ctx: DnsContext = { driver: d, timing, cleanup: [] };
          try {
            await CHECKS[method](ctx);
          } finally {
            for (const fn of ctx.cleanup.reverse()) await fn().catch(() => undefined);
          }
        },
        budget(timing, 2),
      );
    }
  });
}
