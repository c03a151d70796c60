import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DnsDriver, RecordType } from '@cloudmux/core/dns';
import { InvalidArgumentError, NotFoundError, NotSupportedError } from '@cloudmux/core/errors';
import { DummyDnsDriver } from '@cloudmux/dummy';
import { describeWithTools } from '../../../../scripts/test/with-tools.mjs';

// importZoneFromBindFormat on the Dummy DNS driver: export → import → export is stable, and the
// texts it reads are ones BIND's own parser (named-checkzone) accepts.

const IMPORTED = `$ORIGIN shop.example.
$TTL 1800
@ IN SOA ns1 hostmaster ( 2024010101 7200 3600 1209600 3600 )
  IN NS ns1
  IN NS ns2.example.net.
  IN MX 10 mail
ns1   IN A 192.0.2.53
mail  300 IN A 192.0.2.25
www   IN CNAME ns1
txt   IN TXT "quote \\" and backslash \\\\" "second string"
_sip._tcp IN SRV 10 5 5060 sip.example.net.
`;

async function sampleZone(d: DummyDnsDriver) {
  const zone = await d.createZone({ domain: 'roundtrip.example', ttl: 900 });
  const add = (name: string, type: RecordType, data: string, extra: { ttl?: number; priority?: number } = {}) =>
    d.createRecord(zone, { name, type, data, ...extra });
  await add('', RecordType.NS, 'ns1.roundtrip.example');
  await add('ns1', RecordType.A, '192.0.2.53');
  await add('www', RecordType.A, '192.0.2.10', { ttl: 300 });
  await add('www', RecordType.AAAA, '2001:db8::10');
  await add('', RecordType.MX, 'mail.roundtrip.example', { priority: 10 });
  await add('txt', RecordType.TXT, 'v=DKIM1; p=' + 'A'.repeat(300) + ' "quoted" \\ é');
  await add('_xmpp._tcp', RecordType.SRV, '5 5222 xmpp.roundtrip.example', { priority: 20 });
  await add('caa', RecordType.CAA, '0 issue "letsencrypt.org"');
  await add('alias', RecordType.CNAME, 'www.roundtrip.example.');
  return zone;
}

describe('importZoneFromBindFormat on Dummy', () => {
  it('export → import → export gives the same text', async () => {
    const a = new DummyDnsDriver('k');
    const first = await a.exportZoneToBindFormat(await sampleZone(a));
    const b = new DummyDnsDriver('k');
    const { zone, records } = await b.importZoneFromBindFormat(first);
    expect(zone.domain).toBe('roundtrip.example');
    expect(zone.ttl).toBe(900);
    expect(records).toHaveLength(10); // nine records plus the synthesized SOA
    const second = await b.exportZoneToBindFormat(zone);
    expect(second).toBe(first);
    const c = new DummyDnsDriver('k');
    expect(await c.exportZoneToBindFormat((await c.importZoneFromBindFormat(second)).zone)).toBe(first);
  });

  it('creates the records of a hand-written zone in the portable shape', async () => {
    const d = new DummyDnsDriver('k');
    const { zone, records } = await d.importZoneFromBindFormat(IMPORTED);
    expect([zone.domain, zone.ttl]).toEqual(['shop.example', 1800]);
    const listed = await d.listRecords(zone);
    expect(listed.map((r) => r.id)).toEqual(records.map((r) => r.id));
    const row = (name: string, type: string) => listed.find((r) => r.name === name && r.type === type);
    expect(row('', 'MX')).toMatchObject({ priority: 10, data: 'mail.shop.example.' });
    expect(row('mail', 'A')?.ttl).toBe(300);
    expect(row('txt', 'TXT')?.data).toBe('quote " and backslash \\second string');
    expect(row('_sip._tcp', 'SRV')).toMatchObject({ priority: 10, data: '5 5060 sip.example.net.' });
  });

  it('creates nothing when the text is malformed, and removes the zone when a record is refused', async () => {
    const d = new DummyDnsDriver('k');
    await expect(d.importZoneFromBindFormat('$ORIGIN bad.example.\nwww IN A 192.0.2.1 )\n')).rejects.toThrow(/line 2, column 20/);
    expect(await d.listZones()).toHaveLength(0);
    // Valid BIND, refused by the provider: a CNAME next to other data.
    const text = '$ORIGIN clash.example.\n$TTL 60\nwww IN A 192.0.2.1\nwww IN CNAME other.example.\n';
    await expect(d.importZoneFromBindFormat(text)).rejects.toThrow(/CNAME/);
    expect(await d.listZones()).toHaveLength(0);
  });

  it('takes the domain from the options and refuses an invalid one', async () => {
    const d = new DummyDnsDriver('k');
    const { zone } = await d.importZoneFromBindFormat('@ 60 IN A 192.0.2.1\n', { domain: 'opt.example' });
    expect(zone.domain).toBe('opt.example');
    await expect(d.importZoneFromBindFormat('@ 60 IN A 192.0.2.1\n', { domain: ' ' })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(d.getZone('zone-999')).rejects.toBeInstanceOf(NotFoundError);
  });
});

/** A read-only DNS driver: it cannot create zones. */
class ReadOnlyDns extends DnsDriver {
  static override readonly provider = { id: 'read-only', name: 'Read-only DNS', api: 'test', regions: [] };
  static override readonly capabilities = ['listZones'] as const;
}

describe('importZoneFromBindFormat on a driver that cannot create zones', () => {
  it('throws NotSupportedError naming what is missing', async () => {
    const err = await new ReadOnlyDns().importZoneFromBindFormat('$ORIGIN a.example.\n@ 60 IN A 192.0.2.1\n').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotSupportedError);
    expect((err as Error).message).toMatch(/importZoneFromBindFormat.*createZone/);
  });
});

describeWithTools(['named-checkzone'], 'BIND import checked against named-checkzone', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cmx-bind-import-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const check = async (origin: string, text: string): Promise<number | null> => {
    const file = path.join(dir, 'zone');
    await writeFile(file, text);
    return spawnSync('named-checkzone', ['-q', '-k', 'fail', '-n', 'ignore', origin, file]).status;
  };

  it('accepts the texts the importer reads, and the re-export of each', async () => {
    expect(await check('shop.example', IMPORTED)).toBe(0);
    const d = new DummyDnsDriver('k');
    const { zone } = await d.importZoneFromBindFormat(IMPORTED);
    expect(await check('shop.example', await d.exportZoneToBindFormat(zone))).toBe(0);
  });

  it('refuses a malformed text the importer also refuses (both checks can fail)', async () => {
    const bad = '$ORIGIN shop.example.\n$TTL 60\n@ IN SOA ns1 hostmaster 1 2 3 4 5\n@ IN NS ns1\nns1 IN A 300.1.1.1\n';
    expect(await check('shop.example', bad)).not.toBe(0);
    await expect(new DummyDnsDriver('k').importZoneFromBindFormat(bad)).rejects.toThrow(/line 5, column 10/);
  });
});
