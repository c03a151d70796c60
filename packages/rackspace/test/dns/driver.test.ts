import { inspect } from 'node:util';
import {
  AbortError,
  AlreadyExistsError,
  BadRequestError,
  InvalidArgumentError,
  NotFoundError,
  ProviderError,
  TimeoutError,
} from '@cloudmux/core/errors';
import { RackspaceDnsDriver } from '../../src/index.js';
import { startDnsSim, type DnsSim } from './support.js';

let ctx: DnsSim;
beforeEach(async () => {
  ctx = await startDnsSim({ speed: 50 });
});
afterEach(async () => {
  await ctx.close();
});

const writes = (path: RegExp): number => ctx.sim.server.requests.filter((r) => r.method !== 'GET' && path.test(r.path)).length;

describe('RackspaceDnsDriver: zones', () => {
  it('creates a domain through its job with the default email, reads, updates and deletes it', async () => {
    const { driver } = ctx;
    const zone = await driver.createZone({ domain: 'Example.COM', ttl: 600 });
    expect(zone).toMatchObject({ domain: 'example.com', type: 'master', ttl: 600 });
    expect(zone.id).toMatch(/^\d+$/);
    expect(zone.extra).toMatchObject({
      emailAddress: 'hostmaster@example.com',
      nameservers: ['dns1.stabletransit.com', 'dns2.stabletransit.com'],
    });
    const jobPolls = ctx.sim.server.requests.filter((r) => r.path.startsWith(`/dns/v1.0/${ctx.sim.accountId()}/status/`));
    expect(jobPolls.length).toBeGreaterThan(0);
    expect(jobPolls.every((r) => r.path.includes('showDetails=true'))).toBe(true);

    const updated = await driver.updateZone(zone, { ttl: 900, ex: { emailAddress: 'admin@example.com', comment: 'prod' } });
    expect(updated).toMatchObject({ id: zone.id, ttl: 900, extra: { emailAddress: 'admin@example.com', comment: 'prod' } });
    expect((await driver.getZone(zone.id)).ttl).toBe(900);
    expect(await driver.deleteZone(zone.id)).toBe(true);
    await expect(driver.getZone(zone.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('checks arguments before any request', async () => {
    const { driver } = ctx;
    const before = ctx.sim.server.requests.length;
    await expect(driver.createZone({ domain: 'example.com', ttl: 60 })).rejects.toThrow(/from 300/);
    await expect(driver.createZone({ domain: 'not a domain' })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(driver.createZone({ domain: 'example.com', type: 'slave' })).rejects.toThrow(/primary zones only/);
    await expect(driver.createZone({ domain: 'example.com', ex: { colour: 'red' } as never })).rejects.toThrow(/colour/);
    await expect(driver.createZone({ domain: 'example.com', ex: { emailAddress: 'nobody' } })).rejects.toThrow(/emailAddress/);
    expect(ctx.sim.server.requests.length).toBe(before);
  });

  it('lists every domain across pages of 100', async () => {
    const { store, sim, driver } = ctx;
    const account = store.account(sim.accountId());
    for (let i = 0; i < 130; i++) {
      const id = store.nextDomainId();
      account.domains.set(id, {
        id,
        accountId: sim.accountId(),
        name: `d${String(i).padStart(3, '0')}.example.org`,
        emailAddress: 'a@example.org',
        ttl: 3600,
        comment: undefined,
        created: 0,
        updated: 0,
        records: [],
      });
    }
    const zones = await driver.listZones();
    expect(zones).toHaveLength(130);
    expect(new Set(zones.map((z) => z.id)).size).toBe(130);
    expect(sim.server.requests.filter((r) => r.path.includes('/domains?') && r.path.includes('offset=100'))).toHaveLength(1);
  });
});

describe('RackspaceDnsDriver: records', () => {
  it('maps names, MX/SRV priorities and TXT data both ways', async () => {
    const { driver } = ctx;
    const zone = await driver.createZone({ domain: 'rec.example.com' });
    const mx = await driver.createRecord(zone, { name: '', type: 'MX', data: 'mail.rec.example.com.', priority: 10, ttl: 300 });
    expect(mx).toMatchObject({ name: '', type: 'MX', data: 'mail.rec.example.com', priority: 10, ttl: 300 });
    expect(mx.id).toMatch(/^MX-\d+$/);
    expect(mx.extra.fqdn).toBe('rec.example.com');
    const srv = await driver.createRecord(zone, { name: '_sip._tcp', type: 'SRV', data: '20 5060 sip.rec.example.com', priority: 5 });
    expect(srv).toMatchObject({ name: '_sip._tcp', data: '20 5060 sip.rec.example.com', priority: 5, ttl: 3600 });
    const cname = await driver.createRecord(zone, { name: 'www', type: 'CNAME', data: '@' });
    expect(cname.data).toBe('rec.example.com');
    const listed = await driver.listRecords(zone.id);
    expect(listed.map((r) => `${r.type} ${r.name}`).sort()).toEqual(['CNAME www', 'MX ', 'NS ', 'NS ', 'SRV _sip._tcp'].sort());
    expect(listed[0]!.zone.domain).toBe('rec.example.com');
    await expect(driver.createRecord(zone, { name: 'x', type: 'MX', data: 'mail.example.com' })).rejects.toThrow(/priority/);
    await expect(driver.createRecord(zone, { name: 'x.other.com.', type: 'A', data: '192.0.2.1' })).rejects.toThrow(/outside the zone/);
  });

  it('lists a bad record type with the valid ones', async () => {
    const zone = await ctx.driver.createZone({ domain: 'types.example.com' });
    const err = await ctx.driver.createRecord(zone, { name: 'x', type: 'PTR', data: 'a.example.com' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect((err as Error).message).toContain('Valid types: A, AAAA, CNAME, MX, NS, SRV, TXT');
    expect(ctx.driver.listRecordTypes()).toEqual(['A', 'AAAA', 'CNAME', 'MX', 'NS', 'SRV', 'TXT']);
  });

  it('updates in place, and replaces a record whose type changes', async () => {
    const { driver } = ctx;
    const zone = await driver.createZone({ domain: 'upd.example.com' });
    const a = await driver.createRecord(zone, { name: 'www', type: 'A', data: '192.0.2.1', ex: { comment: 'first' } });
    const moved = await driver.updateRecord(a, { name: 'web', ttl: 600 });
    expect(moved).toMatchObject({ id: a.id, name: 'web', data: '192.0.2.1', ttl: 600, extra: { comment: 'first' } });
    const txt = await driver.updateRecord(moved, { type: 'TXT', data: 'now text' });
    expect(txt.id).toMatch(/^TXT-/);
    expect(txt).toMatchObject({ name: 'web', type: 'TXT', data: 'now text', ttl: 600 });
    await expect(driver.getRecord(zone, { id: a.id })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('pages through more than 100 records', async () => {
    const { driver, sim } = ctx;
    const zone = await driver.createZone({ domain: 'many.example.com' });
    const created = await driver.exCreateRecords(
      zone,
      Array.from({ length: 230 }, (_, i) => ({ name: `h${i}`, type: 'A' as const, data: `192.0.2.${i % 250}` })),
    );
    expect(created).toHaveLength(230);
    expect(writes(/\/records$/)).toBe(3);
    const all = await driver.listRecords(zone);
    expect(all).toHaveLength(232);
    expect(new Set(all.map((r) => r.id)).size).toBe(232);
    expect(sim.server.requests.filter((r) => r.path.includes('/records?') && r.path.includes('offset=200'))).toHaveLength(1);
  });
});

describe('RackspaceDnsDriver: job errors, abort and timeout', () => {
  it('maps job faults: 409 → AlreadyExistsError, 404 → NotFoundError, 400 → BadRequestError, naming the job', async () => {
    const { driver } = ctx;
    const zone = await driver.createZone({ domain: 'err.example.com' });
    const dup = await driver.createZone({ domain: 'err.example.com' }).catch((e: unknown) => e);
    expect(dup).toBeInstanceOf(AlreadyExistsError);
    expect((dup as AlreadyExistsError).message).toMatch(/job [0-9a-f-]{36} with 409: The object already exists\. Domain already exists/);
    expect((dup as AlreadyExistsError).status).toBe(409);

    const a = await driver.createRecord(zone, { name: 'www', type: 'A', data: '192.0.2.1' });
    const both = await Promise.allSettled([driver.deleteRecord(a), driver.deleteRecord(a)]);
    expect(both.map((s) => s.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((both.find((s) => s.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(NotFoundError);

    await driver.createRecord(zone, { name: 'mail', type: 'A', data: '192.0.2.2' });
    const clash = await driver.createRecord(zone, { name: 'mail', type: 'CNAME', data: 'x.example.net' }).catch((e: unknown) => e);
    expect(clash).toBeInstanceOf(BadRequestError);
    expect((clash as Error).message).toContain('CNAME record cannot share');
  });

  it('aborts while polling and times out naming the job id', async () => {
    const { driver, store } = ctx;
    store.jobDurationMs = 3_600_000;
    const ac = new AbortController();
    const pending = driver.createZone({ domain: 'abort.example.com', signal: ac.signal });
    setTimeout(() => ac.abort(), 150);
    await expect(pending).rejects.toBeInstanceOf(AbortError);

    const err = await driver.createZone({ domain: 'slow.example.com', timeoutMs: 300 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    const jobId = /job ([0-9a-f-]{36})/.exec((err as Error).message)?.[1];
    expect(store.account(ctx.sim.accountId()).jobs.get(jobId!)?.status).toMatch(/INITIALIZED|RUNNING/);
    await expect(driver.deleteZone('1', { timeoutMs: 0 })).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});

describe('RackspaceDnsDriver: transport faults while polling', () => {
  it('retries a 503 on a status poll and maps a 413 overLimit fault', async () => {
    const { sim } = ctx;
    const driver = new RackspaceDnsDriver('demo', 'demo-api-key', { identity: sim.identityUrl, retry: { baseDelayMs: 1, maxDelayMs: 5 } });
    sim.injectFault({
      method: 'GET',
      path: /\/status\//,
      kind: 'status',
      status: 503,
      body: { code: 503, message: 'Service Unavailable' },
    });
    const zone = await driver.createZone({ domain: 'flaky.example.com' });
    expect(zone.domain).toBe('flaky.example.com');
    expect(sim.server.requests.filter((r) => r.path.includes('/status/') && r.status === 503)).toHaveLength(1);
    sim.injectFault({
      method: 'GET',
      path: /\/dns\/v1\.0\/[^/]+\/domains/,
      kind: 'status',
      status: 413,
      body: { code: 413, message: 'Over Limit', details: 'Rate limit exceeded' },
    });
    const err = await driver.listZones().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).status).toBe(413);
    await driver.close();
  });
});

describe('RackspaceDnsDriver: BIND import and export', () => {
  const zoneText = [
    '$ORIGIN bind.example.com.',
    '$TTL 1800',
    '@ IN SOA ns1.bind.example.com. admin.bind.example.com. ( 1 3600 600 86400 300 )',
    '@ IN NS dns1.stabletransit.com.',
    '@ 3600 IN MX 10 mail',
    'www IN A 192.0.2.10',
    'alias IN CNAME www',
    '_sip._tcp IN SRV 5 20 5060 sip.bind.example.com.',
    'txt IN TXT "hello" " world"',
    '',
  ].join('\n');

  it('imports through one Rackspace import job and exports through the export job', async () => {
    const { driver, sim } = ctx;
    const { zone, records } = await driver.importZoneFromBindFormat(zoneText, { ex: { emailAddress: 'dns@bind.example.com' } });
    expect(zone).toMatchObject({ domain: 'bind.example.com', ttl: 1800, extra: { emailAddress: 'dns@bind.example.com' } });
    expect(records.map((r) => [r.type, r.name, r.data, r.priority ?? null, r.ttl])).toEqual([
      ['NS', '', 'dns1.stabletransit.com', null, 1800],
      ['MX', '', 'mail.bind.example.com', 10, 3600],
      ['A', 'www', '192.0.2.10', null, 1800],
      ['CNAME', 'alias', 'www.bind.example.com', null, 1800],
      ['SRV', '_sip._tcp', '20 5060 sip.bind.example.com', 5, 1800],
      ['TXT', 'txt', 'hello world', null, 1800],
    ]);
    expect(writes(/\/domains\/import$/)).toBe(1);
    expect(writes(/\/records/)).toBe(0);

    const text = await driver.exportZoneToBindFormat(zone);
    expect(text).toContain('$ORIGIN bind.example.com.');
    expect(text).toContain('$TTL 1800');
    expect(text).toMatch(/^@\s+1800\s+IN\s+SOA\s+dns1\.stabletransit\.com\. dns\.bind\.example\.com\. \( \d+ /m);
    expect(text).toMatch(/^www\s+1800\s+IN\s+A\s+192\.0\.2\.10$/m);
    expect(text).toMatch(/^_sip\._tcp\s+1800\s+IN\s+SRV\s+5 20 5060 sip\.bind\.example\.com\.$/m);
    expect(text).toMatch(/^txt\s+1800\s+IN\s+TXT\s+"hello world"$/m);
    expect(writes(/\/export$/)).toBe(0);
    expect(sim.server.requests.filter((r) => r.path.endsWith('/export'))).toHaveLength(1);

    const raw = await driver.exExportZone(zone.id);
    expect(raw).toContain('www.bind.example.com. 1800 IN A 192.0.2.10');

    // Round trip: the export imports again into a fresh domain with the same records.
    await driver.deleteZone(zone);
    const again = await driver.importZoneFromBindFormat(text);
    expect(again.zone.extra.emailAddress).toBe('dns@bind.example.com');
    const bare = await driver.importZoneFromBindFormat('$ORIGIN nosoa.example.com.\nwww 300 IN A 192.0.2.1\n');
    expect(bare.zone).toMatchObject({ domain: 'nosoa.example.com', ttl: 3600, extra: { emailAddress: 'hostmaster@nosoa.example.com' } });
    expect(bare.records.map((r) => [r.name, r.ttl])).toEqual([['www', 300]]);
    expect(again.records.map((r) => `${r.type} ${r.name} ${r.data}`).sort()).toEqual(
      // The export also carries Rackspace's second name server, which the first file did not name.
      [...records.map((r) => `${r.type} ${r.name} ${r.data}`), 'NS  dns2.stabletransit.com'].sort(),
    );
  });

  it('refuses text Cloud DNS cannot hold before any request, and imports raw text with exImportZone', async () => {
    const { driver } = ctx;
    const before = ctx.sim.server.requests.length;
    await expect(driver.importZoneFromBindFormat('$ORIGIN x.example.com.\n@ 3600 IN CAA 0 issue "ca.example"\n')).rejects.toThrow(
      /line 2: .*CAA.*Valid types: A, AAAA, CNAME, MX, NS, SRV, TXT/,
    );
    await expect(driver.importZoneFromBindFormat('$ORIGIN x.example.com.\nwww 60 IN A 192.0.2.1\n')).rejects.toThrow(/line 2/);
    await expect(driver.importZoneFromBindFormat('www IN A')).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(ctx.sim.server.requests.length).toBe(before);

    const zone = await driver.exImportZone(
      'raw.example.com. 3600 IN SOA dns1.stabletransit.com. a@raw.example.com. 1 3600 3600 3600 3600\nraw.example.com. 3600 IN A 192.0.2.7\n',
      { comment: 'imported' },
    );
    expect(zone).toMatchObject({ domain: 'raw.example.com', extra: { comment: 'imported', emailAddress: 'a@raw.example.com' } });
    expect((await driver.listRecords(zone)).some((r) => r.type === 'A' && r.data === '192.0.2.7')).toBe(true);
    await expect(driver.exImportZone('raw.example.com. 3600 IN A 192.0.2.7\n')).rejects.toBeInstanceOf(AlreadyExistsError);
  });
});

describe('RackspaceDnsDriver: construction, fromEnv and secrets', () => {
  it('builds from the environment; the region is optional but checked', async () => {
    const env = { RACKSPACE_USERNAME: 'demo', RACKSPACE_API_KEY: 'demo-api-key', RACKSPACE_IDENTITY: ctx.sim.identityUrl };
    const d = RackspaceDnsDriver.fromEnv(env, { retry: false });
    expect(await d.listZones()).toEqual([]);
    await d.close();
    const inOrd = RackspaceDnsDriver.fromEnv({ ...env, RACKSPACE_REGION: 'ord' }, { retry: false });
    expect(await inOrd.listZones()).toEqual([]);
    await inOrd.close();
    expect(() => RackspaceDnsDriver.fromEnv({ ...env, RACKSPACE_REGION: 'MARS' })).toThrow(/DFW/);
    expect(() => RackspaceDnsDriver.fromEnv({})).toThrow(/RACKSPACE_USERNAME/);
    expect(() => new RackspaceDnsDriver('demo', 'k', { pollIntervalMs: -1 })).toThrow(InvalidArgumentError);
    expect(() => new RackspaceDnsDriver('demo', 'k', { colour: 1 } as never)).toThrow(/colour/);
    expect(RackspaceDnsDriver.provider).toMatchObject({ id: 'rackspace', name: 'Rackspace Cloud DNS' });
  });

  it('keeps the API key and tokens out of inspect output and errors', async () => {
    const driver = new RackspaceDnsDriver('demo', 'super-secret-key-123', { identity: ctx.sim.identityUrl, retry: false });
    const err = await driver.listZones().catch((e: unknown) => e);
    expect(String(err)).not.toContain('super-secret-key-123');
    expect(inspect(driver, { depth: 10, showHidden: true })).not.toContain('super-secret-key-123');
    await ctx.driver.listZones();
    const token = ctx.sim.server.requests.find((r) => r.path.startsWith('/dns/'))?.headers['x-auth-token'];
    expect(typeof token).toBe('string');
    expect(inspect(ctx.driver, { depth: 10, showHidden: true })).not.toContain(String(token));
    const nf = await ctx.driver.getZone('424242').catch((e: unknown) => e);
    expect(nf).toBeInstanceOf(NotFoundError);
    expect(JSON.stringify(nf) + String(nf)).not.toContain(String(token));
    await driver.close();
  });
});
