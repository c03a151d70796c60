import { Connection, defaultErrorForStatus, genericErrorDetails, resolveRetryPolicy, type HttpErrorContext } from '@cloudmux/core/http';
import { SimulatorServer, Router, jsonReply } from '@cloudmux/core/testing';
import { AbortError, CloudError, InvalidArgumentError, ProviderError, RateLimitError, TimeoutError } from '@cloudmux/core/errors';

/** A driver-style mapper: provider throttling codes sent with HTTP 400 become RateLimitError. */
function throttleAwareMapper(ctx: HttpErrorContext): ProviderError {
  const d = genericErrorDetails(ctx.bodyText);
  if (d.providerCode === 'Throttling' || d.providerCode === 'RequestLimitExceeded') {
    return new RateLimitError(`${ctx.provider}: ${ctx.errorContext?.action ?? ctx.method} throttled`, {
      provider: ctx.provider,
      status: ctx.status,
      providerCode: d.providerCode,
    });
  }
  return defaultErrorForStatus(ctx, d);
}

describe('Connection hardening (issue #9)', () => {
  let sim: SimulatorServer;
  let conn: Connection;
  let created: number;

  beforeEach(async () => {
    created = 0;
    const router = new Router()
      .add('GET', '/items/:id', (_r, p) => jsonReply(200, { id: p.id }))
      .add('POST', '/items', () => {
        created += 1;
        return jsonReply(201, { id: String(created) });
      });
    sim = await SimulatorServer.start(router.handle);
    conn = new Connection({
      provider: 'test',
      baseUrl: sim.url,
      mapError: throttleAwareMapper,
      retry: { baseDelayMs: 2, maxDelayMs: 5 },
      timeoutMs: 2000,
    });
  });

  afterEach(async () => {
    conn.close();
    await sim.close();
  });

  describe('throttling classified by the mapped error, not only by status', () => {
    it('retries an idempotent request throttled with HTTP 400 and a provider code', async () => {
      sim.injectFault({ kind: 'status', status: 400, body: { code: 'Throttling', message: 'Rate exceeded' }, times: 2 });
      const res = await conn.request<{ id: string }>({ method: 'GET', path: '/items/1' });
      expect(res.body.id).toBe('1');
      expect(res.attempts).toBe(3);
      expect(sim.requests.map((r) => r.status)).toEqual([400, 400, 200]);
    });

    it('the default mapper knows common throttling codes too, so drivers without their own mapper inherit the retry', async () => {
      const c = new Connection({ provider: 'test', baseUrl: sim.url, retry: { baseDelayMs: 1, maxDelayMs: 2 } });
      try {
        sim.injectFault({ kind: 'status', status: 400, body: { error: { code: 'TooManyRequests', message: 'slow down' } } });
        expect((await c.request({ method: 'GET', path: '/items/1' })).attempts).toBe(2);
        sim.injectFault({ kind: 'status', status: 403, body: { code: 'rateLimitExceeded' }, times: 9 });
        const err = await c.request({ method: 'GET', path: '/items/1' }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(RateLimitError);
        expect((err as RateLimitError).status).toBe(403);
        expect(sim.requests).toHaveLength(2 + 4);
      } finally {
        c.close();
      }
    });

    it('still fails at once on a plain 400', async () => {
      sim.injectFault({ kind: 'status', status: 400, body: { code: 'InvalidParameter' } });
      await expect(conn.request({ method: 'GET', path: '/items/1' })).rejects.toMatchObject({ code: 'ERR_BAD_REQUEST' });
      expect(sim.requests).toHaveLength(1);
    });

    it('gives the per-request predicate the last word: a throttled non-idempotent POST is retried when the request says so', async () => {
      sim.injectFault({ kind: 'status', status: 400, method: 'POST', body: { code: 'RequestLimitExceeded' } });
      await expect(conn.request({ method: 'POST', path: '/items', json: {} })).rejects.toBeInstanceOf(RateLimitError);
      expect(sim.requests).toHaveLength(1);

      sim.clearRequests();
      sim.injectFault({ kind: 'status', status: 400, method: 'POST', body: { code: 'RequestLimitExceeded' } });
      const seen: { retryByDefault: boolean; attempt: number }[] = [];
      const res = await conn.request({
        method: 'POST',
        path: '/items',
        json: {},
        retryable: (err, d) => {
          seen.push({ retryByDefault: d.retryByDefault, attempt: d.attempt });
          return d.retryByDefault || err instanceof RateLimitError;
        },
      });
      expect(res.attempts).toBe(2);
      expect(seen).toEqual([{ retryByDefault: false, attempt: 1 }]);
      expect(created).toBe(1);
    });

    it('a predicate can refuse a retry the policy would make', async () => {
      sim.injectFault({ kind: 'status', status: 503, times: 3 });
      await expect(conn.request({ method: 'GET', path: '/items/1', retryable: () => false })).rejects.toMatchObject({ status: 503 });
      expect(sim.requests).toHaveLength(1);
    });
  });

  describe('mayHaveSucceeded on non-idempotent requests', () => {
    it('a POST whose connection dropped after the server acted says the resource may exist, and how to check', async () => {
      sim.injectFault({ kind: 'reset-after-handling', method: 'POST' });
      const err = (await conn
        .request({
          method: 'POST',
          path: '/items',
          json: {},
          errorContext: { action: 'CreateItem', checkHint: 'look for it with listItems()' },
        })
        .catch((e: unknown) => e)) as ProviderError;
      expect(err).toBeInstanceOf(ProviderError);
      expect(err.retryable).toBe(true);
      expect(err.mayHaveSucceeded).toBe(true);
      expect(err.message).toContain('CreateItem');
      expect(err.message).toMatch(/may have carried out the request .*the resource may exist/);
      expect(err.message).toContain('look for it with listItems()');
      expect(err.stack).toContain('look for it with listItems()');
      expect(created).toBe(1);
    });

    it('a 5xx answer to a POST may have succeeded; the same answer to a GET, or a throttled POST, did not', async () => {
      sim.injectFault({ kind: 'status', status: 500, method: 'POST' });
      const post = (await conn.request({ method: 'POST', path: '/items', json: {} }).catch((e: unknown) => e)) as ProviderError;
      expect(post.mayHaveSucceeded).toBe(true);
      expect(post.message).toMatch(/may have/);

      const c = new Connection({ provider: 'test', baseUrl: sim.url, mapError: throttleAwareMapper, retry: false });
      try {
        sim.injectFault({ kind: 'status', status: 500, method: 'GET' });
        const get = (await c.request({ method: 'GET', path: '/items/1' }).catch((e: unknown) => e)) as ProviderError;
        expect(get.mayHaveSucceeded).toBe(false);
        expect(get.message).not.toMatch(/may have/);
        sim.injectFault({ kind: 'status', status: 400, method: 'POST', body: { code: 'Throttling' } });
        const throttled = (await c.request({ method: 'POST', path: '/items', json: {} }).catch((e: unknown) => e)) as ProviderError;
        expect(throttled).toBeInstanceOf(RateLimitError);
        expect(throttled.mayHaveSucceeded).toBe(false);
      } finally {
        c.close();
      }
    });

    it('a POST that timed out waiting for the answer may have succeeded', async () => {
      sim.injectFault({ kind: 'hang', method: 'POST' });
      const err = (await conn
        .request({ method: 'POST', path: '/items', json: {}, timeoutMs: 150 })
        .catch((e: unknown) => e)) as TimeoutError;
      expect(err).toBeInstanceOf(TimeoutError);
      expect(err.mayHaveSucceeded).toBe(true);
    });

    it('a POST that never reached the server did not succeed', async () => {
      const closed = await SimulatorServer.start(() => ({ status: 200 }));
      const url = closed.url;
      await closed.close();
      const c = new Connection({ provider: 'test', baseUrl: url, retry: { limit: 1, baseDelayMs: 1 } });
      try {
        const err = (await c.request({ method: 'POST', path: '/items' }).catch((e: unknown) => e)) as ProviderError;
        expect(err.message).toContain('ECONNREFUSED');
        expect(err.mayHaveSucceeded).toBe(false);
      } finally {
        c.close();
      }
    });

    it('an idempotent create carrying a client token gives the token back when retries are exhausted', async () => {
      sim.injectFault({ kind: 'status', status: 500, method: 'POST', times: Infinity });
      const err = (await conn
        .request({
          method: 'POST',
          path: '/items',
          json: {},
          idempotent: true,
          errorContext: { action: 'CreateItem', clientToken: 'tok-123' },
        })
        .catch((e: unknown) => e)) as ProviderError;
      expect(sim.requests).toHaveLength(4);
      expect(err.clientToken).toBe('tok-123');
      expect(err.mayHaveSucceeded).toBe(true);
      expect(err.message).toContain('tok-123');
    });

    it('every CloudError has the fields, false/undefined by default', () => {
      const e = new CloudError('x');
      expect(e.mayHaveSucceeded).toBe(false);
      expect(e.clientToken).toBeUndefined();
      expect(new ProviderError('y', { mayHaveSucceeded: true, clientToken: 't' })).toMatchObject({
        mayHaveSucceeded: true,
        clientToken: 't',
      });
    });
  });

  describe('the request error context', () => {
    it('names the action in network errors and timeouts, and reaches the error mapper', async () => {
      const c = new Connection({
        provider: 'test',
        baseUrl: sim.url,
        retry: false,
        timeoutMs: 100,
        mapError: (ctx) => defaultErrorForStatus(ctx, { message: `mapped ${ctx.errorContext?.action}` }),
      });
      try {
        sim.injectFault({ kind: 'reset' });
        const reset = (await c
          .request({ method: 'GET', path: '/items/1', errorContext: { action: 'DescribeItems' } })
          .catch((e: unknown) => e)) as Error;
        expect(reset.message).toContain('DescribeItems');
        sim.injectFault({ kind: 'hang' });
        const hung = (await c
          .request({ method: 'GET', path: '/items/1', errorContext: { action: 'DescribeItems' } })
          .catch((e: unknown) => e)) as Error;
        expect(hung).toBeInstanceOf(TimeoutError);
        expect(hung.message).toContain('DescribeItems');
        sim.injectFault({ kind: 'status', status: 404 });
        await expect(c.request({ method: 'GET', path: '/items/1', errorContext: { action: 'DescribeItems' } })).rejects.toThrow(
          'mapped DescribeItems',
        );
      } finally {
        c.close();
      }
    });
  });

  describe('whole-call deadline', () => {
    it('defaults to max(60 s, 2 × timeoutMs)', () => {
      const a = new Connection({ provider: 'test', baseUrl: sim.url });
      const b = new Connection({ provider: 'test', baseUrl: sim.url, timeoutMs: 45_000 });
      const c = new Connection({ provider: 'test', baseUrl: sim.url, retry: { deadlineMs: 5000 } });
      expect(a.deadlineMs).toBe(60_000);
      expect(b.deadlineMs).toBe(90_000);
      expect(c.deadlineMs).toBe(5000);
      for (const x of [a, b, c]) x.close();
    });

    it('bounds a call against a hung server and says how many attempts were made', async () => {
      const c = new Connection({
        provider: 'test',
        baseUrl: sim.url,
        timeoutMs: 200,
        retry: { limit: 10, baseDelayMs: 1, maxDelayMs: 1, deadlineMs: 500 },
      });
      sim.injectFault({ kind: 'hang', times: Infinity });
      const started = Date.now();
      try {
        const err = (await c.request({ method: 'GET', path: '/items/1' }).catch((e: unknown) => e)) as TimeoutError;
        const took = Date.now() - started;
        expect(err).toBeInstanceOf(TimeoutError);
        expect(err.message).toMatch(/deadline of 500 ms/);
        expect(err.message).toContain(`${sim.requests.length} attempts`);
        expect(sim.requests.length).toBe(3);
        expect(took).toBeLessThan(1500);
      } finally {
        c.close();
      }
    });

    it('a per-request deadline overrides the connection one', async () => {
      sim.injectFault({ kind: 'hang', times: Infinity });
      const err = (await conn.request({ method: 'GET', path: '/items/1', deadlineMs: 150 }).catch((e: unknown) => e)) as TimeoutError;
      expect(err).toBeInstanceOf(TimeoutError);
      expect(err.message).toMatch(/deadline of 150 ms .*1 attempt\b/);
    });

    it('does not sleep past the deadline for a Retry-After', async () => {
      const c = new Connection({ provider: 'test', baseUrl: sim.url, retry: { deadlineMs: 300 } });
      sim.injectFault({ kind: 'status', status: 429, headers: { 'retry-after': '1' } });
      try {
        await expect(c.request({ method: 'GET', path: '/items/1' })).rejects.toBeInstanceOf(RateLimitError);
        expect(sim.requests).toHaveLength(1);
      } finally {
        c.close();
      }
    });

    it('an abort still wins over the deadline', async () => {
      sim.injectFault({ kind: 'hang' });
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 50);
      await expect(conn.request({ method: 'GET', path: '/items/1', signal: ac.signal })).rejects.toBeInstanceOf(AbortError);
    });
  });

  describe('option validation', () => {
    it.each([Infinity, 0, -5, NaN, '1000' as unknown as number, 2 ** 31])(
      'rejects timeoutMs %p at construction, naming the option and the range',
      (value) => {
        let err: unknown;
        try {
          new Connection({ provider: 'test', baseUrl: sim.url, timeoutMs: value }).close();
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(InvalidArgumentError);
        expect((err as Error).message).toContain('timeoutMs');
        expect((err as Error).message).toMatch(/1 .*2147483647/);
        expect((err as Error).message).not.toMatch(/Expected|got\.|options\./);
      },
    );

    it('rejects a bad per-request timeoutMs or deadlineMs before sending', async () => {
      await expect(conn.request({ method: 'GET', path: '/items/1', timeoutMs: NaN })).rejects.toThrow(InvalidArgumentError);
      await expect(conn.request({ method: 'GET', path: '/items/1', deadlineMs: 0 })).rejects.toThrow(/deadlineMs/);
      expect(sim.requests).toHaveLength(0);
    });

    it.each<[Record<string, unknown>, RegExp]>([
      [{ limit: -1 }, /retry\.limit/],
      [{ limit: 1.5 }, /retry\.limit/],
      [{ limit: Infinity }, /retry\.limit/],
      [{ baseDelayMs: NaN }, /retry\.baseDelayMs/],
      [{ maxDelayMs: -1 }, /retry\.maxDelayMs/],
      [{ maxTotalMs: NaN }, /retry\.maxTotalMs/],
      [{ maxRetryAfterMs: -1 }, /retry\.maxRetryAfterMs/],
      [{ deadlineMs: 0 }, /retry\.deadlineMs/],
      [{ statusCodes: [503, 'x'] }, /retry\.statusCodes/],
      [{ limt: 3 }, /retry\.limt.*limit/],
    ])('rejects retry %p', (retry, message) => {
      expect(() => resolveRetryPolicy(retry as never)).toThrow(InvalidArgumentError);
      expect(() => new Connection({ provider: 'test', baseUrl: sim.url, retry: retry as never })).toThrow(message);
    });

    it('accepts Infinity where it means "no bound"', () => {
      const c = new Connection({ provider: 'test', baseUrl: sim.url, retry: { deadlineMs: Infinity, maxTotalMs: Infinity } });
      expect(c.deadlineMs).toBe(Infinity);
      c.close();
    });
  });
});
