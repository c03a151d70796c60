import { PowerDnsSimulator, dateSerial, editedSerial } from '../../src/simulator/index.js';

// The simulator speaks PowerDNS's wire protocol: raw HTTP requests, real status codes and bodies.
let sim: PowerDnsSimulator;
beforeEach(async () => {
  sim = await PowerDnsSimulator.start({ apiKey: 'raw-key-0001', now: () => new Date('2026-12-04T00:00:00Z') });
});
afterEach(() => sim.close());

async function call(method: string, path: string, body?: unknown, key = 'raw-key-0001') {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: { 'x-api-key': key, 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text(), headers: res.headers };
}
const Z = '/servers/localhost/zones';

describe('PowerDNS simulator wire protocol', () => {
  it('answers 401 Unauthorized in plain text without the right X-API-Key', async () => {
    const r = await call('GET', Z, undefined, 'nope');
    expect([r.status, r.text, r.headers.get('www-authenticate')]).toEqual([401, 'Unauthorized', 'X-API-Key realm="PowerDNS"']);
  });

  it('creates a zone (201), refuses it again with a plain 409, 404s unknown zones, servers and routes', async () => {
    const c = await call('POST', Z, { name: 'w.example.', kind: 'Native', nameservers: ['ns1.w.example.'] });
    expect(c.status).toBe(201);
    const z = JSON.parse(c.text) as { id: string; serial: number; rrsets: { type: string }[] };
    expect([z.id, z.serial, z.rrsets.map((s) => s.type)]).toEqual(['w.example.', 2026120401, ['SOA', 'NS']]);
    expect(await call('POST', Z, { name: 'w.example.', kind: 'Native' })).toMatchObject({ status: 409, text: 'Conflict' });
    expect(await call('GET', `${Z}/none.example.`)).toMatchObject({ status: 404, text: 'Not Found' });
    expect(await call('GET', '/servers/other/zones')).toMatchObject({ status: 404, text: 'Not Found' });
    expect(await call('GET', '/nothing')).toMatchObject({ status: 404, text: 'Not Found' });
    expect(await call('DELETE', `${Z}/w.example./export`)).toMatchObject({ status: 405 });
    expect(await call('POST', Z, '{bad')).toMatchObject({ status: 400, text: 'Bad Request' });
  });

  it('answers 422 with PowerDNS messages', async () => {
    expect(JSON.parse((await call('POST', Z, { name: 'nodot.example', kind: 'Native' })).text)).toEqual({
      error: "DNS Name 'nodot.example' is not canonical",
    });
    expect(JSON.parse((await call('POST', Z, { name: 'k.example.' })).text).error).toBe("Key 'kind' not present or not a String");
    await call('POST', Z, { name: 'p.example.', kind: 'Native' });
    const patch = async (rrsets: unknown) => {
      const r = await call('PATCH', `${Z}/p.example.`, { rrsets });
      return [r.status, r.status === 422 ? (JSON.parse(r.text) as { error: string }).error : r.text];
    };
    const rr = (name: string, type: string, content: string[], extra: object = {}) => ({
      name,
      type,
      ttl: 60,
      changetype: 'REPLACE',
      records: content.map((c) => ({ content: c, disabled: false })),
      ...extra,
    });
    expect(await patch([])).toEqual([422, 'No rrsets given in update request']);
    expect(await patch([rr('t.p.example.', 'TXT', ['hello'])])).toEqual([
      422,
      `Record t.p.example./TXT 'hello': Parsing record content (try 'pdnsutil check-zone'): Data field in DNS should start with quote (") at position 0 of 'hello'`,
    ]);
    expect(await patch([rr('d.p.example.', 'A', ['192.0.2.1', '192.0.2.1'])])).toEqual([
      422,
      'Duplicate record in RRset d.p.example. IN A with content "192.0.2.1"',
    ]);
    expect(await patch([rr('c.p.example.', 'CNAME', ['a.example.', 'b.example.'])])).toEqual([
      422,
      'RRset c.p.example. IN CNAME has more than one record',
    ]);
    expect(await patch([rr('x.p.example.', 'BOGUS', ['1'])])).toEqual([422, 'RRset x.p.example. IN BOGUS: unknown type given']);
    expect(await patch([rr('x.p.example.', 'A', ['192.0.2.1'], { changetype: 'FOO' })])).toEqual([422, 'Changetype not understood']);
    expect(await patch([rr('x.p.example.', 'A', ['192.0.2.1'], { ttl: undefined })])).toEqual([
      422,
      "Key 'ttl' not an Integer or not present",
    ]);
    expect(await patch([rr('s.p.example.', 'A', ['192.0.2.1']), rr('s.p.example.', 'A', ['192.0.2.2'])])).toEqual([
      422,
      'Duplicate RRset s.p.example. IN A with changetype: REPLACE',
    ]);
  });

  it('applies a PATCH all or nothing and bumps the serial once per PATCH', async () => {
    await call('POST', Z, { name: 'a.example.', kind: 'Native' });
    const bad = await call('PATCH', `${Z}/a.example.`, {
      rrsets: [
        { name: 'ok.a.example.', type: 'A', ttl: 60, changetype: 'REPLACE', records: [{ content: '192.0.2.1', disabled: false }] },
        { name: 'out.b.example.', type: 'A', ttl: 60, changetype: 'REPLACE', records: [{ content: '192.0.2.1', disabled: false }] },
      ],
    });
    expect(bad.status).toBe(422);
    const zone = async () => JSON.parse((await call('GET', `${Z}/a.example.`)).text) as { serial: number; rrsets: { name: string }[] };
    expect((await zone()).rrsets.map((r) => r.name)).not.toContain('ok.a.example.');
    expect((await zone()).serial).toBe(2026120401);
    const ok = await call('PATCH', `${Z}/a.example.`, {
      rrsets: [{ name: 'ok.a.example.', type: 'A', ttl: 60, changetype: 'REPLACE', records: [{ content: '192.0.2.1', disabled: false }] }],
    });
    expect([ok.status, ok.text]).toEqual([204, '']);
    expect((await zone()).serial).toBe(2026120402);
    expect((await call('DELETE', `${Z}/a.example.`)).status).toBe(204);
  });

  it('filters rrsets by rrset_name/rrset_type and exports text or JSON', async () => {
    await call('POST', Z, { name: 'f.example.', kind: 'Native', nameservers: ['ns1.f.example.'] });
    const one = JSON.parse((await call('GET', `${Z}/f.example.?rrset_name=f.example.&rrset_type=NS`)).text) as {
      rrsets: { type: string }[];
    };
    expect(one.rrsets.map((r) => r.type)).toEqual(['NS']);
    const text = await call('GET', `${Z}/f.example./export`);
    expect(text.type).toMatch(/^text\/plain/);
    expect(text.text).toBe(
      'f.example.\t3600\tIN\tNS\tns1.f.example.\nf.example.\t3600\tIN\tSOA\tns1.f.example. hostmaster.f.example. 2026120401 10800 3600 604800 3600\n',
    );
  });
});

describe('SOA-EDIT-API serials', () => {
  const day = new Date('2026-12-04T12:00:00Z');
  it.each([
    ['DEFAULT', 0, 2026120401],
    ['DEFAULT', 2026120405, 2026120406],
    ['DEFAULT', 2030010101, 2030010102],
    ['INCREASE', 7, 8],
    ['EPOCH', 7, Math.floor(day.getTime() / 1000)],
    ['OFF', 7, 7],
  ])('%s turns %d into %d', (kind, before, after) => {
    expect(editedSerial(kind, before, day)).toBe(after);
  });
  it('YYYYMMDD01 is the day serial', () => expect(dateSerial(day)).toBe(2026120401));
});
