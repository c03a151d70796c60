import { Connection, type SignableRequest } from '@cloudmux/core/http';
import { SimulatorServer, Router, jsonReply } from '@cloudmux/core/testing';
import { RateLimitError, ServiceUnavailableError, ProviderError, TimeoutError } from '@cloudmux/core/errors';

describe('Connection retries (against SimulatorServer faults)', () => {
  let sim: SimulatorServer;
  let conn: Connection;
  let created: number;

  beforeEach(async () => {
    created = 0;
    const router = new Router()
      .add('GET', '/items/:id', (_r, p) => jsonReply(200, { id: p.id, name: 'item', padding: 'p'.repeat(200) }))
      .add('POST', '/items', () => {
        created += 1;
        return jsonReply(201, { id: String(created) });
      });
    sim = await SimulatorServer.start(router.handle);
    conn = new Connection({ provider: 'test', baseUrl: sim.url, retry: { baseDelayMs: 5, maxDelayMs: 20 }, timeoutMs: 2000 });
  });

  afterEach(async () => {
    conn.close();
    await sim.close();
  });

  it('honours Retry-After on 429, then succeeds', async () => {
    sim.injectFault({ kind: 'status', status: 429, headers: { 'retry-after': '1' }, body: { code: 'TooManyRequests' } });
    const res = await conn.request<{ id: string }>({ method: 'GET', path: '/items/1' });
    expect(res.status).toBe(200);
    expect(res.body.id).toBe('1');
    expect(res.attempts).toBe(2);
    expect(sim.requests.map((r) => r.status)).toEqual([429, 200]);
    // The retry came after the advertised delay, not after the (5 ms) backoff.
    expect(sim.requests[1]!.at.getTime() - sim.requests[0]!.at.getTime()).toBeGreaterThanOrEqual(950);
  });

  it('honours Retry-After given as an HTTP date', async () => {
    sim.injectFault({ kind: 'status', status: 503, headers: { 'retry-after': new Date(Date.now() - 1000).toUTCString() } });
    const res = await conn.request({ method: 'GET', path: '/items/1' });
    expect(res.attempts).toBe(2);
  });

  it('retries a 503, then succeeds', async () => {
    sim.injectFault({ kind: 'status', status: 503, body: 'maintenance' });
    const res = await conn.request({ method: 'GET', path: '/items/1' });
    expect(res.attempts).toBe(2);
    expect(sim.requests.map((r) => r.status)).toEqual([503, 200]);
  });

  it('retries a reset connection, then succeeds', async () => {
    sim.injectFault({ kind: 'reset', times: 2 });
    const res = await conn.request({ method: 'GET', path: '/items/1' });
    expect(res.attempts).toBe(3);
    expect(sim.requests.map((r) => r.fault)).toEqual(['reset', 'reset', undefined]);
  });

  it('retries a truncated body, then succeeds', async () => {
    sim.injectFault({ kind: 'truncate' });
    const res = await conn.request<{ padding: string }>({ method: 'GET', path: '/items/1' });
    expect(res.attempts).toBe(2);
    expect(res.body.padding).toHaveLength(200);
  });

  it('gives up on a hung server with a TimeoutError after the configured attempts', async () => {
    const c = new Connection({ provider: 'test', baseUrl: sim.url, retry: { limit: 2, baseDelayMs: 1 }, timeoutMs: 150 });
    sim.injectFault({ kind: 'hang', times: Infinity });
    try {
      const err = await c.request({ method: 'GET', path: '/items/1', query: { token: 'abc' } }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TimeoutError);
      expect((err as TimeoutError).message).toContain(`GET ${sim.url}/items/1?token=REDACTED`);
      expect((err as TimeoutError).message).not.toContain('abc');
      expect((err as TimeoutError).message).toContain('3 attempts');
      expect(sim.requests).toHaveLength(3);
    } finally {
      c.close();
    }
  });

  it('uses the per-request timeout over the connection one', async () => {
    sim.injectFault({ kind: 'hang', times: Infinity });
    const err = await conn.request({ method: 'GET', path: '/items/1', timeoutMs: 100, idempotent: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect(sim.requests).toHaveLength(1);
  });

  it('does not retry a POST on 503 unless it is marked idempotent', async () => {
    sim.injectFault({ kind: 'status', status: 503, method: 'POST' });
    await expect(conn.request({ method: 'POST', path: '/items', json: {} })).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(sim.requests).toHaveLength(1);

    sim.clearRequests();
    sim.injectFault({ kind: 'status', status: 503, method: 'POST' });
    const res = await conn.request<{ id: string }>({ method: 'POST', path: '/items', json: {}, idempotent: true });
    expect(res.attempts).toBe(2);
    expect(sim.requests.map((r) => r.status)).toEqual([503, 201]);
  });

  it('does not retry a non-idempotent POST whose connection reset after the server handled it', async () => {
    sim.injectFault({ kind: 'reset-after-handling', method: 'POST' });
    const err = await conn.request({ method: 'POST', path: '/items', json: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).retryable).toBe(true);
    expect(sim.requests).toHaveLength(1);
    expect(created).toBe(1);
  });

  it('fails at once with RateLimitError when Retry-After exceeds maxRetryAfterMs', async () => {
    sim.injectFault({ kind: 'status', status: 429, headers: { 'retry-after': '3600' } });
    const err = await conn.request({ method: 'GET', path: '/items/1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect((err as RateLimitError).retryAfterMs).toBe(3_600_000);
    expect(sim.requests).toHaveLength(1);
  });

  it('stops when the next wait would pass maxTotalMs', async () => {
    const c = new Connection({ provider: 'test', baseUrl: sim.url, retry: { maxTotalMs: 500 } });
    sim.injectFault({ kind: 'status', status: 429, headers: { 'retry-after': '2' } });
    try {
      await expect(c.request({ method: 'GET', path: '/items/1' })).rejects.toBeInstanceOf(RateLimitError);
      expect(sim.requests).toHaveLength(1);
    } finally {
      c.close();
    }
  });

  it('throws the last error after `limit` retries', async () => {
    sim.injectFault({ kind: 'status', status: 502, times: Infinity });
    const err = await conn.request({ method: 'GET', path: '/items/1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).status).toBe(502);
    expect((err as ProviderError).retryable).toBe(true);
    expect(sim.requests).toHaveLength(4);
  });

  it('does not retry a status outside statusCodes, nor anything with retry: false', async () => {
    sim.injectFault({ kind: 'status', status: 501 });
    await expect(conn.request({ method: 'GET', path: '/items/1' })).rejects.toBeInstanceOf(ProviderError);
    expect(sim.requests).toHaveLength(1);
    const c = new Connection({ provider: 'test', baseUrl: sim.url, retry: false });
    sim.injectFault({ kind: 'status', status: 503 });
    try {
      await expect(c.request({ method: 'GET', path: '/items/1' })).rejects.toBeInstanceOf(ServiceUnavailableError);
      expect(sim.requests).toHaveLength(2);
    } finally {
      c.close();
    }
  });

  it('calls the signer afresh on every attempt', async () => {
    const calls: SignableRequest[] = [];
    const c = new Connection({
      provider: 'test',
      baseUrl: sim.url,
      retry: { baseDelayMs: 1 },
      signer: (req) => {
        calls.push(req);
        req.headers['x-seen-auth'] = String('authorization' in req.headers);
        req.headers.authorization = `Signature attempt=${calls.length}`;
      },
    });
    sim.injectFault({ kind: 'status', status: 500, times: 2 });
    try {
      const res = await c.request({ method: 'PUT', path: '/items/1', json: { a: 1 } }).catch((e: unknown) => e);
      expect(res).toBeInstanceOf(Error); // PUT /items/1 has no route: 405 after the two 500s
      expect(calls).toHaveLength(3);
      expect(calls[0]!.body?.toString()).toBe('{"a":1}');
      expect(calls[0]!.url.href).toBe(`${sim.url}/items/1`);
      expect(calls[0]!.method).toBe('PUT');
      expect(sim.requests.map((r) => r.headers.authorization)).toEqual([
        'Signature attempt=1',
        'Signature attempt=2',
        'Signature attempt=3',
      ]);
      // every attempt starts from the unsigned headers
      expect(sim.requests.every((r) => r.headers['x-seen-auth'] === 'false')).toBe(true);
    } finally {
      c.close();
    }
  });

  it('lets signer errors through unchanged and unretried', async () => {
    let calls = 0;
    const boom = new TypeError('bad key');
    const c = new Connection({
      provider: 'test',
      baseUrl: sim.url,
      signer: () => {
        calls += 1;
        throw boom;
      },
    });
    try {
      await expect(c.request({ method: 'GET', path: '/items/1' })).rejects.toBe(boom);
      expect(calls).toBe(1);
      expect(sim.requests).toHaveLength(0);
    } finally {
      c.close();
    }
  });

  it('retries a refused connection even for a POST (nothing was sent)', async () => {
    const closed = await SimulatorServer.start(() => ({ status: 200 }));
    const url = closed.url;
    await closed.close();
    let attempts = 0;
    const c = new Connection({ provider: 'test', baseUrl: url, retry: { limit: 2, baseDelayMs: 1 }, signer: () => void (attempts += 1) });
    try {
      const err = await c.request({ method: 'POST', path: '/items' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ProviderError);
      expect((err as ProviderError).message).toContain('ECONNREFUSED');
      expect(attempts).toBe(3);
    } finally {
      c.close();
    }
  });
});
