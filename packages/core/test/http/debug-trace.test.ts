import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from '@cloudmux/core/http';
import { SimulatorServer, Router, jsonReply } from '@cloudmux/core/testing';

describe('debug trace', () => {
  let sim: SimulatorServer;
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cloudmux-trace-'));
    const router = new Router().add('POST', '/v1/login', () =>
      jsonReply(200, { user: 'bob', token: 'RESPONSE-TOKEN-9', session: 'ok' }, { 'set-cookie': 'sid=COOKIE-SECRET-7; HttpOnly', 'x-request-id': 'r-1' }),
    );
    sim = await SimulatorServer.start(router.handle);
  });

  afterEach(async () => {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a redacted request line, curl command and response for every attempt', async () => {
    const file = join(dir, 'trace.log');
    const conn = new Connection({
      provider: 'acme',
      baseUrl: sim.url,
      debugFile: file,
      redact: ['tenantKey'],
      retry: { baseDelayMs: 1 },
      signer: (req) => {
        req.headers.authorization = 'Bearer AUTH-HEADER-SECRET-1';
      },
    });
    sim.injectFault({ kind: 'status', status: 503, body: 'busy' });
    try {
      const res = await conn.request({
        method: 'POST',
        path: '/v1/login',
        query: { Signature: 'QUERY-SIG-SECRET-2', page: '2' },
        json: { user: 'bob', token: 'JSON-TOKEN-SECRET-3', password: 'PASSWORD-SECRET-4', tenantKey: 'TENANT-SECRET-5' },
        idempotent: true,
      });
      expect(res.attempts).toBe(2);
    } finally {
      conn.close();
    }
    const trace = await readFile(file, 'utf8');
    expect(trace).toContain(`> POST ${sim.url}/v1/login?Signature=REDACTED&page=2`);
    expect(trace).toContain(`curl -sS -X POST '${sim.url}/v1/login?Signature=REDACTED&page=2' -H 'user-agent: cloudmux/`);
    expect(trace).toContain("-H 'authorization: Bearer REDACTED'");
    expect(trace).toContain(`--data-binary '{"user":"bob","token":"REDACTED","password":"REDACTED","tenantKey":"REDACTED"}'`);
    expect(trace).toContain('HTTP 503');
    expect(trace).toContain('retrying in');
    expect(trace).toContain('HTTP 200');
    expect(trace).toContain('< x-request-id: r-1');
    expect(trace).toContain('"session":"ok"');
    expect(trace.match(/attempt \d/g)).toEqual(['attempt 1', 'attempt 2']);
    for (const secret of ['AUTH-HEADER-SECRET-1', 'QUERY-SIG-SECRET-2', 'JSON-TOKEN-SECRET-3', 'PASSWORD-SECRET-4', 'TENANT-SECRET-5', 'RESPONSE-TOKEN-9', 'COOKIE-SECRET-7']) {
      expect(trace).not.toContain(secret);
    }
  });

  it('reads CLOUDMUX_DEBUG when no debugFile is given, and is off otherwise', async () => {
    const file = join(dir, 'env.log');
    const saved = process.env.CLOUDMUX_DEBUG;
    try {
      delete process.env.CLOUDMUX_DEBUG;
      const off = new Connection({ provider: 'acme', baseUrl: sim.url });
      expect(off.debugFile).toBeUndefined();
      off.close();
      process.env.CLOUDMUX_DEBUG = file;
      const on = new Connection({ provider: 'acme', baseUrl: sim.url });
      expect(on.debugFile).toBe(file);
      try {
        await on.request({ method: 'GET', path: '/nope' }).catch(() => undefined);
      } finally {
        on.close();
      }
      const trace = await readFile(file, 'utf8');
      expect(trace).toContain(`curl -sS '${sim.url}/nope'`);
      expect(trace).toContain('HTTP 404');
    } finally {
      if (saved === undefined) delete process.env.CLOUDMUX_DEBUG;
      else process.env.CLOUDMUX_DEBUG = saved;
    }
  });

  it('records network failures', async () => {
    const file = join(dir, 'fail.log');
    const conn = new Connection({ provider: 'acme', baseUrl: sim.url, debugFile: file, retry: false });
    sim.injectFault({ kind: 'reset' });
    try {
      await expect(conn.request({ method: 'GET', path: '/v1/login?password=PW-SECRET-8' })).rejects.toThrow();
    } finally {
      conn.close();
    }
    const trace = await readFile(file, 'utf8');
    expect(trace).toMatch(/failed after \d+ ms: ECONNRESET/);
    expect(trace).not.toContain('PW-SECRET-8');
  });
});
