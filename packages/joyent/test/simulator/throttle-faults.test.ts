import { call, type CallResult, key, type Sim, startSim } from './support.js';

type Json = Record<string, unknown>;
const asObject = (r: CallResult): Json => r.body as Json;

describe('throttling', () => {
  let s: Sim;
  beforeAll(async () => {
    s = await startSim({ throttle: { ratePerSec: 0.5, burst: 3 } });
    s.sim.addAccount('other', [{ name: 'k', key: key('rsa').publicKey }]);
  });
  afterAll(() => s.close());

  it('answers 429 RequestThrottled with Retry-After once an account exceeds its rate; others and ping are unaffected', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await s.api('GET', '/my/packages')).status);
    expect(statuses).toEqual([200, 200, 200]);
    const throttled = await s.api('GET', '/my/packages');
    expect(throttled.status).toBe(429);
    expect(asObject(throttled)).toEqual({ code: 'RequestThrottled', message: 'You have exceeded your request rate of 0.5 r/s.' });
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(throttled.headers['request-id']).toBeDefined();

    const other = await call(s.sim.url, { path: '/other/packages', sign: { key: key('rsa'), keyId: `/other/keys/${key('rsa').md5}` } });
    expect(other.status).toBe(200);
    expect((await call(s.sim.url, { path: '/--ping' })).status).toBe(200);
  });
});

describe('fault injection through the core kit', () => {
  let s: Sim;
  beforeAll(async () => {
    s = await startSim();
  });
  afterAll(() => s.close());

  it('applies an injected status fault to the matching request only, and logs it', async () => {
    s.sim.server.injectFault({
      kind: 'status',
      method: 'GET',
      path: '/my/machines',
      status: 503,
      body: { code: 'ServiceUnavailable', message: 'maintenance' },
    });
    expect((await s.api('GET', '/my/packages')).status).toBe(200);
    const failed = await s.api('GET', '/my/machines');
    expect([failed.status, asObject(failed)['code']]).toEqual([503, 'ServiceUnavailable']);
    expect((await s.api('GET', '/my/machines')).status).toBe(200);
    const log = s.sim.server.requests.filter((r) => r.path === '/my/machines');
    expect(log.map((r) => [r.status, r.fault])).toEqual([
      [503, 'status'],
      [200, undefined],
    ]);
  });

  it('resets the connection for a reset fault', async () => {
    s.sim.server.injectFault({ kind: 'reset', path: /\/machines$/ });
    await expect(s.api('GET', '/my/machines')).rejects.toThrow();
    expect((await s.api('GET', '/my/machines')).status).toBe(200);
  });
});
