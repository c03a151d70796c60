import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection, DebugTrace } from '@cloudmux/core/http';
import { SimulatorServer, Router, jsonReply } from '@cloudmux/core/testing';

describe('debug trace', () => {
  let sim: SimulatorServer;
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cloudmux-trace-'));
    const router = new Router()
      .add('POST', '/v1/login', () =>
        jsonReply(
          200,
          { user: 'bob', token: 'RESPONSE-TOKEN-9', session: 'ok' },
          { 'set-cookie': 'sid=COOKIE-SECRET-7; HttpOnly', 'x-request-id': 'r-1' },
        ),
      )
      // A CloudAPI GetMachine answer with ?credentials=true: metadata passwords, a boot script, generated credentials.
      .add('GET', '/demo/machines/m1', () =>
        jsonReply(200, {
          id: 'm1',
          name: 'web',
          metadata: {
            root_pw: 'ROOT-PW-SECRET-10',
            db_pass: 'DB-PASS-SECRET-11',
            'user-script': '#!/bin/sh\necho USER-SCRIPT-SECRET-12',
            role: 'db',
          },
          credentials: { root: 'GENERATED-ROOT-13', admin: 'GENERATED-ADMIN-14' },
        }),
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
    for (const secret of [
      'AUTH-HEADER-SECRET-1',
      'QUERY-SIG-SECRET-2',
      'JSON-TOKEN-SECRET-3',
      'PASSWORD-SECRET-4',
      'TENANT-SECRET-5',
      'RESPONSE-TOKEN-9',
      'COOKIE-SECRET-7',
    ]) {
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

  it('redacts whole sensitive values in a CloudAPI-like response body (metadata passwords, user-script, credentials)', async () => {
    const file = join(dir, 'machine.log');
    const conn = new Connection({ provider: 'acme', baseUrl: sim.url, debugFile: file, redact: ['user-script'] });
    try {
      await conn.request({ method: 'GET', path: '/demo/machines/m1', query: { credentials: 'true', Password: 'QUERY-PASSWORD-15' } });
      await conn
        .request({
          method: 'POST',
          path: '/v1/login',
          json: {
            'metadata.root_pw': 'ROOT-PW-SECRET-10',
            'metadata.db_pass': 'DB-PASS-SECRET-11',
            'metadata.user-script': 'USER-SCRIPT-SECRET-12',
          },
        })
        .catch(() => undefined);
    } finally {
      conn.close();
    }
    const trace = await readFile(file, 'utf8');
    expect(trace).toContain('"role":"db"');
    expect(trace).toContain('"credentials":"REDACTED"');
    for (const secret of [
      'ROOT-PW-SECRET-10',
      'DB-PASS-SECRET-11',
      'USER-SCRIPT-SECRET-12',
      'GENERATED-ROOT-13',
      'GENERATED-ADMIN-14',
      'QUERY-PASSWORD-15',
    ]) {
      expect(trace).not.toContain(secret);
    }
  });

  it('creates the trace file with mode 0600 and never widens the mode of an existing one', async () => {
    const file = join(dir, 'new.log');
    const trace = new DebugTrace(file, 'acme', undefined, false);
    trace.retry('1', 5, 'test');
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const existing = join(dir, 'existing.log');
    await writeFile(existing, 'old\n');
    await chmod(existing, 0o640);
    new DebugTrace(existing, 'acme', undefined, false).retry('1', 5, 'test');
    expect((await stat(existing)).mode & 0o777).toBe(0o640);
    expect(await readFile(existing, 'utf8')).toMatch(/^old\n\. #1 retrying/);
  });

  it('still writes to /dev/stderr', () => {
    const warnings: unknown[] = [];
    const onWarning = (w: unknown): void => void warnings.push(w);
    process.on('warning', onWarning);
    try {
      const trace = new DebugTrace('/dev/stderr', 'acme', undefined, false);
      trace.retry('1', 5, 'stderr check');
      expect((trace as unknown as { failed: boolean }).failed).toBe(false);
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).toEqual([]);
  });
});
