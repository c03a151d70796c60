import { LoadBalancer, LoadBalancerState, type LoadBalancerDriver } from '@cloudmux/core/loadbalancer';
import type { XmlObject } from '../xml/index.js';
import type { ElbBalancerExtra, ElbHealthCheck, ElbInstanceHealth, ElbListener, ElbPolicy } from './types.js';
import { date, int, memberTexts, members, obj, txt } from './wire.js';

/** A `<Listener>` element as an {@link ElbListener}. */
export function toListener(l: XmlObject | undefined, policyNames?: readonly string[]): ElbListener {
  return {
    protocol: txt(l, 'Protocol') ?? '',
    loadBalancerPort: int(l, 'LoadBalancerPort') ?? 0,
    instanceProtocol: txt(l, 'InstanceProtocol'),
    instancePort: int(l, 'InstancePort') ?? 0,
    sslCertificateId: txt(l, 'SSLCertificateId'),
    ...(policyNames ? { policyNames } : {}),
  };
}

/** A `<HealthCheck>` element. */
export function toHealthCheck(h: XmlObject | undefined): ElbHealthCheck | undefined {
  const target = txt(h, 'Target');
  if (h === undefined || target === undefined) return undefined;
  return {
    target,
    interval: int(h, 'Interval') ?? 0,
    timeout: int(h, 'Timeout') ?? 0,
    unhealthyThreshold: int(h, 'UnhealthyThreshold') ?? 0,
    healthyThreshold: int(h, 'HealthyThreshold') ?? 0,
  };
}

/**
 * A `<LoadBalancerDescriptions>` member as a portable balancer: id and name are the balancer name
 * (classic balancers have no other id), port the first listener's, no IP (only a DNS name). Classic
 * ELB reports no state: a described balancer is `running`.
 */
export function toBalancer(d: XmlObject, driver: LoadBalancerDriver): LoadBalancer<ElbBalancerExtra> {
  const name = txt(d, 'LoadBalancerName') ?? '';
  const listeners = members(d, 'ListenerDescriptions').map((ld) => toListener(obj(ld, 'Listener'), memberTexts(ld, 'PolicyNames')));
  const policies = obj(d, 'Policies');
  const first = listeners[0];
  return new LoadBalancer<ElbBalancerExtra>(
    {
      id: name,
      name,
      state: LoadBalancerState.RUNNING,
      ip: undefined,
      port: first?.loadBalancerPort ?? 0,
      extra: {
        dnsName: txt(d, 'DNSName'),
        canonicalHostedZoneNameId: txt(d, 'CanonicalHostedZoneNameID'),
        scheme: txt(d, 'Scheme'),
        protocol: first?.protocol.toLowerCase(),
        listeners,
        availabilityZones: memberTexts(d, 'AvailabilityZones'),
        subnets: memberTexts(d, 'Subnets'),
        securityGroups: memberTexts(d, 'SecurityGroups'),
        vpcId: txt(d, 'VPCId'),
        instanceIds: members(d, 'Instances')
          .map((i) => txt(i, 'InstanceId'))
          .filter((i): i is string => i !== undefined),
        healthCheck: toHealthCheck(obj(d, 'HealthCheck')),
        policyNames: {
          lbCookieStickiness: members(policies, 'LBCookieStickinessPolicies')
            .map((p) => txt(p, 'PolicyName'))
            .filter((p): p is string => p !== undefined),
          appCookieStickiness: members(policies, 'AppCookieStickinessPolicies')
            .map((p) => txt(p, 'PolicyName'))
            .filter((p): p is string => p !== undefined),
          other: memberTexts(policies, 'OtherPolicies'),
        },
        createdTime: date(d, 'CreatedTime'),
      },
    },
    driver,
  );
}

/** An `<InstanceStates>` member. */
export function toInstanceHealth(m: XmlObject): ElbInstanceHealth {
  return {
    instanceId: txt(m, 'InstanceId') ?? '',
    state: txt(m, 'State') ?? 'Unknown',
    reasonCode: txt(m, 'ReasonCode'),
    description: txt(m, 'Description'),
  };
}

/** A `<PolicyDescriptions>` member. */
export function toPolicy(m: XmlObject): ElbPolicy {
  const attributes: Record<string, string> = {};
  for (const a of members(m, 'PolicyAttributeDescriptions')) {
    const k = txt(a, 'AttributeName');
    if (k !== undefined && k !== '__proto__') attributes[k] = txt(a, 'AttributeValue') ?? '';
  }
  return { name: txt(m, 'PolicyName') ?? '', typeName: txt(m, 'PolicyTypeName') ?? '', attributes };
}
