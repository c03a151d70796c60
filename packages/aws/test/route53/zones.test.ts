import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  AlreadyExistsError,
  InvalidCredentialsError,
  NotFoundError,
  ProviderError,
  RateLimitError,
  TimeoutError,
} from '@cloudmux/core/errors';
import { Route53DnsDriver } from '../../src/route53/driver.js';
import { CREDS, startRoute53, type R53Harness } from './helpers.js';

let h: R53Harness;
beforeEach(async () => {
  h = await startRoute53();
});
afterEach(() => h.close());

describe('Route 53 hosted zones against the simulator', () => {
  it('creates public and private zones, gets them with name servers or VPCs, and deletes them', async () => {
    const pub = await h.driver.createZone({ domain: 'example.com', ex: { comment: 'public one' } });
    expect(pub.id).toMatch(/^Z[A-Z0-9]+$/);
    expect([pub.domain, pub.type, pub.extra.privateZone, pub.extra.comment]).toEqual(['example.com', 'master', false, 'public one']);
    expect(pub.extra.nameServers).toHaveLength(4);
    const priv = await h.driver.createZone({ domain: 'internal.example', ex: { vpc: { vpcId: 'vpc-1a2b3c4d', vpcRegion: 'eu-west-1' } } });
    const got = await h.driver.getZone(priv.id);
    expect(got.extra.privateZone).toBe(true);
    expect(got.extra.vpcs).toEqual([{ vpcId: 'vpc-1a2b3c4d', vpcRegion: 'eu-west-1' }]);
    expect((await h.driver.getZone(`/hostedzone/${pub.id}`)).extra.nameServers).toEqual(pub.extra.nameServers);
    expect(await h.driver.deleteZone(priv)).toBe(true);
    await expect(h.driver.getZone(priv.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('lists every page of zones (marker / NextMarker)', async () => {
    for (let i = 0; i < 105; i++) h.sim.state.createZone({ name: `z${i}.example`, callerReference: `ref-${i}` });
    const zones = await h.driver.listZones();
    expect(zones).toHaveLength(105);
    expect(new Set(zones.map((z) => z.id)).size).toBe(105);
    expect(h.sim.server.requests.filter((r) => r.method === 'GET' && /hostedzone(\?|$)/.test(r.path))).toHaveLength(2);
  });

  it('is idempotent through the caller reference', async () => {
    await h.driver.createZone({ domain: 'a.example', ex: { callerReference: 'same-ref' } });
    const err = await h.driver.createZone({ domain: 'b.example', ex: { callerReference: 'same-ref' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AlreadyExistsError);
    expect((err as ProviderError).providerCode).toBe('HostedZoneAlreadyExists');
    expect((err as ProviderError).status).toBe(409);
  });

  it('refuses a second public zone of a domain unless ex.allowDuplicateDomain', async () => {
    await h.driver.createZone({ domain: 'dup.example' });
    await expect(h.driver.createZone({ domain: 'dup.example' })).rejects.toBeInstanceOf(AlreadyExistsError);
    const second = await h.driver.createZone({ domain: 'dup.example', ex: { allowDuplicateDomain: true } });
    expect(second.domain).toBe('dup.example');
  });

  it('updates the comment with UpdateHostedZoneComment', async () => {
    const z = await h.driver.createZone({ domain: 'c.example' });
    expect((await h.driver.exUpdateZoneComment(z, 'hello & <bye>')).extra.comment).toBe('hello & <bye>');
    expect((await h.driver.getZone(z.id)).extra.comment).toBe('hello & <bye>');
    await expect(h.driver.updateZone(z, { ttl: 60 })).rejects.toThrow(/does not support updateZone/);
  });

  it('maps NoSuchHostedZone and HostedZoneNotEmpty', async () => {
    const err = await h.driver.getZone('ZNOTHERE00000').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as ProviderError).providerCode).toBe('NoSuchHostedZone');
    expect((err as ProviderError).requestId).toMatch(/[0-9a-f-]{36}/);
    const z = await h.driver.createZone({ domain: 'full.example' });
    await h.driver.createRecord(z, { name: 'www', type: 'A', data: '192.0.2.1' });
    const full = await h.driver.deleteZone(z).catch((e: unknown) => e);
    expect((full as ProviderError).providerCode).toBe('HostedZoneNotEmpty');
    expect((full as ProviderError).status).toBe(400);
  });

  it('waits for INSYNC through GetChange when asked', async () => {
    const z = await h.driver.createZone({ domain: 'w.example' });
    const r = await h.driver.createRecord(z, { name: 'a', type: 'A', data: '192.0.2.1', ex: { waitForSync: true, pollIntervalMs: 100 } });
    expect(r.extra.changeId).toMatch(/^C/);
    expect((await h.driver.exGetChange(r.extra.changeId as string)).status).toBe('INSYNC');
    expect(h.sim.server.requests.some((q) => q.path.startsWith('/2013-04-01/change/'))).toBe(true);
    const info = await h.driver.exChangeRecords(z, [
      { action: 'CREATE', recordSet: { name: 'b', type: 'A', ttl: 5, values: ['192.0.2.2'] } },
    ]);
    expect(info.status).toBe('PENDING');
    expect((await h.driver.exWaitForChange(info.id, { pollIntervalMs: 100 })).status).toBe('INSYNC');
  });

  it('imports a BIND zone through the portable calls and exports it again', async () => {
    const text = [
      '$ORIGIN imported.example.',
      '$TTL 600',
      '@ IN SOA ns1.imported.example. hostmaster.imported.example. ( 2024010101 7200 900 1209600 300 )',
      'www IN A 192.0.2.1',
      'www IN A 192.0.2.2',
      'txt 60 IN TXT "hello" "world"',
      '@ IN MX 10 mail.imported.example.',
    ].join('\n');
    const { zone, records } = await h.driver.importZoneFromBindFormat(text);
    expect(records.map((r) => r.type)).toEqual(['SOA', 'A', 'A', 'TXT', 'MX']);
    const sets = await h.driver.exListRecordSets(zone);
    expect(sets.find((s) => s.name === 'www.imported.example.')?.values).toEqual(['192.0.2.1', '192.0.2.2']);
    expect(sets.find((s) => s.type === 'SOA')?.values?.[0]).toBe(
      'ns1.imported.example. hostmaster.imported.example. 2024010101 7200 900 1209600 300',
    );
    const bind = await h.driver.exportZoneToBindFormat(zone);
    expect(bind).toMatch(/^txt\s+60\s+IN\s+TXT\s+"helloworld"$/m);
    expect(bind).toMatch(/^www\s+600\s+IN\s+A\s+192\.0\.2\.2$/m);
    expect(sets.find((s) => s.type === 'TXT')?.values).toEqual(['"hello" "world"']);
    expect(sets.find((s) => s.type === 'NS')?.values).toHaveLength(4);
    // One atomic batch for the whole file.
    expect(h.sim.server.requests.filter((r) => r.method === 'POST' && r.path.includes('/rrset'))).toHaveLength(1);
  });

  it('imports a zone larger than one batch in several, and export → import → export is stable', async () => {
    const lines = ['$ORIGIN big.example.', '$TTL 300'];
    for (let i = 0; i < 1500; i++) lines.push(`h${i} IN A 10.0.${i >> 8}.${i & 255}`);
    const { zone, records } = await h.driver.importZoneFromBindFormat(lines.join('\n'));
    expect(records).toHaveLength(1500);
    expect(h.sim.server.requests.filter((r) => r.method === 'POST' && r.path.includes('/rrset'))).toHaveLength(2);
    const first = await h.driver.exportZoneToBindFormat(zone);
    const again = await h.driver.importZoneFromBindFormat(first.replace(/big\.example/g, 'big2.example'));
    const second = await h.driver.exportZoneToBindFormat(again.zone);
    const body = (t: string): string =>
      t
        .split('\n')
        .filter((l) => !/\sNS\s/.test(l) && !l.startsWith(';'))
        .join('\n')
        .replace(/big2?\.example/g, 'Z');
    expect(body(second)).toBe(body(first));
  });

  it('deletes what it wrote and the zone when an import fails', async () => {
    const text = ['$ORIGIN bad.example.', '$TTL 300', 'a IN A 192.0.2.1', 'b IN CNAME x.example.', 'b IN A 192.0.2.2'].join('\n');
    await expect(h.driver.importZoneFromBindFormat(text)).rejects.toThrow(/CNAME/);
    expect((await h.driver.listZones()).map((z) => z.domain)).not.toContain('bad.example');
  });

  it('stops waiting when the signal aborts', async () => {
    const slow = await startRoute53({ syncDelayMs: 60_000 });
    try {
      const z = await slow.driver.createZone({ domain: 'abort.example' });
      const ac = new AbortController();
      const p = slow.driver.createRecord(z, {
        name: 'a',
        type: 'A',
        data: '192.0.2.1',
        signal: ac.signal,
        ex: { waitForSync: true, pollIntervalMs: 100 },
      });
      setTimeout(() => ac.abort(), 150);
      await expect(p).rejects.toThrow(/abort/i);
    } finally {
      await slow.close();
    }
  });

  it('gives up waiting with a TimeoutError', async () => {
    const slow = await startRoute53({ syncDelayMs: 60_000 });
    try {
      const z = await slow.driver.createZone({ domain: 't.example' });
      const p = slow.driver.exChangeRecords(z, [{ action: 'CREATE', recordSet: { name: 'a', type: 'A', ttl: 5, values: ['192.0.2.1'] } }], {
        waitForSync: true,
        pollIntervalMs: 100,
        timeoutMs: 250,
      });
      await expect(p).rejects.toBeInstanceOf(TimeoutError);
    } finally {
      await slow.close();
    }
  });

  it('retries Throttling and PriorRequestNotComplete, and surfaces them as RateLimitError when retries run out', async () => {
    const z = await h.driver.createZone({ domain: 'r.example' });
    h.sim.injectOperationFault({ operation: 'ChangeResourceRecordSets', code: 'Throttling', message: 'Rate exceeded' });
    h.sim.injectOperationFault({ operation: 'ChangeResourceRecordSets', code: 'PriorRequestNotComplete' });
    const r = await h.driver.createRecord(z, { name: 'a', type: 'A', data: '192.0.2.1' });
    expect(r.data).toBe('192.0.2.1');
    const noRetry = new Route53DnsDriver(CREDS.accessKeyId, CREDS.secretAccessKey, { endpoint: h.sim.url, retry: false });
    try {
      h.sim.injectOperationFault({ operation: 'ListHostedZones', code: 'Throttling', message: 'Rate exceeded' });
      const err = await noRetry.listZones().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RateLimitError);
      expect((err as ProviderError).providerMessage).toBe('Rate exceeded');
    } finally {
      noRetry.close();
    }
  });

  it('signs with SigV4 for route53/us-east-1: a wrong secret is refused', async () => {
    const bad = new Route53DnsDriver(CREDS.accessKeyId, 'wrong-secret', { endpoint: h.sim.url, retry: false });
    const other = new Route53DnsDriver('AKIAUNKNOWN000000001', 'x', { endpoint: h.sim.url, retry: false });
    try {
      const err = await bad.listZones().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidCredentialsError);
      expect((err as ProviderError).providerCode).toBe('SignatureDoesNotMatch');
      await expect(other.listZones()).rejects.toBeInstanceOf(InvalidCredentialsError);
    } finally {
      bad.close();
      other.close();
    }
  });

  it('keeps the secret out of util.inspect and errors', async () => {
    const { inspect } = await import('node:util');
    expect(inspect(h.driver, { depth: 5 })).not.toContain(CREDS.secretAccessKey);
    const err = await h.driver.getZone('ZNOTHERE00000').catch((e: unknown) => e);
    expect(inspect(err, { depth: 5 })).not.toContain(CREDS.secretAccessKey);
  });
});
