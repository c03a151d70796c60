import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { AlreadyExistsError, BadRequestError, InvalidArgumentError, NotFoundError } from '@cloudmux/core/errors';
import { LoadBalancerState } from '@cloudmux/core/loadbalancer';
import { startElb, SUBNETS, type ElbHarness } from './helpers.js';

describe('ELBv2 driver against the simulator', () => {
  let h: ElbHarness;
  beforeEach(async () => {
    h = await startElb({ maxPageSize: 2, provisioningDelayMs: 60_000, healthyDelayMs: 60_000, drainDelayMs: 60_000 });
  });
  afterEach(async () => h.close());

  it('creates an application load balancer with a target group and listener; provisioning, then active', async () => {
    const b = await h.alb.createBalancer({
      name: 'app',
      port: 80,
      protocol: 'http',
      ex: { healthCheck: { path: '/health', intervalSeconds: 10 } },
    });
    expect(b.id).toMatch(/^arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer\/app\/app\/[0-9a-f]{16}$/);
    expect([b.name, b.port, b.state, b.extra.type, b.extra.stateCode, b.extra.protocol]).toEqual([
      'app',
      80,
      LoadBalancerState.PENDING,
      'application',
      'provisioning',
      'http',
    ]);
    expect(b.extra.availabilityZones.map((z) => z.subnetId)).toEqual(SUBNETS);
    const tg = await h.alb.exGetTargetGroup(b.extra.targetGroupArn as string);
    expect([
      tg.name,
      tg.protocol,
      tg.port,
      tg.targetType,
      tg.healthCheck.path,
      tg.healthCheck.intervalSeconds,
      tg.loadBalancerArns,
    ]).toEqual(['app', 'HTTP', 80, 'ip', '/health', 10, [b.id]]);
    h.sim.elapse(60_000);
    const active = await h.alb.getBalancer(b.id);
    expect([active.state, active.extra.stateCode]).toEqual([LoadBalancerState.RUNNING, 'active']);
    expect((await h.alb.getBalancer('app')).id).toBe(b.id);
  });

  it('sets least-connections through target group attributes, and stickiness as an ex attribute', async () => {
    expect(await h.alb.listSupportedAlgorithms()).toEqual(['round-robin', 'least-connections']);
    const b = await h.alb.createBalancer({ name: 'lor', port: 80, protocol: 'http', algorithm: 'least-connections' });
    const tg = b.extra.targetGroupArn as string;
    expect((await h.alb.exGetTargetGroupAttributes(tg))['load_balancing.algorithm.type']).toBe('least_outstanding_requests');
    const attrs = await h.alb.exSetTargetGroupAttributes(tg, {
      'stickiness.enabled': 'true',
      'stickiness.lb_cookie.duration_seconds': '600',
    });
    expect([attrs['stickiness.enabled'], attrs['stickiness.lb_cookie.duration_seconds'], attrs['stickiness.type']]).toEqual([
      'true',
      '600',
      'lb_cookie',
    ]);
    await expect(h.alb.exSetTargetGroupAttributes(tg, { 'no.such.key': '1' })).rejects.toMatchObject({
      providerCode: 'InvalidConfigurationRequest',
    });
    await expect(h.alb.createBalancer({ name: 'nlb', port: 53, protocol: 'udp', algorithm: 'round-robin' })).rejects.toThrow(/flow hash/);
    expect((await h.alb.exListTargetGroups()).map((t) => t.name)).toEqual(['lor']);
  });

  it('maps failed and active_impaired states through the state table', async () => {
    const b = await h.alb.createBalancer({ name: 'st', port: 80, protocol: 'http' });
    h.sim.setBalancerState(b.id, 'failed', 'subnet capacity');
    expect(await h.alb.getBalancer(b.id)).toMatchObject({
      state: LoadBalancerState.ERROR,
      extra: { stateCode: 'failed', stateReason: 'subnet capacity' },
    });
    h.sim.setBalancerState(b.id, 'active_impaired');
    expect((await h.alb.getBalancer(b.id)).state).toBe(LoadBalancerState.RUNNING);
  });

  it('creates network load balancers for tcp and refuses bad pairings', async () => {
    const n = await h.alb.createBalancer({ name: 'net', port: 5432, protocol: 'tcp' });
    expect([n.extra.type, n.extra.protocol]).toEqual(['network', 'tcp']);
    await expect(h.alb.createBalancer({ name: 'x', port: 80, protocol: 'tcp', ex: { type: 'application' } })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    const one = await h.alb
      .createBalancer({ name: 'one', port: 80, protocol: 'http', ex: { subnets: [SUBNETS[0] as string] } })
      .catch((e: unknown) => e);
    expect(one).toBeInstanceOf(BadRequestError);
    expect((one as BadRequestError).providerCode).toBe('ValidationError');
    const dup = await h.alb.createBalancer({ name: 'net', port: 80, protocol: 'http' }).catch((e: unknown) => e);
    expect(dup).toBeInstanceOf(AlreadyExistsError);
    expect((dup as AlreadyExistsError).providerCode).toBe('DuplicateLoadBalancerName');
    // The failed create left nothing behind: no extra target group named "one".
    expect((await h.alb.exListTargetGroups()).map((t) => t.name)).toEqual(['net']);
  });

  it('registers targets: initial, then healthy; deregistered ones drain out', async () => {
    const b = await h.alb.createBalancer({ name: 'tg', port: 80, protocol: 'http', members: [{ ip: '10.0.1.5', port: 8080 }] });
    await h.alb.balancerAttachMember(b, { ip: '10.0.1.6', port: 8080 });
    await expect(h.alb.balancerAttachMember(b, { ip: '8.8.8.8', port: 80 })).rejects.toMatchObject({ providerCode: 'ValidationError' });
    const first = await h.alb.balancerListMembers(b);
    expect(first.map((m) => [m.id, m.extra.state])).toEqual([
      ['10.0.1.5:8080', 'initial'],
      ['10.0.1.6:8080', 'initial'],
    ]);
    h.sim.elapse(60_000);
    expect((await h.alb.balancerListMembers(b)).map((m) => m.extra.state)).toEqual(['healthy', 'healthy']);
    const drop = first[1]!;
    expect(await h.alb.balancerDetachMember(b, { member: drop })).toBe(true);
    const health = await h.alb.exDescribeTargetHealth(b.extra.targetGroupArn as string);
    expect(health.find((t) => t.id === '10.0.1.6')).toMatchObject({ state: 'draining', reason: 'Target.DeregistrationInProgress' });
    expect((await h.alb.balancerListMembers(b)).map((m) => m.ip)).toEqual(['10.0.1.5']);
    await expect(h.alb.balancerDetachMember(b, { member: drop })).rejects.toBeInstanceOf(NotFoundError);
    h.sim.elapse(60_000);
    expect((await h.alb.exDescribeTargetHealth(b.extra.targetGroupArn as string)).map((t) => t.id)).toEqual(['10.0.1.5']);
  });

  it('manages target groups, listeners and rules, and pages with Marker', async () => {
    const b = await h.alb.createBalancer({ name: 'rules', port: 80, protocol: 'http' });
    const vpcId = b.extra.vpcId as string;
    const api = await h.alb.exCreateTargetGroup({ name: 'api', protocol: 'HTTP', port: 9000, vpcId, healthCheck: { path: '/ping' } });
    for (let i = 0; i < 3; i++) await h.alb.exCreateTargetGroup({ name: `extra-${i}`, protocol: 'HTTP', port: 9000, vpcId });
    expect((await h.alb.exListTargetGroups()).map((t) => t.name)).toEqual(['rules', 'api', 'extra-0', 'extra-1', 'extra-2']);
    expect((await h.alb.exListTargetGroups({ loadBalancerArn: b.id })).map((t) => t.name)).toEqual(['rules']);
    const listener = b.extra.listeners[0]!;
    const rule = await h.alb.exCreateRule(listener.arn, {
      priority: 10,
      conditions: [{ field: 'path-pattern', values: ['/api/*'] }],
      actions: [{ type: 'forward', targetGroupArn: api.arn }],
    });
    expect(rule).toMatchObject({ priority: '10', isDefault: false, conditions: [{ field: 'path-pattern', values: ['/api/*'] }] });
    await expect(
      h.alb.exCreateRule(listener.arn, {
        priority: 10,
        conditions: [{ field: 'host-header', values: ['a.example'] }],
        actions: [{ type: 'forward', targetGroupArn: api.arn }],
      }),
    ).rejects.toBeInstanceOf(AlreadyExistsError);
    const rules = await h.alb.exListRules(listener.arn);
    expect(rules.map((r) => r.priority)).toEqual(['10', 'default']);
    expect((await h.alb.exGetTargetGroup(api.arn)).loadBalancerArns).toEqual([b.id]);
    await expect(h.alb.exDeleteTargetGroup(api.arn)).rejects.toMatchObject({ providerCode: 'ResourceInUse' });
    await h.alb.exDeleteRule(rule.arn);
    await h.alb.exDeleteTargetGroup(api.arn);
    await expect(h.alb.exGetTargetGroup(api.arn)).rejects.toBeInstanceOf(NotFoundError);
    const second = await h.alb.exCreateListener(b, {
      port: 8080,
      protocol: 'HTTP',
      defaultActions: [{ type: 'forward', targetGroupArn: b.extra.targetGroupArn }],
    });
    await expect(
      h.alb.exCreateListener(b, {
        port: 8080,
        protocol: 'HTTP',
        defaultActions: [{ type: 'forward', targetGroupArn: b.extra.targetGroupArn }],
      }),
    ).rejects.toBeInstanceOf(AlreadyExistsError);
    const moved = await h.alb.exModifyListener(second.arn, { port: 8081 });
    expect(moved.port).toBe(8081);
    expect((await h.alb.exListListeners(b)).map((l) => l.port)).toEqual([80, 8081]);
    await h.alb.exDeleteListener(second.arn);
    await expect(h.alb.exModifyListener(second.arn, { port: 8082 })).rejects.toBeInstanceOf(NotFoundError);
    expect(h.sim.calls.filter((c) => c.action === 'DescribeTargetGroups').length).toBeGreaterThan(3);
  });

  it('lists every balancer across Marker pages and destroys one with its target group', async () => {
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await h.alb.createBalancer({ name: `b-${i}`, port: 80 + i, protocol: 'http' }));
    const listed = await h.alb.listBalancers();
    expect(listed.map((b) => [b.name, b.port])).toEqual(made.map((b, i) => [`b-${i}`, 80 + i]));
    expect(await h.alb.destroyBalancer(made[0]!)).toBe(true);
    await expect(h.alb.getBalancer(made[0]!.id)).rejects.toMatchObject({ providerCode: 'LoadBalancerNotFound' });
    await expect(h.alb.destroyBalancer(made[0]!.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await h.alb.exListTargetGroups()).map((t) => t.name)).toEqual(['b-1', 'b-2', 'b-3', 'b-4']);
  });
});
