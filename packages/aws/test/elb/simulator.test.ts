import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { encodeParams } from '../../src/ec2/params.js';
import { signRequestV4 } from '../../src/signing/sigv4.js';
import { ElbSimulator } from '../../src/simulator/index.js';
import { CREDS } from './helpers.js';

/** POSTs a Query API call signed for `service`/`region` (raw, to look at the wire). */
async function post(
  sim: ElbSimulator,
  params: Record<string, string>,
  scope: { service?: string; region?: string; secret?: string } = {},
): Promise<{ status: number; body: string; requestId: string | null }> {
  const body = Buffer.from(encodeParams(params));
  const req = {
    method: 'POST',
    url: new URL(`${sim.url}/`),
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', host: new URL(sim.url).host },
    body,
  };
  signRequestV4(
    req,
    { accessKeyId: CREDS.accessKeyId, secretAccessKey: scope.secret ?? CREDS.secretAccessKey },
    { region: scope.region ?? 'us-east-1', service: scope.service ?? 'elasticloadbalancing' },
  );
  const res = await fetch(req.url, { method: 'POST', headers: req.headers, body });
  return { status: res.status, body: await res.text(), requestId: res.headers.get('x-amzn-requestid') };
}

describe('ELB simulator wire protocol', () => {
  let sim: ElbSimulator;
  beforeEach(async () => {
    sim = await ElbSimulator.start({ credentials: [CREDS], maxPageSize: 1 });
  });
  afterEach(async () => sim.close());

  it('answers each API version in its own namespace with a Result and ResponseMetadata', async () => {
    const v1 = await post(sim, { Action: 'DescribeLoadBalancers', Version: '2012-06-01' });
    expect(v1.status).toBe(200);
    expect(v1.body).toContain('<DescribeLoadBalancersResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/">');
    expect(v1.body).toMatch(/<DescribeLoadBalancersResult>\s*<LoadBalancerDescriptions\/>\s*<\/DescribeLoadBalancersResult>/);
    expect(v1.body).toContain(`<RequestId>${v1.requestId}</RequestId>`);
    const v2 = await post(sim, { Action: 'DescribeLoadBalancers', Version: '2015-12-01' });
    expect(v2.body).toContain('<DescribeLoadBalancersResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/">');
  });

  it('sends ErrorResponse bodies with Type, Code, Message and RequestId', async () => {
    const res = await post(sim, { Action: 'DescribeLoadBalancers', Version: '2012-06-01', 'LoadBalancerNames.member.1': 'nope' });
    expect(res.status).toBe(400);
    expect(res.body).toMatch(
      /^<ErrorResponse xmlns="http:\/\/elasticloadbalancing\.amazonaws\.com\/doc\/2012-06-01\/">\s*<Error>\s*<Type>Sender<\/Type>\s*<Code>LoadBalancerNotFound<\/Code>\s*<Message>There is no ACTIVE Load Balancer named 'nope'<\/Message>\s*<\/Error>\s*<RequestId>[0-9a-f-]{36}<\/RequestId>/,
    );
    const unknown = await post(sim, { Action: 'RunInstances', Version: '2015-12-01' });
    expect([unknown.status, unknown.body.includes('<Code>InvalidAction</Code>')]).toEqual([400, true]);
    const noVersion = await post(sim, { Action: 'DescribeLoadBalancers' });
    expect(noVersion.body).toContain('<Code>MissingParameter</Code>');
  });

  it('verifies SigV4: wrong secret, wrong service scope, wrong region and no signature are refused', async () => {
    const cases = [
      [{ secret: 'wrong' }, 403, 'SignatureDoesNotMatch'],
      [{ service: 'ec2' }, 403, 'SignatureDoesNotMatch'],
      [{ region: 'eu-west-1' }, 403, 'SignatureDoesNotMatch'],
      [{}, 200, undefined],
    ] as const;
    for (const [scope, status, code] of cases) {
      const res = await post(sim, { Action: 'DescribeLoadBalancers', Version: '2015-12-01' }, scope);
      expect([res.status, res.body.match(/<Code>(.*)<\/Code>/)?.[1]]).toEqual([status, code]);
    }
    const bare = await fetch(`${sim.url}/`, {
      method: 'POST',
      body: 'Action=DescribeLoadBalancers&Version=2015-12-01',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(bare.status).toBe(403);
    expect(await bare.text()).toContain('<Code>MissingAuthenticationToken</Code>');
  });

  it('pages with Marker/NextMarker and refuses a forged marker', async () => {
    for (const name of ['a', 'b']) {
      const res = await post(sim, {
        Action: 'CreateLoadBalancer',
        Version: '2012-06-01',
        LoadBalancerName: name,
        'Listeners.member.1.Protocol': 'TCP',
        'Listeners.member.1.LoadBalancerPort': '80',
        'Listeners.member.1.InstancePort': '80',
        'AvailabilityZones.member.1': 'us-east-1a',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatch(/<DNSName>.+\.elb\.amazonaws\.com<\/DNSName>/);
    }
    const p1 = await post(sim, { Action: 'DescribeLoadBalancers', Version: '2012-06-01' });
    const marker = p1.body.match(/<NextMarker>(.*)<\/NextMarker>/)?.[1];
    expect(p1.body).toContain('<LoadBalancerName>a</LoadBalancerName>');
    expect(marker).toBeDefined();
    const p2 = await post(sim, { Action: 'DescribeLoadBalancers', Version: '2012-06-01', Marker: marker as string });
    expect(p2.body).toContain('<LoadBalancerName>b</LoadBalancerName>');
    expect(p2.body).not.toContain('<NextMarker>');
    const bad = await post(sim, { Action: 'DescribeLoadBalancers', Version: '2012-06-01', Marker: 'forged' });
    expect([bad.status, bad.body.includes('<Code>ValidationError</Code>')]).toEqual([400, true]);
  });
});
