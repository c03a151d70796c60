import http from 'node:http';
import { SimulatorServer, Router, jsonReply, SimulatorHttpError, type SimulatorRequest } from '@cloudmux/core/testing';

interface RawResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Plain node:http client with no retries, so faults are observed as they are. */
function send(
  url: string,
  options: { method?: string; body?: string; headers?: Record<string, string>; agent?: http.Agent } = {},
): Promise<RawResult> {
  return new Promise((resolve, reject) => {
    const r = http.request(url, { method: options.method ?? 'GET', headers: options.headers, agent: options.agent ?? false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('aborted', () => reject(new Error('aborted')));
      res.on('end', () => {
        if (!res.complete) reject(new Error('incomplete body'));
        else resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() });
      });
    });
    r.on('error', reject);
    r.end(options.body);
  });
}

describe('SimulatorServer', () => {
  let sim: SimulatorServer;
  let seen: SimulatorRequest[];
  let created: number;

  beforeEach(async () => {
    seen = [];
    created = 0;
    const router = new Router()
      .add('GET', '/items/:id', (req, p) => {
        seen.push(req);
        return jsonReply(200, { id: p.id, padding: 'x'.repeat(100) }, { 'x-request-id': 'req-1' });
      })
      .add('POST', '/items', (req) => {
        seen.push(req);
        created += 1;
        return jsonReply(201, { created });
      })
      .add('GET', '/boom', () => {
        throw new Error('handler exploded');
      })
      .add('GET', '/teapot', () => {
        throw new SimulatorHttpError({ status: 418, body: 'short and stout' });
      });
    sim = await SimulatorServer.start(router.handle);
  });

  afterEach(async () => {
    await sim.close();
  });

  it('listens on 127.0.0.1 and hands the handler the whole body and raw path', async () => {
    expect(sim.url).toBe(`http://127.0.0.1:${sim.port}`);
    const body = 'a'.repeat(200_000);
    const res = await send(`${sim.url}/items?x=%2F1`, { method: 'POST', body, headers: { 'content-type': 'text/plain' } });
    expect(res.status).toBe(201);
    expect(seen[0]!.body.toString()).toBe(body);
    expect(seen[0]!.rawPath).toBe('/items?x=%2F1');
    expect(seen[0]!.url.searchParams.get('x')).toBe('/1');
  });

  it('logs every request with method, path, headers, status and time', async () => {
    const before = Date.now();
    await send(`${sim.url}/items/7?verbose=1`, { headers: { 'x-test': 'yes' } });
    await send(`${sim.url}/nowhere`);
    expect(sim.requests).toHaveLength(2);
    expect(sim.requests[0]).toMatchObject({ method: 'GET', path: '/items/7?verbose=1', status: 200, fault: undefined });
    expect(sim.requests[0]!.headers['x-test']).toBe('yes');
    expect(sim.requests[0]!.at.getTime()).toBeGreaterThanOrEqual(before - 5);
    expect(sim.requests[1]!.status).toBe(404);
    sim.clearRequests();
    expect(sim.requests).toHaveLength(0);
  });

  it('injects a status fault `times` times, matching method and path', async () => {
    sim.injectFault({
      kind: 'status',
      status: 503,
      body: { code: 'Busy' },
      headers: { 'retry-after': '3' },
      method: 'GET',
      path: /^\/items\//,
      times: 2,
    });
    const post = await send(`${sim.url}/items`, { method: 'POST' });
    expect(post.status).toBe(201); // method does not match
    const first = await send(`${sim.url}/items/1`);
    expect(first.status).toBe(503);
    expect(first.headers['retry-after']).toBe('3');
    expect(JSON.parse(first.body)).toEqual({ code: 'Busy' });
    expect((await send(`${sim.url}/items/1`)).status).toBe(503);
    expect((await send(`${sim.url}/items/1`)).status).toBe(200);
    expect(sim.requests.map((r) => r.fault)).toEqual([undefined, 'status', 'status', undefined]);
    expect(seen).toHaveLength(2); // the handler did not run for the faulted requests
  });

  it('matches an exact path string and can clear faults', async () => {
    sim.injectFault({ kind: 'status', status: 429, path: '/items/2', times: Infinity });
    expect((await send(`${sim.url}/items/1`)).status).toBe(200);
    expect((await send(`${sim.url}/items/2`)).status).toBe(429);
    expect((await send(`${sim.url}/items/2`)).status).toBe(429);
    sim.clearFaults();
    expect((await send(`${sim.url}/items/2`)).status).toBe(200);
  });

  it('delays the answer with a latency fault', async () => {
    sim.injectFault({ kind: 'latency', ms: 50 });
    const res = await send(`${sim.url}/items/1`);
    expect(res.status).toBe(200);
    expect(sim.requests[0]).toMatchObject({ fault: 'latency', status: 200 });
  });

  it('resets the connection before answering', async () => {
    sim.injectFault({ kind: 'reset' });
    await expect(send(`${sim.url}/items/1`)).rejects.toThrow();
    expect(sim.requests[0]).toMatchObject({ fault: 'reset', status: 0 });
    expect(seen).toHaveLength(0);
  });

  it('truncates the body below the declared Content-Length', async () => {
    sim.injectFault({ kind: 'truncate', bytes: 10 });
    await expect(send(`${sim.url}/items/1`)).rejects.toThrow();
    expect(sim.requests[0]).toMatchObject({ fault: 'truncate', status: 200 });
  });

  it('reset-after-handling runs the handler (state changes) but never answers', async () => {
    sim.injectFault({ kind: 'reset-after-handling', method: 'POST' });
    await expect(send(`${sim.url}/items`, { method: 'POST' })).rejects.toThrow();
    expect(created).toBe(1);
    expect(sim.requests[0]).toMatchObject({ fault: 'reset-after-handling', status: 0 });
    const next = await send(`${sim.url}/items`, { method: 'POST' });
    expect(JSON.parse(next.body)).toEqual({ created: 2 });
  });

  it('hangs a request until close() ends it', async () => {
    sim.injectFault({ kind: 'hang' });
    const pending = send(`${sim.url}/items/1`);
    const settled = pending.then(
      () => 'resolved',
      () => 'rejected',
    );
    while (sim.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    await sim.close();
    expect(await settled).toBe('rejected');
    expect(sim.requests[0]).toMatchObject({ fault: 'hang', status: 0 });
  });

  it('answers 500 when a handler throws, or the reply of a SimulatorHttpError', async () => {
    const boom = await send(`${sim.url}/boom`);
    expect(boom.status).toBe(500);
    expect(JSON.parse(boom.body)).toMatchObject({ message: 'handler exploded' });
    const teapot = await send(`${sim.url}/teapot`);
    expect(teapot).toMatchObject({ status: 418, body: 'short and stout' });
  });

  it('close() destroys idle keep-alive sockets and is idempotent', async () => {
    const agent = new http.Agent({ keepAlive: true });
    try {
      expect((await send(`${sim.url}/items/1`, { agent })).status).toBe(200);
      await Promise.all([sim.close(), sim.close()]);
      await expect(send(`${sim.url}/items/1`)).rejects.toThrow();
    } finally {
      agent.destroy();
    }
  });

  it('keeps only the newest entries with requestLogLimit', async () => {
    const small = await SimulatorServer.start(() => jsonReply(200, {}), { requestLogLimit: 2 });
    try {
      for (const n of [1, 2, 3]) await send(`${small.url}/n${n}`);
      expect(small.requests.map((r) => r.path)).toEqual(['/n2', '/n3']);
    } finally {
      await small.close();
    }
  });

  it('rejects a non-positive fault count', () => {
    expect(() => sim.injectFault({ kind: 'reset', times: 0 })).toThrow(RangeError);
  });
});
