import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { AlreadyExistsError, BadRequestError, InvalidArgumentError, InvalidCredentialsError, NotFoundError } from '@cloudmux/core/errors';
import { LoadBalancerState } from '@cloudmux/core/loadbalancer';
import { ElbLoadBalancerDriver } from '../../src/elb/driver.js';
import { CREDS, ec2Node, startElb, type ElbHarness } from './helpers.js';

const ZONES = { availabilityZones: ['us-east-1a', 'us-east-1b'] };
const I1 = 'i-0aaaaaaaaaaaaaaa1';
const I2 = 'i-0aaaaaaaaaaaaaaa2';

describe('classic ELB driver against the simulator', () => {
  let h: ElbHarness;
  beforeEach(async () => {
    h = await startElb({ maxPageSize: 2, provisioningDelayMs: 60_000, healthyDelayMs: 60_000, drainDelayMs: 60_000 });
  });
  afterEach(async () => h.close());

  it('creates a balancer with listeners in zones and reads it back', async () => {
    const b = await h.elb.createBalancer({
      name: 'web',
      port: 443,
      protocol: 'https',
      ex: {
        ...ZONES,
        instancePort: 8080,
        instanceProtocol: 'http',
        sslCertificateId: 'arn:aws:iam::123456789012:server-certificate/c',
        listeners: [{ protocol: 'tcp', loadBalancerPort: 22, instancePort: 22 }],
      },
    });
    expect([b.id, b.name, b.port, b.state, b.ip]).toEqual(['web', 'web', 443, LoadBalancerState.RUNNING, undefined]);
    expect(b.extra.listeners.map((l) => `${l.protocol}:${l.loadBalancerPort}->${l.instanceProtocol}:${l.instancePort}`)).toEqual([
      'HTTPS:443->HTTP:8080',
      'TCP:22->TCP:22',
    ]);
    expect(b.extra.availabilityZones).toEqual(['us-east-1a', 'us-east-1b']);
    expect(b.extra.dnsName).toMatch(/^web-\d+\.us-east-1\.elb\.amazonaws\.com$/);
    expect(b.extra.healthCheck?.target).toBe('TCP:8080');
  });

  it('defaults to the region zone a and lists every Marker page', async () => {
    for (let i = 0; i < 5; i++) await h.elb.createBalancer({ name: `lb-${i}`, port: 80, protocol: 'http' });
    const before = h.sim.calls.length;
    const listed = await h.elb.listBalancers();
    expect(listed.map((b) => b.name)).toEqual(['lb-0', 'lb-1', 'lb-2', 'lb-3', 'lb-4']);
    expect(listed[0]?.extra.availabilityZones).toEqual(['us-east-1a']);
    const pages = h.sim.calls.slice(before).filter((c) => c.action === 'DescribeLoadBalancers').length;
    expect(pages).toBe(3);
  });

  it('maps duplicate, missing, invalid and throttled calls onto core errors', async () => {
    await h.elb.createBalancer({ name: 'dup', port: 80, protocol: 'http' });
    // Same name and listeners: AWS answers with the existing balancer.
    await expect(h.elb.createBalancer({ name: 'dup', port: 80, protocol: 'http' })).resolves.toMatchObject({ id: 'dup' });
    const dup = await h.elb.createBalancer({ name: 'dup', port: 81, protocol: 'http' }).catch((e: unknown) => e);
    expect(dup).toBeInstanceOf(AlreadyExistsError);
    expect((dup as AlreadyExistsError).providerCode).toBe('DuplicateLoadBalancerName');
    const missing = await h.elb.getBalancer('nope').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((missing as NotFoundError).providerCode).toBe('LoadBalancerNotFound');
    expect((missing as NotFoundError).requestId).toMatch(/^[0-9a-f-]{36}$/);
    await expect(h.elb.destroyBalancer('nope')).rejects.toBeInstanceOf(NotFoundError);
    const bad = await h.elb
      .createBalancer({ name: 'z', port: 80, protocol: 'http', ex: { availabilityZones: ['mars-1a'] } })
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(BadRequestError);
    expect((bad as BadRequestError).providerCode).toBe('InvalidConfigurationRequest');
    await expect(h.elb.createBalancer({ name: '-bad', port: 80, protocol: 'http' })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(h.elb.createBalancer({ name: 'x', port: 80, protocol: 'http', algorithm: 'round-robin' })).rejects.toThrow(
      /least-connections/,
    );
    await expect(h.elb.createBalancer({ name: 'x', port: 80, protocol: 'http', members: [{ ip: '192.0.2.1', port: 80 }] })).rejects.toThrow(
      /instanceIds/,
    );
    h.sim.injectActionFault({
      action: 'DescribeLoadBalancers',
      kind: 'error',
      status: 400,
      code: 'Throttling',
      message: 'Rate exceeded',
      times: 2,
    });
    await expect(h.elb.getBalancer('dup')).resolves.toMatchObject({ name: 'dup' });
    expect(h.sim.calls.filter((c) => c.errorCode === 'Throttling')).toHaveLength(2);
  });

  it('refuses a wrong secret with InvalidCredentialsError', async () => {
    const d = new ElbLoadBalancerDriver(CREDS.accessKeyId, 'wrong-secret', { endpoint: h.sim.url, retry: false });
    const err = await d.listBalancers().catch((e: unknown) => e);
    d.close();
    expect(err).toBeInstanceOf(InvalidCredentialsError);
    expect((err as InvalidCredentialsError).providerCode).toBe('SignatureDoesNotMatch');
  });

  it('registers instances, reports OutOfService then InService, and deregisters them', async () => {
    const b = await h.elb.createBalancer({ name: 'members', port: 80, protocol: 'http', ex: { instanceIds: [I1] } });
    const m = await h.elb.balancerAttachComputeNode(b, { node: ec2Node(I2) });
    expect([m.id, m.ip, m.port, m.balancerId]).toEqual([I2, '192.0.2.44', 80, 'members']);
    await expect(h.elb.balancerAttachComputeNode(b, { node: ec2Node(I2), port: 81 })).rejects.toBeInstanceOf(InvalidArgumentError);
    const first = await h.elb.exDescribeInstanceHealth(b);
    expect(first.map((x) => x.instanceId).sort()).toEqual([I1, I2]);
    expect(first.every((x) => x.state === 'OutOfService' && x.reasonCode === 'ELB')).toBe(true);
    h.sim.elapse(60_000);
    const later = await h.elb.exDescribeInstanceHealth(b);
    expect(later.map((x) => x.state)).toEqual(['InService', 'InService']);
    expect(await h.elb.exDeregisterInstances(b, [I1])).toEqual([I2]);
    await expect(h.elb.exDeregisterInstances(b, [I1])).rejects.toMatchObject({ providerCode: 'InvalidInstance' });
    expect((await h.elb.getBalancer('members')).extra.instanceIds).toEqual([I2]);
    await expect(h.elb.exRegisterInstances(b, ['not-an-instance'])).rejects.toMatchObject({ providerCode: 'InvalidInstance' });
  });

  it('configures health checks, listeners and stickiness policies', async () => {
    const b = await h.elb.createBalancer({ name: 'pol', port: 80, protocol: 'http' });
    const hc = { target: 'HTTP:80/health', interval: 10, timeout: 5, unhealthyThreshold: 2, healthyThreshold: 3 };
    expect(await h.elb.exConfigureHealthCheck(b, hc)).toEqual(hc);
    expect((await h.elb.getBalancer('pol')).extra.healthCheck).toEqual(hc);
    await expect(h.elb.exConfigureHealthCheck(b, { ...hc, target: 'FTP:21' })).rejects.toBeInstanceOf(InvalidArgumentError);
    await h.elb.exCreateStickinessPolicy(b, 'sticky', { cookieExpirationPeriodSec: 600 });
    await h.elb.exSetListenerPolicies(b, 80, ['sticky']);
    let got = await h.elb.getBalancer('pol');
    expect(got.extra.listeners[0]?.policyNames).toEqual(['sticky']);
    expect(got.extra.policyNames.lbCookieStickiness).toEqual(['sticky']);
    await h.elb.exCreatePolicy(b, { name: 'proxy', typeName: 'ProxyProtocolPolicyType', attributes: { ProxyProtocol: 'true' } });
    const policies = await h.elb.exListPolicies(b);
    expect(policies.find((p) => p.name === 'proxy')).toEqual({
      name: 'proxy',
      typeName: 'ProxyProtocolPolicyType',
      attributes: { ProxyProtocol: 'true' },
    });
    expect(policies.find((p) => p.name === 'sticky')?.attributes).toEqual({ CookieExpirationPeriod: '600' });
    await expect(h.elb.exSetListenerPolicies(b, 80, ['missing'])).rejects.toBeInstanceOf(NotFoundError);
    await h.elb.exSetListenerPolicies(b, 80, []);
    await h.elb.exDeletePolicy(b, 'sticky');
    await h.elb.exCreateListeners(b, [{ protocol: 'tcp', loadBalancerPort: 8443, instancePort: 8443 }]);
    got = await h.elb.getBalancer('pol');
    expect(got.extra.listeners.map((l) => l.loadBalancerPort)).toEqual([80, 8443]);
    expect(got.extra.policyNames.lbCookieStickiness).toEqual([]);
    await h.elb.exDeleteListeners(b, [8443]);
    expect((await h.elb.getBalancer('pol')).extra.listeners).toHaveLength(1);
  });
});

describe('classic ELB driver credentials', () => {
  it('signs with a session token and keeps secret and token out of errors', async () => {
    const temp = {
      accessKeyId: 'ASIATESTELB000000001',
      secretAccessKey: 'temp/elb/secret/value/000000000000000001',
      sessionToken: 'temp-elb-session-token-0001',
    };
    const h = await startElb({ credentials: [temp] });
    try {
      const d = new ElbLoadBalancerDriver(temp.accessKeyId, temp.secretAccessKey, {
        endpoint: h.sim.url,
        sessionToken: temp.sessionToken,
        retry: false,
      });
      await expect(d.listBalancers()).resolves.toEqual([]);
      const err = await d.getBalancer('missing').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NotFoundError);
      const { inspect } = await import('node:util');
      const text = `${String(err)} ${JSON.stringify(err)} ${inspect(err, { depth: 8 })} ${inspect(d, { depth: 8, showHidden: true })}`;
      for (const secret of [temp.secretAccessKey, temp.sessionToken]) expect(text).not.toContain(secret);
      const noToken = new ElbLoadBalancerDriver(temp.accessKeyId, temp.secretAccessKey, { endpoint: h.sim.url, retry: false });
      await expect(noToken.listBalancers()).rejects.toBeInstanceOf(InvalidCredentialsError);
      d.close();
      noToken.close();
    } finally {
      await h.close();
    }
  });
});
