import { LoadBalancer, type LoadBalancerDriver } from '@cloudmux/core/loadbalancer';
import { date, int, memberTexts, members, obj, txt } from '../elb/wire.js';
import type { XmlObject } from '../xml/index.js';
import { toBalancerState } from './state-map.js';
import type { Elbv2Action, Elbv2BalancerExtra, Elbv2Listener, Elbv2Rule, Elbv2TargetGroup, Elbv2TargetHealth } from './types.js';

/** An `<Actions>`/`<DefaultActions>` member. */
export function toAction(a: XmlObject): Elbv2Action {
  return { type: txt(a, 'Type') ?? '', targetGroupArn: txt(a, 'TargetGroupArn') };
}

/** A `<Listeners>` member. */
export function toListener(l: XmlObject): Elbv2Listener {
  return {
    arn: txt(l, 'ListenerArn') ?? '',
    loadBalancerArn: txt(l, 'LoadBalancerArn'),
    port: int(l, 'Port') ?? 0,
    protocol: txt(l, 'Protocol') ?? '',
    defaultActions: members(l, 'DefaultActions').map(toAction),
  };
}

/** A `<Rules>` member. */
export function toRule(r: XmlObject): Elbv2Rule {
  return {
    arn: txt(r, 'RuleArn') ?? '',
    priority: txt(r, 'Priority') ?? '',
    conditions: members(r, 'Conditions').map((c) => ({ field: txt(c, 'Field') ?? '', values: memberTexts(c, 'Values') })),
    actions: members(r, 'Actions').map(toAction),
    isDefault: txt(r, 'IsDefault') === 'true',
  };
}

/** A `<TargetGroups>` member. */
export function toTargetGroup(t: XmlObject): Elbv2TargetGroup {
  return {
    arn: txt(t, 'TargetGroupArn') ?? '',
    name: txt(t, 'TargetGroupName') ?? '',
    protocol: txt(t, 'Protocol'),
    port: int(t, 'Port'),
    vpcId: txt(t, 'VpcId'),
    targetType: txt(t, 'TargetType'),
    loadBalancerArns: memberTexts(t, 'LoadBalancerArns'),
    healthCheck: {
      protocol: txt(t, 'HealthCheckProtocol'),
      port: txt(t, 'HealthCheckPort'),
      path: txt(t, 'HealthCheckPath'),
      intervalSeconds: int(t, 'HealthCheckIntervalSeconds'),
      timeoutSeconds: int(t, 'HealthCheckTimeoutSeconds'),
      healthyThresholdCount: int(t, 'HealthyThresholdCount'),
      unhealthyThresholdCount: int(t, 'UnhealthyThresholdCount'),
      matcher: txt(obj(t, 'Matcher'), 'HttpCode'),
    },
  };
}

/** A `<TargetHealthDescriptions>` member. */
export function toTargetHealth(d: XmlObject): Elbv2TargetHealth {
  const target = obj(d, 'Target');
  const health = obj(d, 'TargetHealth');
  return {
    id: txt(target, 'Id') ?? '',
    port: int(target, 'Port'),
    state: txt(health, 'State') ?? 'unavailable',
    reason: txt(health, 'Reason'),
    description: txt(health, 'Description'),
  };
}

/**
 * A `<LoadBalancers>` member and its listeners as a portable balancer: id is the ARN, port and
 * protocol the first listener's (0 and `undefined` without one), no IP (only a DNS name), state
 * from {@link toBalancerState}.
 */
export function toBalancer(
  d: XmlObject,
  listeners: readonly Elbv2Listener[],
  driver: LoadBalancerDriver,
): LoadBalancer<Elbv2BalancerExtra> {
  const arn = txt(d, 'LoadBalancerArn') ?? '';
  const state = obj(d, 'State');
  const sorted = [...listeners].sort((a, b) => a.port - b.port);
  const first = sorted[0];
  return new LoadBalancer<Elbv2BalancerExtra>(
    {
      id: arn,
      name: txt(d, 'LoadBalancerName') ?? '',
      state: toBalancerState(txt(state, 'Code')),
      ip: undefined,
      port: first?.port ?? 0,
      extra: {
        arn,
        type: txt(d, 'Type'),
        stateCode: txt(state, 'Code'),
        stateReason: txt(state, 'Reason'),
        dnsName: txt(d, 'DNSName'),
        canonicalHostedZoneId: txt(d, 'CanonicalHostedZoneId'),
        scheme: txt(d, 'Scheme'),
        vpcId: txt(d, 'VpcId'),
        availabilityZones: members(d, 'AvailabilityZones').map((z) => ({
          zoneName: txt(z, 'ZoneName') ?? '',
          subnetId: txt(z, 'SubnetId'),
        })),
        securityGroups: memberTexts(d, 'SecurityGroups'),
        protocol: first?.protocol.toLowerCase().replace('_', '-'),
        listeners: sorted,
        targetGroupArn: first?.defaultActions.find((a) => a.type === 'forward')?.targetGroupArn,
        createdTime: date(d, 'CreatedTime'),
      },
    },
    driver,
  );
}
