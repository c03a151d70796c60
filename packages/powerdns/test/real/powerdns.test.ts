import { randomBytes } from 'node:crypto';
import { promises as dns } from 'node:dns';
import { RecordType, type Zone } from '@cloudmux/core/dns';
import { AlreadyExistsError, BadRequestError, InvalidCredentialsError, NotFoundError } from '@cloudmux/core/errors';
import { PowerDnsDriver, type PdnsRRset } from '../../src/index.js';
import { describeWithService } from '../../../../scripts/test/with-service.mjs';

// The driver against the real PowerDNS Authoritative 4.7 started by scripts/test/services/powerdns
// (API on PDNS_API_URL, DNS on PDNS_DNS_HOST:PDNS_DNS_PORT). Zone names are unique per test.

const unique = (label: string): string => `cmx-${label}-${randomBytes(4).toString('hex')}.test`;

describeWithService('powerdns', 'PowerDNS driver against the real server', () => {
  let driver: PowerDnsDriver;
  const made: string[] = [];
  const resolver = new dns.Resolver({ timeout: 2000, tries: 2 });

  beforeAll(() => {
    driver = PowerDnsDriver.fromEnv();
    resolver.setServers([`${process.env.PDNS_DNS_HOST ?? '127.0.0.1'}:${process.env.PDNS_DNS_PORT ?? '5300'}`]);
  });
  afterAll(async () => {
    for (const id of made) await driver.deleteZone(id).catch(() => undefined);
    driver.close();
  });
  const zoneFor = async (label: string, ttl?: number): Promise<Zone> => {
    const zone = await driver.createZone({ domain: unique(label), ttl, ex: { nameservers: [`ns1.${unique('ns')}`] } });
    made.push(zone.id);
    return zone;
  };

  it('creates, reads, updates and deletes records; DNS serves each state at once', async () => {
    const zone = await zoneFor('crud', 1800);
    expect(zone.ttl).toBe(1800);
    const a = await driver.createRecord(zone, { name: 'www', type: RecordType.A, data: '192.0.2.10', ttl: 300 });
    const b = await driver.createRecord(zone, { name: 'www', type: RecordType.A, data: '192.0.2.11' });
    const txt = await driver.createRecord(zone, { name: 'txt', type: RecordType.TXT, data: 'hello "dns" é' });
    const mx = await driver.createRecord(zone, { name: '', type: RecordType.MX, data: `mail.${zone.domain}`, priority: 10 });
    expect((await resolver.resolve4(`www.${zone.domain}`)).sort()).toEqual(['192.0.2.10', '192.0.2.11']);
    // c-ares hands TXT bytes over as latin1 characters
    const served = (await resolver.resolveTxt(`txt.${zone.domain}`)).map((strings) =>
      strings.map((s) => Buffer.from(s, 'latin1').toString('utf8')),
    );
    expect(served).toEqual([['hello "dns" é']]);
    expect(await resolver.resolveMx(zone.domain)).toEqual([{ exchange: `mail.${zone.domain}`, priority: 10 }]);
    expect(txt.data).toBe('hello "dns" é');
    expect([mx.data, mx.priority]).toEqual([`mail.${zone.domain}.`, 10]);

    const moved = await driver.updateRecord(a, { data: '192.0.2.12' });
    expect((await driver.getRecord(zone, { id: moved.id })).data).toBe('192.0.2.12');
    await expect(driver.getRecord(zone, { id: a.id })).rejects.toBeInstanceOf(NotFoundError);
    expect((await resolver.resolve4(`www.${zone.domain}`)).sort()).toEqual(['192.0.2.11', '192.0.2.12']);

    await driver.deleteRecord(b);
    await driver.deleteRecord(moved);
    await expect(resolver.resolve4(`www.${zone.domain}`)).rejects.toMatchObject({ code: expect.stringMatching(/ENODATA|ENOTFOUND/) });
  });

  it('bumps the SOA serial on API changes (SOA-EDIT-API DEFAULT)', async () => {
    const zone = await zoneFor('serial');
    const before = (await driver.getZone(zone.id)).extra.serial;
    expect(String(before)).toMatch(/^\d{8}\d\d$/);
    await driver.createRecord(zone, { name: 'a', type: RecordType.A, data: '192.0.2.1' });
    const after = await driver.getZone(zone.id);
    expect(after.extra.serial).toBe(before + 1);
    const soa = await resolver.resolveSoa(zone.domain);
    expect(soa.serial).toBe(after.extra.serial);
  });

  it('keeps serials as written with SOA-EDIT-API OFF', async () => {
    const domain = unique('soa-off');
    made.push(`${domain}.`);
    const text = `$ORIGIN ${domain}.\n$TTL 60\n@ IN SOA ns1 hostmaster 2024010101 7200 3600 1209600 3600\n@ IN NS ns1\nns1 IN A 192.0.2.53\n`;
    const { zone } = await driver.importZoneFromBindFormat(text, { ex: { soaEditApi: 'OFF' } });
    await driver.createRecord(zone, { name: 'www', type: RecordType.A, data: '192.0.2.1' });
    expect((await driver.getZone(zone.id)).extra.serial).toBe(2024010101);
    expect((await resolver.resolveSoa(domain)).serial).toBe(2024010101);
  });

  it('maps 409, 422, 404 and 401', async () => {
    const zone = await zoneFor('errors');
    const conflict = await driver.createZone({ domain: zone.domain }).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(AlreadyExistsError);
    expect((conflict as AlreadyExistsError).providerMessage).toBe('Conflict');
    const out = await driver
      .exPatchRRsets(zone, [
        { name: 'www.elsewhere.test.', type: 'A', ttl: 60, changetype: 'REPLACE', records: [{ content: '192.0.2.1', disabled: false }] },
      ])
      .catch((e: unknown) => e);
    expect(out).toBeInstanceOf(BadRequestError);
    expect((out as BadRequestError).providerMessage).toBe('RRset www.elsewhere.test. IN A: Name is out of zone');
    const cname = await driver.createRecord(zone, { name: '', type: RecordType.CNAME, data: 'x.example.' }).catch((e: unknown) => e);
    expect((cname as BadRequestError).providerMessage).toMatch(/Conflicts with pre-existing RRset/);
    const nf = await driver.getZone(unique('absent')).catch((e: unknown) => e);
    expect([nf instanceof NotFoundError, (nf as NotFoundError).providerMessage]).toEqual([true, 'Not Found']);
    const wrong = new PowerDnsDriver('definitely-wrong-key', undefined, { url: driver.url, retry: false });
    await expect(wrong.listZones()).rejects.toBeInstanceOf(InvalidCredentialsError);
    wrong.close();
  });

  it("imports BIND text the same way PowerDNS's own import does", async () => {
    const text = (origin: string) => `$ORIGIN ${origin}.
$TTL 1800
@        IN SOA ns1 hostmaster ( 2024010101 ; serial
                                 7200 3600 1209600 3600 )
         IN NS  ns1
         IN NS  ns2.example.net.
         IN MX  10 mail
ns1      IN A   192.0.2.53
mail 300 IN A   192.0.2.25
www      IN A   192.0.2.10
www      IN A   192.0.2.11
         IN AAAA 2001:db8::10
ftp      IN CNAME www
txt      IN TXT "quote \\" backslash \\\\ semicolon ;" "second" ; comment
_sip._tcp 60 IN SRV 10 5 5060 sip.example.net.
`;
    const theirs = unique('pdns-import');
    const ours = unique('cmx-import');
    made.push(`${theirs}.`, `${ours}.`);
    await driver.exImportZone({ domain: theirs, zone: text(theirs) });
    const { records } = await driver.importZoneFromBindFormat(text(ours));
    expect(records.length).toBeGreaterThan(10);
    const shape = (sets: PdnsRRset[], origin: string) =>
      sets
        .map((s) => {
          const contents = s.records.map((r) => r.content.replaceAll(`${origin}.`, 'ORIGIN.')).sort();
          // both serials are rewritten by SOA-EDIT-API: compare the SOA without it
          const fixed = s.type === 'SOA' ? contents.map((c) => c.replace(/^(\S+ \S+) \d+/, '$1 SERIAL')) : contents;
          return `${s.name.replace(`${origin}.`, 'ORIGIN.')} ${s.type} ${s.ttl} ${fixed.join(' | ')}`;
        })
        .sort();
    expect(shape(await driver.exListRRsets(`${ours}.`), ours)).toEqual(shape(await driver.exListRRsets(`${theirs}.`), theirs));
    expect(await resolver.resolveTxt(`txt.${ours}`)).toEqual([['quote " backslash \\ semicolon ;', 'second']]);
  });

  it('exports a zone that imports back to the same records', async () => {
    const zone = await zoneFor('roundtrip', 900);
    await driver.createRecord(zone, { name: 'www', type: RecordType.A, data: '192.0.2.10', ttl: 60 });
    await driver.createRecord(zone, { name: 'txt', type: RecordType.TXT, data: 'x'.repeat(400) });
    const copy = unique('copy');
    made.push(`${copy}.`);
    const text = (await driver.exportZoneToBindFormat(zone)).replaceAll(zone.domain, copy);
    const imported = await driver.importZoneFromBindFormat(text);
    const rows = (rs: { name: string; type: string; data: string; ttl?: number | undefined }[]) =>
      rs
        .filter((r) => r.type !== 'SOA')
        .map((r) => `${r.name} ${r.type} ${r.ttl} ${r.data.replaceAll(copy, zone.domain)}`)
        .sort();
    expect(rows(imported.records)).toEqual(rows(await driver.listRecords(zone)));
    expect(await driver.exExportZone(imported.zone)).toMatch(
      new RegExp(`^www\\.${copy.replace(/\./g, '\\.')}\\.\\t60\\tIN\\tA\\t192\\.0\\.2\\.10$`, 'm'),
    );
  });
});
