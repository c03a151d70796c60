import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { RecordType } from '@cloudmux/core/dns';
import { AlreadyExistsError, BadRequestError, InvalidArgumentError } from '@cloudmux/core/errors';
import { DummyDnsDriver } from '../src/index.js';
import { describeWithTools } from '../../../scripts/test/with-tools.mjs';

// A zone built through the Dummy DNS driver, exported with exportZoneToBindZoneFile and loaded
// by BIND's named-checkzone (Debian bind9-utils; npm test installs it or skips this suite).

const LONG_TXT = 'v=DKIM1; k=rsa; p=' + 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA'.repeat(14);

describeWithTools(['named-checkzone'], 'Dummy DNS export to BIND', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cmx-dns-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes a zone file that named-checkzone accepts', async () => {
    const d = new DummyDnsDriver('k');
    const zone = await d.createZone({ domain: 'example.org', ttl: 1800 });
    const add = (name: string, type: RecordType, data: string, extra: { ttl?: number; priority?: number } = {}): Promise<unknown> =>
      d.createRecord(zone, { name, type, data, ...extra });
    await add('', RecordType.NS, 'ns1.example.org');
    await add('', RecordType.NS, 'ns2.example.net');
    await add('ns1', RecordType.A, '192.0.2.53');
    await add('www', RecordType.A, '192.0.2.10', { ttl: 300 });
    await add('www', RecordType.AAAA, '2001:db8::10');
    await add('blog', RecordType.CNAME, 'www.example.org');
    await add('', RecordType.MX, 'mail.example.org', { priority: 10 });
    await add('mail', RecordType.A, '192.0.2.25');
    await add('', RecordType.TXT, 'he said "hi" \\ bye');
    await add('selector._domainkey', RecordType.TXT, LONG_TXT);
    await add('_xmpp._tcp', RecordType.SRV, '5 5222 xmpp.example.org', { priority: 0 });
    await add('xmpp', RecordType.A, '192.0.2.70');
    await add('', RecordType.CAA, '0 issue "letsencrypt.org"');
    const file = path.join(dir, 'example.org.zone');
    await d.exportZoneToBindZoneFile(zone, { path: file });
    const text = await readFile(file, 'utf8');
    expect(text).toContain('$ORIGIN example.org.');
    expect(text).toContain('$TTL 1800');
    expect(text).toMatch(/^@\t\tIN\tSOA\tns1\.example\.org\. hostmaster\.example\.org\. /m);
    expect(text).toContain('@\t\tIN\tTXT\t"he said \\"hi\\" \\\\ bye"');
    const r = spawnSync('named-checkzone', ['-k', 'fail', '-n', 'fail', 'example.org', file], { encoding: 'utf8' });
    if (r.error) throw new Error(`named-checkzone could not run (${r.error.message}); install Debian's bind9-utils`);
    if (r.status !== 0) throw new Error(`named-checkzone exited ${r.status}: ${r.stdout}${r.stderr}\n${text}`);
    expect(r.stdout).toMatch(/OK/);
  });

  it('exports by zone id and uses a stored SOA instead of synthesizing one', async () => {
    const d = new DummyDnsDriver('k');
    const zone = await d.createZone({ domain: 'example.net' });
    await d.createRecord(zone, { name: '', type: RecordType.SOA, data: 'ns.example.net hostmaster.example.net 42 7200 900 1209600 300' });
    await d.createRecord(zone, { name: '', type: RecordType.NS, data: 'ns.example.net' });
    const text = await d.exportZoneToBindFormat(zone.id);
    expect(text.match(/\bSOA\b/g)).toHaveLength(1);
    expect(text).toContain('ns.example.net. hostmaster.example.net. ( 42 7200 900 1209600 300 )');
    expect(text).toContain('$TTL 3600');
  });
});

describe('Dummy DNS validation', () => {
  it('refuses bad records with InvalidArgumentError naming the value', async () => {
    const d = new DummyDnsDriver('k');
    const zone = await d.createZone({ domain: 'example.com' });
    const bad: [RecordType, string, number | undefined, string][] = [
      [RecordType.A, '2001:db8::1', undefined, '"2001:db8::1"'],
      [RecordType.AAAA, '192.0.2.1', undefined, '"192.0.2.1"'],
      [RecordType.MX, 'mail.example.com', undefined, 'priority'],
      [RecordType.SRV, 'sip.example.com', 1, '"sip.example.com"'],
      [RecordType.CNAME, 'not a host', undefined, '"not a host"'],
    ];
    for (const [type, data, priority, shown] of bad) {
      const err = await d.createRecord(zone, { name: 'x', type, data, priority }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidArgumentError);
      expect((err as Error).message).toContain(shown);
    }
    await expect(d.createRecord(zone, { name: '../x', type: RecordType.A, data: '192.0.2.1' })).rejects.toThrow(/"\.\.\/x"/);
    await expect(d.createZone({ domain: 'localhost' })).rejects.toThrow(/"localhost"/);
    expect(await d.listRecords(zone)).toEqual([]);
  });

  it('keeps CNAMEs exclusive and refuses duplicates', async () => {
    const d = new DummyDnsDriver('k');
    const zone = await d.createZone({ domain: 'example.com' });
    await d.createRecord(zone, { name: 'www', type: RecordType.A, data: '192.0.2.1' });
    await expect(d.createRecord(zone, { name: 'www', type: RecordType.CNAME, data: 'other.example.com' })).rejects.toBeInstanceOf(
      BadRequestError,
    );
    await expect(d.createRecord(zone, { name: 'www', type: RecordType.A, data: '192.0.2.1' })).rejects.toBeInstanceOf(AlreadyExistsError);
    await expect(d.createRecord(zone, { name: '', type: RecordType.CNAME, data: 'x.example.com' })).rejects.toThrow(/apex/);
  });
});
