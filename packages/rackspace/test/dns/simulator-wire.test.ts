import { RackspaceSimulator } from '../../src/simulator/index.js';
import { dnsSimStore } from '../../src/simulator/dns/index.js';
import { demoToken, rawDns, waitJob, type WireJson } from './support.js';

let sim: RackspaceSimulator;
beforeEach(async () => {
  sim = await RackspaceSimulator.start({
    speed: 50,
    users: [
      { username: 'demo', apiKey: 'demo-api-key', password: 'secret' },
      { username: 'other', apiKey: 'other-api-key', password: 'secret2' },
    ],
  });
});
afterEach(async () => {
  await sim.stop();
});

async function createDomain(name: string, extra: Record<string, unknown> = {}): Promise<WireJson> {
  const r = await rawDns(sim, 'POST', '/domains', { domains: [{ name, emailAddress: `admin@${name}`, ...extra }] });
  expect(r.status).toBe(202);
  const job = await waitJob(sim, r.body.jobId);
  expect(job.status).toBe('COMPLETED');
  return job.response.domains[0];
}

describe('Cloud DNS simulator: asynchronous jobs', () => {
  it('answers a write with 202 and a job that is INITIALIZED/RUNNING, then COMPLETED with the response', async () => {
    const store = dnsSimStore(sim.world);
    store.jobDurationMs = 3_600_000;
    const r = await rawDns(sim, 'POST', '/domains', { domains: [{ name: 'slow.example.com', emailAddress: 'a@example.com' }] });
    expect(r.status).toBe(202);
    expect(r.body).toEqual({
      jobId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      callbackUrl: `${sim.url}/dns/v1.0/${sim.accountId()}/status/${r.body.jobId}`,
      status: expect.stringMatching(/^(INITIALIZED|RUNNING)$/),
      requestUrl: `${sim.url}/dns/v1.0/${sim.accountId()}/domains`,
      verb: 'POST',
    });
    const basic = await rawDns(sim, 'GET', `/status/${r.body.jobId}`);
    expect(basic.status).toBe(202);
    expect(Object.keys(basic.body).sort()).toEqual(['callbackUrl', 'jobId', 'status']);
    const detailed = await rawDns(sim, 'GET', `/status/${r.body.jobId}?showDetails=true`);
    expect(detailed.body).toMatchObject({ verb: 'POST', requestUrl: expect.stringContaining('/domains') });
    expect(JSON.parse(detailed.body.request)).toEqual({ domains: [{ name: 'slow.example.com', emailAddress: 'a@example.com' }] });
    expect(detailed.body.response).toBeUndefined();

    store.jobDurationMs = 200;
    const d = await createDomain('example.com', { ttl: 600, comment: 'hello' });
    expect(d).toMatchObject({
      name: 'example.com',
      ttl: 600,
      emailAddress: 'admin@example.com',
      comment: 'hello',
      nameservers: [{ name: 'dns1.stabletransit.com' }, { name: 'dns2.stabletransit.com' }],
    });
    const list = await rawDns(sim, 'GET', '/status?showRunning=false');
    expect(list.body.asyncResponses.map((j: WireJson) => j.status)).toEqual(['COMPLETED']);
    expect(list.body.totalEntries).toBe(1);
    expect((await rawDns(sim, 'GET', '/status')).body.totalEntries).toBe(2);
  });

  it('ends a duplicate create in ERROR with a 409 fault, and a missing job is a 404', async () => {
    await createDomain('dup.example.com');
    const again = await rawDns(sim, 'POST', '/domains', { domains: [{ name: 'dup.example.com', emailAddress: 'a@example.com' }] });
    const job = await waitJob(sim, again.body.jobId);
    expect(job.status).toBe('ERROR');
    expect(job.error).toEqual({ code: 409, message: 'The object already exists.', details: 'Domain already exists' });
    const basic = await rawDns(sim, 'GET', `/status/${again.body.jobId}`);
    expect(basic.body.error).toBeUndefined();
    const missing = await rawDns(sim, 'GET', '/status/00000000-0000-0000-0000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 404, message: 'Object not Found.' });
  });
});

describe('Cloud DNS simulator: validation, faults and auth', () => {
  it('refuses invalid domains and records with 400 validation errors before any job', async () => {
    const bad = await rawDns(sim, 'POST', '/domains', { domains: [{ name: 'example.com', emailAddress: 'nope', ttl: 60 }] });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe(400);
    expect(bad.body.message).toBe('Validation error');
    expect(bad.body.validationErrors.messages).toEqual([
      expect.stringContaining('not a valid email'),
      expect.stringContaining('at least 300'),
    ]);
    const d = await createDomain('rec.example.com');
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'rec.example.com', type: 'MX', data: 'mail.rec.example.com' }, 'priority'],
      [{ name: 'www.rec.example.com', type: 'A', data: '300.1.1.1' }, 'IPv4'],
      [{ name: 'www.rec.example.com', type: 'CAA', data: '0 issue "x"' }, 'Supported types: A, AAAA, CNAME, MX, NS, SRV, TXT'],
      [{ name: 'www.other.com', type: 'A', data: '192.0.2.1' }, 'not in the domain'],
      [{ name: 'rec.example.com', type: 'CNAME', data: 'x.example.net' }, 'apex'],
      [{ name: 'www.rec.example.com', type: 'TXT', data: 'x', priority: 1 }, 'only allowed for MX and SRV'],
    ];
    for (const [record, text] of cases) {
      const r = await rawDns(sim, 'POST', `/domains/${d.id}/records`, { records: [record] });
      expect(r.status).toBe(400);
      expect(r.body.validationErrors.messages.join(' ')).toContain(text);
    }
    expect(dnsSimStore(sim.world).account(sim.accountId()).jobs.size).toBe(1);
  });

  it('answers unknown ids and routes with the Rackspace 404 fault', async () => {
    const r = await rawDns(sim, 'GET', '/domains/999999');
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ code: 404, message: 'Object not Found.', details: expect.stringContaining('999999') });
    const route = await rawDns(sim, 'GET', '/nothing/here');
    expect(route.status).toBe(404);
    expect(route.body.message).toBe('Object not Found.');
  });

  it('needs a token of the account in the path', async () => {
    const none = await fetch(`${sim.url}/dns/v1.0/${sim.accountId()}/domains`);
    expect(none.status).toBe(401);
    const res = await fetch(`${sim.identityUrl}/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ auth: { 'RAX-KSKEY:apiKeyCredentials': { username: 'other', apiKey: 'other-api-key' } } }),
    });
    const other = ((await res.json()) as { access: { token: { id: string } } }).access.token.id;
    const r = await rawDns(sim, 'GET', '/domains', undefined, other);
    expect(r.status).toBe(401);
    expect((await rawDns(sim, 'GET', '/domains', undefined, await demoToken(sim))).status).toBe(200);
  });
});

describe('Cloud DNS simulator: paging and BIND', () => {
  it('pages records by limit/offset with totalEntries and previous/next links', async () => {
    const d = await createDomain('page.example.com');
    const records = Array.from({ length: 148 }, (_, i) => ({
      name: `h${i}.page.example.com`,
      type: 'A',
      data: `192.0.2.${i % 250}`,
      ttl: 300,
    }));
    const add = await rawDns(sim, 'POST', `/domains/${d.id}/records`, { records });
    expect((await waitJob(sim, add.body.jobId)).response.records).toHaveLength(148);
    const p1 = await rawDns(sim, 'GET', `/domains/${d.id}/records`);
    expect(p1.body.records).toHaveLength(100);
    expect(p1.body.totalEntries).toBe(150);
    expect(p1.body.links).toEqual([{ rel: 'next', href: expect.stringContaining('limit=100&offset=100') }]);
    const p2 = await rawDns(sim, 'GET', `/domains/${d.id}/records?limit=100&offset=100`);
    expect(p2.body.records).toHaveLength(50);
    expect(p2.body.links).toEqual([{ rel: 'previous', href: expect.stringContaining('offset=0') }]);
    expect((await rawDns(sim, 'GET', `/domains/${d.id}/records?limit=500`)).body.records).toHaveLength(100);
    const bad = await rawDns(sim, 'GET', `/domains/${d.id}/records?limit=25&offset=5`);
    expect(bad.status).toBe(400);
    expect(bad.body.details).toContain('multiple of the limit');
    const ids = new Set([...p1.body.records, ...p2.body.records].map((r: WireJson) => r.id));
    expect(ids.size).toBe(150);
    expect([...ids].every((id) => /^(A|NS)-\d+$/.test(id))).toBe(true);
  });

  it('imports BIND_9 contents and exports them again', async () => {
    const contents = [
      'imp.example.com. 3600 IN SOA dns1.stabletransit.com. admin@imp.example.com. 1 3600 3600 3600 3600',
      'imp.example.com. 86400 IN A 192.0.2.16',
      'imp.example.com. 3600 IN MX 5 mail.imp.example.com.',
      'www.imp.example.com. 5400 IN CNAME imp.example.com.',
      '_sip._tcp.imp.example.com. 3600 IN SRV 10 20 5060 sip.imp.example.com.',
      'txt.imp.example.com. 3600 IN TXT "hello world"',
    ].join('\n');
    const r = await rawDns(sim, 'POST', '/domains/import', { domains: [{ contentType: 'BIND_9', contents }] });
    expect(r.status).toBe(202);
    const job = await waitJob(sim, r.body.jobId);
    expect(job.status).toBe('COMPLETED');
    const d = job.response.domains[0];
    expect(d).toMatchObject({ name: 'imp.example.com', ttl: 3600, emailAddress: 'admin@imp.example.com' });
    expect(d.recordsList.records.map((x: WireJson) => [x.type, x.name, x.data, x.priority])).toEqual([
      ['NS', 'imp.example.com', 'dns1.stabletransit.com', undefined],
      ['NS', 'imp.example.com', 'dns2.stabletransit.com', undefined],
      ['A', 'imp.example.com', '192.0.2.16', undefined],
      ['MX', 'imp.example.com', 'mail.imp.example.com', 5],
      ['CNAME', 'www.imp.example.com', 'imp.example.com', undefined],
      ['SRV', '_sip._tcp.imp.example.com', '20 5060 sip.imp.example.com', 10],
      ['TXT', 'txt.imp.example.com', 'hello world', undefined],
    ]);
    const ex = await rawDns(sim, 'GET', `/domains/${d.id}/export`);
    expect(ex.status).toBe(202);
    const exJob = await waitJob(sim, ex.body.jobId);
    expect(exJob.response).toMatchObject({ id: d.id, contentType: 'BIND_9' });
    expect(exJob.response.contents).toMatch(/^imp\.example\.com\. 3600 IN SOA dns1\.stabletransit\.com\. admin@imp\.example\.com\. \d+ /);
    expect(exJob.response.contents).toContain('_sip._tcp.imp.example.com. 3600 IN SRV 10 20 5060 sip.imp.example.com.');
    expect(exJob.response.contents).toContain('txt.imp.example.com. 3600 IN TXT "hello world"');

    const broken = await rawDns(sim, 'POST', '/domains/import', {
      domains: [{ contentType: 'BIND_9', contents: 'x.example.com. 3600 IN BOGUS 1' }],
    });
    expect(broken.status).toBe(400);
    const again = await rawDns(sim, 'POST', '/domains/import', { domains: [{ contentType: 'BIND_9', contents }] });
    expect((await waitJob(sim, again.body.jobId)).error.code).toBe(409);
  });
});
