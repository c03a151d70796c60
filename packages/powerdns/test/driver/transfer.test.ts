import { RecordType } from '@cloudmux/core/dns';
import { InvalidArgumentError, ProviderError } from '@cloudmux/core/errors';
import { startSim, type SimContext } from '../support/sim.js';

let ctx: SimContext;
beforeEach(async () => {
  ctx = await startSim();
});
afterEach(() => ctx.close());

const ZONE = `$ORIGIN shop.example.
$TTL 1800
@ IN SOA ns1 hostmaster ( 2024010101 7200 3600 1209600 3600 )
  IN NS ns1
  IN MX 10 mail
ns1   IN A 192.0.2.53
www   300 IN A 192.0.2.10
www   300 IN A 192.0.2.11
txt   IN TXT "a \\"quoted\\" word" "and more"
`;

describe('BIND import and export', () => {
  it('imports a zone with all its rrsets in one request', async () => {
    ctx.sim.server.clearRequests();
    const { zone, records } = await ctx.driver.importZoneFromBindFormat(ZONE);
    expect(ctx.sim.server.requests.map((r) => r.method)).toEqual(['POST']);
    expect([zone.domain, zone.ttl]).toEqual(['shop.example', 1800]);
    const sets = await ctx.driver.exListRRsets(zone);
    const www = sets.find((s) => s.name === 'www.shop.example.' && s.type === 'A');
    expect(www).toMatchObject({ ttl: 300, records: [{ content: '192.0.2.10' }, { content: '192.0.2.11' }] });
    expect(sets.find((s) => s.type === 'TXT')?.records[0]?.content).toBe('"a \\"quoted\\" word" "and more"');
    expect(records.find((r) => r.type === 'TXT')?.data).toBe('a "quoted" wordand more');
    // the SOA serial is rewritten by SOA-EDIT-API (DEFAULT): today's YYYYMMDD01
    expect(records.find((r) => r.type === 'SOA')?.data).toMatch(
      /^ns1\.shop\.example\. hostmaster\.shop\.example\. \d{8}01 7200 3600 1209600 3600$/,
    );
  });

  it('refuses malformed text with line and column before any request', async () => {
    ctx.sim.server.clearRequests();
    await expect(ctx.driver.importZoneFromBindFormat('$ORIGIN x.example.\nwww IN A 192.0.2.1 (\n')).rejects.toThrow(
      /line 2, column 20: "\(" is never closed/,
    );
    expect(ctx.sim.server.requests).toHaveLength(0);
  });

  it('exports through cloudmux (relative names) and through PowerDNS (exExportZone)', async () => {
    const zone = await ctx.driver.createZone({ domain: 'exp.example', ttl: 600 });
    await ctx.driver.createRecord(zone, { name: 'www', type: RecordType.A, data: '192.0.2.1', ttl: 60 });
    const text = await ctx.driver.exportZoneToBindFormat(zone);
    expect(text).toContain('$ORIGIN exp.example.\n$TTL 600\n');
    expect(text).toMatch(/^www\t60\tIN\tA\t192\.0\.2\.1$/m);
    const native = await ctx.driver.exExportZone(zone);
    expect(native).toMatch(/^www\.exp\.example\.\t60\tIN\tA\t192\.0\.2\.1$/m);
    // cloudmux export → import into another zone name → the same records
    const again = await ctx.driver.importZoneFromBindFormat(text.replace(/exp\.example/g, 'exp2.example'));
    const data = (rs: { name: string; type: string; data: string }[]) =>
      rs
        .filter((r) => r.type !== 'SOA')
        .map((r) => `${r.name} ${r.type} ${r.data}`)
        .sort();
    expect(data(again.records)).toEqual(data(await ctx.driver.listRecords(zone)));
  });

  it('exImportZone hands the text to PowerDNS; text it cannot parse is a 500 that leaves the zone behind', async () => {
    const zone = await ctx.driver.exImportZone({ domain: 'native.example', zone: ZONE.replace(/shop/g, 'native') });
    expect((await ctx.driver.listRecords(zone)).filter((r) => r.name === 'www')).toHaveLength(2);
    const err = await ctx.driver.exImportZone({ domain: 'broken.example', zone: 'www IN A not-an-ip\n' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).status).toBe(500);
    expect((await ctx.driver.listZones()).map((z) => z.domain)).toContain('broken.example');
    await expect(ctx.driver.exImportZone({ domain: 'x.example', zone: '', ex: { bogus: 1 } as never })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
  });
});
