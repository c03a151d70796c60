import { LoadBalancerDriver } from '@cloudmux/core/loadbalancer';
import { iterateBalancers } from '../../src/loadbalancer/balancers.js';
import type { LoadBalancerClient, LbRequest } from '../../src/loadbalancer/client.js';
import type { LbContext } from '../../src/loadbalancer/context.js';

class Detached extends LoadBalancerDriver {}

/** A context whose client serves `pages` in order and records the requests. */
function fakeContext(pages: unknown[], pageSize: number): { ctx: LbContext; requests: LbRequest[] } {
  const requests: LbRequest[] = [];
  const client = {
    send: async (req: LbRequest) => {
      requests.push(req);
      return { status: 200, body: pages[requests.length - 1] ?? { loadBalancers: [] } };
    },
  } as unknown as LoadBalancerClient;
  const ctx: LbContext = {
    provider: 'rackspace',
    client,
    driver: new Detached(),
    waitForActive: true,
    pollIntervalMs: 100,
    waitTimeoutMs: 1000,
    pageSize,
  };
  return { ctx, requests };
}

const lb = (id: number): unknown => ({ id, name: `b${id}`, status: 'ACTIVE', port: 80, virtualIps: [] });

async function ids(ctx: LbContext): Promise<string[]> {
  const out: string[] = [];
  for await (const b of iterateBalancers(ctx)) out.push(b.id);
  return out;
}

describe('iterateBalancers paging', () => {
  it('without next links, asks for the page at the last id seen and skips the repeated item', async () => {
    // Rackspace documents the marker as the id the page starts at, so each page repeats the previous page's last item.
    const { ctx, requests } = fakeContext(
      [{ loadBalancers: [lb(1), lb(2)] }, { loadBalancers: [lb(2), lb(3)] }, { loadBalancers: [lb(3)] }],
      2,
    );
    expect(await ids(ctx)).toEqual(['1', '2', '3']);
    expect(requests.map((r) => r.query)).toEqual([{ limit: 2 }, { limit: 2, marker: '2' }, { limit: 2, marker: '3' }]);
  });

  it('with an exclusive marker, stops on the short page', async () => {
    const { ctx, requests } = fakeContext([{ loadBalancers: [lb(1), lb(2)] }, { loadBalancers: [lb(3)] }], 2);
    expect(await ids(ctx)).toEqual(['1', '2', '3']);
    expect(requests.length).toBe(2);
  });

  it('follows next links when the service sends them', async () => {
    const next = 'https://dfw.loadbalancers.example/v1.0/1/loadbalancers?limit=2&marker=3';
    const { ctx, requests } = fakeContext(
      [
        { loadBalancers: [lb(1), lb(2)], links: [{ rel: 'next', href: next }] },
        { loadBalancers: [lb(3)], links: [] },
      ],
      2,
    );
    expect(await ids(ctx)).toEqual(['1', '2', '3']);
    expect(requests[1]!.path).toBe(next);
  });
});
