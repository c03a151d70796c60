import { MalformedResponseError } from '@cloudmux/core/errors';
import { jsonReply, type SimulatorServer } from '@cloudmux/core/testing';
import { ServiceClient } from '../../src/common/service-client.js';
import { iteratePages, nextLink, resolveNextLink } from '../../src/common/paging.js';
import type { OpenStackSimulator } from '../../src/simulator/index.js';
import { authCount, demoSession, startService, startSim } from '../identity/sim-support.js';

describe('resolveNextLink', () => {
  it('keeps path and query of absolute links but uses the base URL origin', () => {
    expect(resolveNextLink('https://api.example/compute/v2.1', 'http://controller:8774/compute/v2.1/servers?limit=2&marker=m')).toBe(
      'https://api.example/compute/v2.1/servers?limit=2&marker=m',
    );
  });

  it('joins Glance-style absolute paths with the overlapping version segment once', () => {
    expect(resolveNextLink('http://h/image/v2', '/v2/images?marker=abc')).toBe('http://h/image/v2/images?marker=abc');
    expect(resolveNextLink('http://h:9292/v2', '/v2/images?marker=abc')).toBe('http://h:9292/v2/images?marker=abc');
    expect(resolveNextLink('http://h/svc', '/other/x')).toBe('http://h/svc/other/x');
  });

  it('resolves relative links against the base URL', () => {
    expect(resolveNextLink('http://h/v2.0', 'ports?marker=1')).toBe('http://h/v2.0/ports?marker=1');
  });

  it('reads rel=next from a links array', () => {
    expect(
      nextLink([
        { rel: 'self', href: 'a' },
        { rel: 'next', href: 'b' },
      ]),
    ).toBe('b');
    expect(nextLink([{ rel: 'self', href: 'a' }])).toBeUndefined();
    expect(nextLink(undefined)).toBeUndefined();
  });
});

describe('iteratePages', () => {
  let sim: OpenStackSimulator;
  let svc: SimulatorServer;
  const ITEMS = Array.from({ length: 7 }, (_, i) => ({ id: `s${i}` }));
  let expireAfterPage: number | undefined;
  let loop = false;

  beforeEach(async () => {
    expireAfterPage = undefined;
    loop = false;
    sim = await startSim();
    svc = await startService(sim, (router, auth) => {
      router.add('GET', '/v2.1/servers', (req) => {
        auth(req);
        const limit = Number(req.url.searchParams.get('limit') ?? '1000');
        const marker = req.url.searchParams.get('marker');
        const start = marker === null ? 0 : ITEMS.findIndex((s) => s.id === marker) + 1;
        const page = ITEMS.slice(start, start + limit);
        const last = page.at(-1);
        const more = start + limit < ITEMS.length;
        if (expireAfterPage !== undefined && start / limit + 1 === expireAfterPage) sim.advanceClock(3_600_001);
        const href = loop
          ? `http://internal.example/v2.1/servers?limit=${limit}`
          : `http://internal.example/v2.1/servers?limit=${limit}&marker=${last?.id ?? ''}`;
        return jsonReply(200, { servers: page, ...(more ? { servers_links: [{ rel: 'next', href }] } : {}) });
      });
    });
  });
  afterEach(async () => {
    await svc.close();
    await sim.stop();
  });

  function client(): ServiceClient {
    const session = demoSession(sim, { endpointOverrides: { compute: `${svc.url}/v2.1` } });
    return new ServiceClient(session, { provider: 'openstack', selector: { type: 'compute' } });
  }

  const page = (body: unknown): { items: Array<{ id: string }>; next: string | undefined } => {
    const b = body as { servers: Array<{ id: string }>; servers_links?: unknown };
    return { items: b.servers, next: nextLink(b.servers_links) };
  };

  it('follows every next link (rewritten to the endpoint host) lazily', async () => {
    const seen: string[] = [];
    for await (const s of iteratePages(client(), { method: 'GET', path: '/servers', query: { limit: 3 } }, page)) seen.push(s.id);
    expect(seen).toEqual(ITEMS.map((s) => s.id));
    expect(svc.requests.map((r) => r.path)).toEqual([
      '/v2.1/servers?limit=3',
      '/v2.1/servers?limit=3&marker=s2',
      '/v2.1/servers?limit=3&marker=s5',
    ]);
  });

  it('stops requesting when the consumer stops', async () => {
    for await (const s of iteratePages(client(), { method: 'GET', path: '/servers', query: { limit: 3 } }, page)) {
      if (s.id === 's1') break;
    }
    expect(svc.requests).toHaveLength(1);
  });

  it('refreshes a token that expires mid-listing and carries on', async () => {
    expireAfterPage = 1;
    const seen: string[] = [];
    for await (const s of iteratePages(client(), { method: 'GET', path: '/servers', query: { limit: 3 } }, page)) seen.push(s.id);
    expect(seen).toHaveLength(7);
    expect(authCount(sim)).toBe(2);
    expect(svc.requests.map((r) => r.status)).toEqual([200, 401, 200, 200]);
  });

  it('refuses a next link that repeats instead of looping', async () => {
    loop = true;
    const seen: string[] = [];
    const run = async (): Promise<void> => {
      for await (const s of iteratePages(client(), { method: 'GET', path: '/servers', query: { limit: 3 } }, page)) seen.push(s.id);
    };
    await expect(run()).rejects.toBeInstanceOf(MalformedResponseError);
    expect(svc.requests.length).toBeLessThanOrEqual(3);
  });
});
