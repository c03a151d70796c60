import type { Ec2Simulator } from '../../src/simulator/index.js';
import { Ec2TestClient, instancesOf, items, startSimulator } from './helpers.js';

describe('Ec2Simulator pagination', () => {
  let sim: Ec2Simulator;
  let client: Ec2TestClient;
  let seeded: string[];

  beforeAll(async () => {
    ({ sim, client } = await startSimulator());
    seeded = sim.seedInstances(2500, { tags: { Name: 'node-{n}' }, instancesPerReservation: 3 });
  });
  afterAll(() => sim.close());

  const pages = async (params: Record<string, string | number>): Promise<{ ids: string[]; sizes: number[] }> => {
    const ids: string[] = [];
    const sizes: number[] = [];
    let token: string | undefined;
    do {
      // Big pages: read ids and the token with patterns rather than a full parse, to keep the test fast.
      const r = await client.call('DescribeInstances', { ...params, ...(token ? { NextToken: token } : {}) }, { raw: true });
      expect(r.status).toBe(200);
      const page = [...r.text.matchAll(/<instanceId>(i-[0-9a-f]{17})<\/instanceId>/g)].map((m) => m[1] as string);
      ids.push(...page);
      sizes.push(page.length);
      token = /<nextToken>([^<]+)<\/nextToken>/.exec(r.text)?.[1];
    } while (token);
    return { ids, sizes };
  };

  it('pages 2,500 instances with MaxResults/NextToken, in launch order, without gaps or repeats', async () => {
    const { ids, sizes } = await pages({ MaxResults: 1000 });
    expect(sizes).toEqual([1000, 1000, 500]);
    expect(ids).toEqual(seeded);
  });

  it('groups each page by reservation', async () => {
    const xml = await client.ok('DescribeInstances', { MaxResults: 7 });
    const reservations = items(xml.reservationSet);
    expect(reservations.map((r) => items(r.instancesSet).length)).toEqual([3, 3, 1]);
    expect(new Set(reservations.map((r) => r.reservationId)).size).toBe(3);
    expect(reservations[0]!.ownerId).toBe('123456789012');
  });

  it('pages filtered results and keeps later pages stable when instances are added between pages', async () => {
    const first = await client.ok('DescribeInstances', { MaxResults: 5, 'Filter.1.Name': 'tag:Name', 'Filter.1.Value.1': 'node-1*' });
    expect(instancesOf(first).map((i) => items(i.tagSet)[0]!.value)).toEqual(['node-1', 'node-10', 'node-11', 'node-12', 'node-13']);
    sim.seedInstances(1, { tags: { Name: 'node-1-late' } });
    const rest = await pages({
      MaxResults: 500,
      NextToken: String(first.nextToken),
      'Filter.1.Name': 'tag:Name',
      'Filter.1.Value.1': 'node-1*',
    });
    // node-1, node-10..19, node-100..199, node-1000..1999 = 1 + 10 + 100 + 1000; plus the late one
    expect(rest.ids.length + 5).toBe(1112);
    expect(new Set(rest.ids).size).toBe(rest.ids.length);
  });

  it('returns everything without MaxResults and rejects a garbage NextToken', async () => {
    const all = await client.call('DescribeInstances', {}, { raw: true });
    expect(all.text.match(/<instanceId>/g)?.length).toBe(sim.state.instances.size);
    expect(all.text).not.toContain('<nextToken>');
    expect(await client.fail('DescribeInstances', { MaxResults: 5, NextToken: 'not-a-token' })).toMatchObject({
      status: 400,
      code: 'InvalidPaginationToken',
    });
  });
});
