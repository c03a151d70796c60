import { Readable } from 'node:stream';
import { Connection, defaultErrorForStatus, parseRetryAfter, type HttpErrorContext } from '@cloudmux/core/http';
import { SimulatorServer, Router, jsonReply } from '@cloudmux/core/testing';
import {
  AbortError,
  BadRequestError,
  InvalidArgumentError,
  InvalidCredentialsError,
  MalformedResponseError,
  NotFoundError,
  ProviderError,
  RateLimitError,
  ServiceUnavailableError,
} from '@cloudmux/core/errors';
import { VERSION } from '@cloudmux/core';

async function drain(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks).toString();
}

describe('Connection requests and responses', () => {
  let sim: SimulatorServer;
  let conn: Connection;

  beforeEach(async () => {
    const router = new Router()
      .add('GET', '/echo', (req) => {
        return jsonReply(200, { query: req.url.search, headers: req.headers }, { 'x-request-id': 'rid-ok' });
      })
      .add('POST', '/echo', (req) => {
        return jsonReply(200, { body: req.body.toString(), type: req.headers['content-type'] });
      })
      .add('GET', '/missing', () => jsonReply(404, { code: 'ResourceNotFound', message: 'no such thing' }, { 'x-request-id': 'rid-404' }))
      .add('GET', '/gone', () => jsonReply(410, { id: 'm1', state: 'deleted' }))
      .add('GET', '/html', () => ({ status: 200, headers: { 'content-type': 'text/html' }, body: '<html>password=hunter2 oops</html>' }))
      .add('GET', '/empty', () => ({ status: 204 }))
      .add('GET', '/text', () => ({ status: 200, body: 'plain text' }))
      .add('GET', '/bytes', () => ({ status: 200, body: Buffer.from([0, 1, 2, 255]) }))
      .add('GET', '/big', () => ({ status: 200, body: 'z'.repeat(300_000) }));
    sim = await SimulatorServer.start(router.handle);
    conn = new Connection({ provider: 'acme', baseUrl: `${sim.url}/`, retry: { baseDelayMs: 5 }, requestIdHeaders: ['x-request-id'] });
  });

  afterEach(async () => {
    conn.close();
    await sim.close();
  });

  it('joins the base URL and path, encodes the query and sends default headers', async () => {
    const c = new Connection({ provider: 'acme', baseUrl: sim.url, headers: { 'X-Api-Version': '9' } });
    try {
      const res = await c.request<{ query: string; headers: Record<string, string> }>({
        method: 'GET',
        path: 'echo',
        query: { a: 'x y', list: ['1', '2'], flag: true, n: 3, skip: undefined },
        headers: { 'X-Extra': 'e' },
      });
      expect(res.body.query).toBe('?a=x%20y&list=1&list=2&flag=true&n=3');
      expect(res.body.headers['user-agent']).toBe(`cloudmux/${VERSION} (acme) node/${process.version}`);
      expect(res.body.headers['x-api-version']).toBe('9');
      expect(res.body.headers['x-extra']).toBe('e');
      expect(res.body.headers.accept).toBe('application/json');
      expect(res.requestId).toBe('rid-ok');
      expect(res.attempts).toBe(1);
    } finally {
      c.close();
    }
  });

  it('sends JSON, string and stream bodies', async () => {
    const json = await conn.request<{ body: string; type: string }>({ method: 'POST', path: '/echo', json: { name: 'n1' } });
    expect(json.body).toEqual({ body: '{"name":"n1"}', type: 'application/json' });
    const text = await conn.request<{ body: string }>({
      method: 'POST',
      path: '/echo',
      body: 'k=v',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(text.body.body).toBe('k=v');
    const streamed = await conn.request<{ body: string }>({
      method: 'POST',
      path: '/echo',
      body: Readable.from([Buffer.from('abc'), Buffer.from('def')]),
    });
    expect(streamed.body.body).toBe('abcdef');
  });

  it('reads text, buffer and empty responses', async () => {
    expect((await conn.request({ method: 'GET', path: '/text', responseType: 'text' })).body).toBe('plain text');
    expect([...(await conn.request<Buffer>({ method: 'GET', path: '/bytes', responseType: 'buffer' })).body]).toEqual([0, 1, 2, 255]);
    expect((await conn.request({ method: 'GET', path: '/empty' })).body).toBeUndefined();
    const head = await conn.request({ method: 'HEAD', path: '/text' });
    expect(head.status).toBe(200);
    expect(head.body).toBeUndefined();
  });

  it('maps error statuses with request id, provider code and a redacted URL', async () => {
    const err = await conn
      .request({ method: 'GET', path: '/missing', query: { password: 'pw1', 'X-Amz-Signature': 'sig1', page: '2' } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    const e = err as NotFoundError;
    expect(e).toMatchObject({
      status: 404,
      method: 'GET',
      requestId: 'rid-404',
      providerCode: 'ResourceNotFound',
      providerMessage: 'no such thing',
      provider: 'acme',
    });
    expect(e.url).toBe(`${sim.url}/missing?password=REDACTED&X-Amz-Signature=REDACTED&page=2`);
    expect(e.message).not.toMatch(/pw1|sig1/);
    expect(e.message).toContain('rid-404');
  });

  it('uses the mapError option with the full context', async () => {
    let seen: HttpErrorContext | undefined;
    const c = new Connection({
      provider: 'acme',
      baseUrl: sim.url,
      requestIdHeaders: ['x-request-id'],
      mapError: (ctx) => {
        seen = ctx;
        return new BadRequestError('custom', { status: ctx.status, providerCode: 'Custom' });
      },
    });
    try {
      await expect(c.request({ method: 'GET', path: '/missing' })).rejects.toThrow(
        expect.objectContaining({ message: 'custom', providerCode: 'Custom' }),
      );
      expect(seen).toMatchObject({
        provider: 'acme',
        status: 404,
        method: 'GET',
        url: `${sim.url}/missing`,
        requestId: 'rid-404',
        retryAfterMs: undefined,
      });
      expect(JSON.parse(seen!.bodyText)).toEqual({ code: 'ResourceNotFound', message: 'no such thing' });
    } finally {
      c.close();
    }
  });

  it('returns accepted non-2xx statuses', async () => {
    const res = await conn.request<{ state: string }>({ method: 'GET', path: '/gone', acceptStatus: [410] });
    expect(res.status).toBe(410);
    expect(res.body.state).toBe('deleted');
  });

  it('throws MalformedResponseError with the redacted first bytes when JSON was expected', async () => {
    const err = await conn.request({ method: 'GET', path: '/html' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MalformedResponseError);
    const e = err as MalformedResponseError;
    expect(e.snippet.startsWith('<html>password=REDACTED')).toBe(true);
    expect(e.message).not.toContain('hunter2');
    expect(e.status).toBe(200);
    expect(sim.requests).toHaveLength(1);
  });

  it('streams a response body and maps stream errors', async () => {
    const res = await conn.request<NodeJS.ReadableStream>({ method: 'GET', path: '/big', responseType: 'stream' });
    expect(res.status).toBe(200);
    expect(await drain(res.body)).toHaveLength(300_000);

    await expect(conn.request({ method: 'GET', path: '/missing', responseType: 'stream' })).rejects.toBeInstanceOf(NotFoundError);

    sim.injectFault({ kind: 'truncate', bytes: 1000, path: '/big' });
    const cut = await conn.request<NodeJS.ReadableStream>({ method: 'GET', path: '/big', responseType: 'stream' });
    const err = await drain(cut.body).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
  });

  it('retries a stream request before the body is handed over, but never a stream request body', async () => {
    sim.injectFault({ kind: 'status', status: 503 });
    const res = await conn.request<NodeJS.ReadableStream>({ method: 'GET', path: '/text', responseType: 'stream' });
    expect(await drain(res.body)).toBe('plain text');
    expect(res.attempts).toBe(2);

    sim.clearRequests();
    sim.injectFault({ kind: 'status', status: 503 });
    await expect(conn.request({ method: 'PUT', path: '/echo', body: Readable.from(['x']) })).rejects.toBeInstanceOf(
      ServiceUnavailableError,
    );
    expect(sim.requests).toHaveLength(1);
  });

  it('aborts before sending, mid-request and during backoff', async () => {
    const pre = new AbortController();
    pre.abort();
    await expect(conn.request({ method: 'GET', path: '/echo', signal: pre.signal })).rejects.toBeInstanceOf(AbortError);
    expect(sim.requests).toHaveLength(0);

    sim.injectFault({ kind: 'hang' });
    const mid = new AbortController();
    const p1 = conn.request({ method: 'GET', path: '/echo', signal: mid.signal });
    while (sim.requests.length < 1) await new Promise((r) => setTimeout(r, 5));
    mid.abort();
    await expect(p1).rejects.toBeInstanceOf(AbortError);

    sim.injectFault({ kind: 'status', status: 503, headers: { 'retry-after': '30' } });
    const backoff = new AbortController();
    const p2 = conn.request({ method: 'GET', path: '/echo', signal: backoff.signal });
    while (sim.requests.length < 2 || sim.requests[1]!.status === 0) await new Promise((r) => setTimeout(r, 5));
    backoff.abort();
    await expect(p2).rejects.toBeInstanceOf(AbortError);
    expect(sim.requests).toHaveLength(2);
  });

  it('aborts a stream that was already handed over with an AbortError', async () => {
    const ctl = new AbortController();
    const res = await conn.request<NodeJS.ReadableStream>({ method: 'GET', path: '/big', responseType: 'stream', signal: ctl.signal });
    ctl.abort();
    await expect(drain(res.body)).rejects.toBeInstanceOf(AbortError);
  });

  it('validates its options', () => {
    expect(() => new Connection({ provider: 'acme', baseUrl: 'not a url' })).toThrow(InvalidArgumentError);
    expect(() => new Connection({ provider: 'acme', baseUrl: 'ftp://host/' })).toThrow(InvalidArgumentError);
    expect(() => new Connection({ provider: '', baseUrl: 'http://x/' })).toThrow(InvalidArgumentError);
  });

  it('builds URLs like requests do', () => {
    expect(conn.buildUrl('/a', { b: 'c d' })).toBe(`${sim.url}/a?b=c%20d`);
    expect(conn.buildUrl('https://other.example/x')).toBe('https://other.example/x');
  });
});

describe('defaultErrorForStatus', () => {
  const ctx = (status: number, extra: Partial<HttpErrorContext> = {}): HttpErrorContext => ({
    provider: 'p',
    status,
    headers: {},
    bodyText: '',
    method: 'GET',
    url: 'https://h/x',
    requestId: 'r1',
    retryAfterMs: undefined,
    ...extra,
  });

  it.each([
    [400, BadRequestError],
    [409, BadRequestError],
    [422, BadRequestError],
    [401, InvalidCredentialsError],
    [403, InvalidCredentialsError],
    [404, NotFoundError],
    [410, NotFoundError],
    [420, RateLimitError],
    [429, RateLimitError],
    [503, ServiceUnavailableError],
  ])('maps %i', (status, cls) => {
    const err = defaultErrorForStatus(ctx(status));
    expect(err).toBeInstanceOf(cls);
    expect(err).toMatchObject({ status, method: 'GET', url: 'https://h/x', requestId: 'r1', provider: 'p' });
  });

  it('maps other 5xx to a retryable ProviderError and 4xx to a non-retryable one', () => {
    const e500 = defaultErrorForStatus(ctx(500));
    expect(e500.constructor).toBe(ProviderError);
    expect(e500.retryable).toBe(true);
    expect(defaultErrorForStatus(ctx(418)).retryable).toBe(false);
  });

  it('carries retryAfterMs, details and generic JSON error bodies', () => {
    expect((defaultErrorForStatus(ctx(429, { retryAfterMs: 1500 })) as RateLimitError).retryAfterMs).toBe(1500);
    const detailed = defaultErrorForStatus(ctx(400), { providerCode: 'InvalidParameter', providerMessage: 'bad name' });
    expect(detailed.message).toContain('InvalidParameter: bad name');
    expect(defaultErrorForStatus(ctx(400), { message: 'exact' }).message).toBe('exact');
    const nested = defaultErrorForStatus(ctx(404, { bodyText: '{"error":{"code":"NoSuchKey","message":"gone"}}' }));
    expect(nested).toMatchObject({ providerCode: 'NoSuchKey', providerMessage: 'gone' });
    const openstack = defaultErrorForStatus(ctx(404, { bodyText: '{"itemNotFound":{"code":404,"message":"x"}}' }));
    expect(openstack.providerCode).toBeUndefined();
  });
});

describe('parseRetryAfter', () => {
  it('parses seconds and HTTP dates', () => {
    const now = Date.parse('2024-01-01T00:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter('0.5', now)).toBe(500);
    expect(parseRetryAfter('Mon, 01 Jan 2024 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Sun, 31 Dec 2023 00:00:10 GMT', now)).toBe(0);
    expect(parseRetryAfter(['3'], now)).toBe(3000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('-1', now)).toBeUndefined();
  });
});
