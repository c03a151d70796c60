import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import {
  BadRequestError,
  InvalidArgumentError,
  InvalidCredentialsError,
  NotFoundError,
  ServiceUnavailableError,
} from '@cloudmux/core/errors';
import { PowerDnsDriver } from '../../src/index.js';
import { startSim, type SimContext } from '../support/sim.js';

let ctx: SimContext;
beforeEach(async () => {
  ctx = await startSim();
});
afterEach(() => ctx.close());

describe('errors', () => {
  it("carries PowerDNS's 422 message (out-of-zone and non-canonical names, bad content)", async () => {
    const zone = await ctx.driver.createZone({ domain: 'err.example' });
    const change = (name: string, content = '192.0.2.1', type = 'A') =>
      ctx.driver
        .exPatchRRsets(zone, [{ name, type, ttl: 60, changetype: 'REPLACE', records: [{ content, disabled: false }] }])
        .catch((e: unknown) => e);
    const out = await change('www.other.example.');
    expect(out).toBeInstanceOf(BadRequestError);
    expect((out as BadRequestError).status).toBe(422);
    expect((out as BadRequestError).providerMessage).toBe('RRset www.other.example. IN A: Name is out of zone');
    expect(((await change('www.err.example')) as BadRequestError).providerMessage).toBe("DNS Name 'www.err.example' is not canonical");
    expect(((await change('m.err.example.', '10 mail.err.example', 'MX')) as BadRequestError).message).toMatch(
      /422: Record m\.err\.example\.\/MX '10 mail\.err\.example': Not in expected format \(parsed as '10 mail\.err\.example\.'\)/,
    );
  });

  it('maps a CNAME conflict to BadRequestError and an invalid address to a 422 too', async () => {
    const zone = await ctx.driver.createZone({ domain: 'cname.example' });
    await ctx.driver.createRecord(zone, { name: 'www', type: 'A', data: '192.0.2.1' });
    const err = await ctx.driver.createRecord(zone, { name: 'www', type: 'CNAME', data: 'other.example' }).catch((e: unknown) => e);
    expect((err as BadRequestError).providerMessage).toBe('RRset www.cname.example. IN CNAME: Conflicts with pre-existing RRset');
    const bad = await ctx.driver.createRecord(zone, { name: 'v6', type: 'AAAA', data: 'zz::1' }).catch((e: unknown) => e);
    expect((bad as BadRequestError).providerMessage).toBe("Record v6.cname.example./AAAA 'zz::1': Invalid IPv6 address");
  });

  it('maps the plain-text 404 and 401 replies', async () => {
    const nf = await ctx.driver.getZone('missing.example').catch((e: unknown) => e);
    expect(nf).toBeInstanceOf(NotFoundError);
    expect((nf as NotFoundError).providerMessage).toBe('Not Found');
    const wrong = new PowerDnsDriver('wrong-api-key-9999', undefined, { url: ctx.sim.url, retry: false });
    const denied = await wrong.listZones().catch((e: unknown) => e);
    wrong.close();
    expect(denied).toBeInstanceOf(InvalidCredentialsError);
    expect((denied as InvalidCredentialsError).message).toMatch(/401: Unauthorized/);
  });

  it('retries a 503 on reads', async () => {
    const driver = new PowerDnsDriver(ctx.sim.apiKey, undefined, { url: ctx.sim.url, retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 2 } });
    ctx.sim.server.injectFault({ kind: 'status', status: 503, times: 1 });
    expect(await driver.listZones()).toEqual([]);
    ctx.sim.server.injectFault({ kind: 'status', status: 503, times: 3 });
    await expect(driver.listZones()).rejects.toBeInstanceOf(ServiceUnavailableError);
    driver.close();
  });

  it('validates constructor arguments', () => {
    expect(() => new PowerDnsDriver('')).toThrow(InvalidArgumentError);
    expect(() => new PowerDnsDriver('k', undefined, { url: 'ftp://x' })).toThrow(/http\(s\) URL/);
    expect(() => new PowerDnsDriver('k', undefined, { serverId: 'a/b' })).toThrow(InvalidArgumentError);
    expect(() => new PowerDnsDriver('k', undefined, { port: 1 } as never)).toThrow(/unknown option "port"/);
  });

  it('fromEnv reads PDNS_API_URL, PDNS_API_KEY and PDNS_SERVER_ID', () => {
    const d = PowerDnsDriver.fromEnv({ PDNS_API_URL: 'http://127.0.0.1:1/api/v1/', PDNS_API_KEY: 'env-key-0001', PDNS_SERVER_ID: 'srv' });
    expect([d.url, d.serverId]).toEqual(['http://127.0.0.1:1/api/v1', 'srv']);
    expect(() => PowerDnsDriver.fromEnv({})).toThrow(/API key/);
  });
});

describe('the API key stays secret', () => {
  it('is absent from the debug trace, errors and util.inspect of drivers, zones and records', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cmx-pdns-'));
    const trace = path.join(dir, 'trace.log');
    const saved = process.env.CLOUDMUX_DEBUG;
    process.env.CLOUDMUX_DEBUG = trace;
    const key = ctx.sim.apiKey;
    let driver: PowerDnsDriver;
    try {
      driver = new PowerDnsDriver(key, undefined, { url: ctx.sim.url, retry: false });
    } finally {
      if (saved === undefined) delete process.env.CLOUDMUX_DEBUG;
      else process.env.CLOUDMUX_DEBUG = saved;
    }
    try {
      const zone = await driver.createZone({ domain: 'secret.example' });
      const rec = await driver.createRecord(zone, { name: 'www', type: 'A', data: '192.0.2.1' });
      const errors = [
        await driver.getZone('nope.example').catch((e: unknown) => e),
        await driver.createRecord(zone, { name: 'x', type: 'AAAA', data: 'zz::1' }).catch((e: unknown) => e),
      ];
      const seen = [inspect(driver, { depth: 10, showHidden: true }), inspect(zone, { depth: 10 }), inspect(rec, { depth: 10 })];
      for (const e of errors) seen.push(inspect(e, { depth: 10 }), String((e as Error).stack), JSON.stringify(e));
      const log = await readFile(trace, 'utf8');
      expect(log).toMatch(/x-api-key/i);
      seen.push(log);
      for (const s of seen) expect(s).not.toContain(key);
    } finally {
      driver.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
