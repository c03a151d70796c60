import { ElbError, validation } from './errors.js';
import { NAME_RE, pageSizeOf, type ElbAction } from './context.js';
import type { ClassicBalancerRow, ClassicListenerRow } from './model.js';
import { pageOf } from './state.js';
import { memberList, memberValues } from './xml.js';
import type { QueryParams } from '../params.js';
import type { XmlWriter } from '../xml-writer.js';

const PROTOCOLS = ['HTTP', 'HTTPS', 'TCP', 'SSL'];
const INSTANCE_ID = /^i-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

function listenersOf(params: QueryParams): ClassicListenerRow[] {
  return params.structs('Listeners.member').map((l) => {
    const protocol = l.require('Protocol').toUpperCase();
    const instanceProtocol = (l.get('InstanceProtocol') ?? protocol).toUpperCase();
    for (const p of [protocol, instanceProtocol])
      if (!PROTOCOLS.includes(p)) throw validation(`Invalid protocol '${p}'. Valid protocols: ${PROTOCOLS.join(', ')}`);
    const loadBalancerPort = l.int('LoadBalancerPort', { min: 1, max: 65535 });
    const instancePort = l.int('InstancePort', { min: 1, max: 65535 });
    if (loadBalancerPort === undefined || instancePort === undefined) throw validation('LoadBalancerPort and InstancePort are required');
    if ((protocol === 'HTTPS' || protocol === 'SSL') && !l.get('SSLCertificateId'))
      throw new ElbError('CertificateNotFound', 'The specified SSL ID does not refer to a valid SSL certificate');
    return { protocol, loadBalancerPort, instanceProtocol, instancePort, sslCertificateId: l.get('SSLCertificateId'), policyNames: [] };
  });
}

function writeBalancer(b: ClassicBalancerRow, w: XmlWriter): void {
  memberList(w, 'ListenerDescriptions', b.listeners, (l) => {
    memberValues(w, 'PolicyNames', l.policyNames);
    w.element('Listener', () => {
      w.leaf('Protocol', l.protocol).leaf('LoadBalancerPort', l.loadBalancerPort).leaf('InstanceProtocol', l.instanceProtocol);
      w.leaf('InstancePort', l.instancePort).leaf('SSLCertificateId', l.sslCertificateId);
    });
  });
  w.leaf('LoadBalancerName', b.name).leaf('DNSName', b.dnsName).leaf('CanonicalHostedZoneName', b.dnsName);
  w.leaf('CanonicalHostedZoneNameID', 'Z35SXDOTRQ7X7K');
  const byType = (t: string): string[] => [...b.policies].filter(([, p]) => p.type === t).map(([n]) => n);
  w.element('Policies', () => {
    memberList(w, 'AppCookieStickinessPolicies', byType('AppCookieStickinessPolicyType'), (n) => w.leaf('PolicyName', n));
    memberList(w, 'LBCookieStickinessPolicies', byType('LBCookieStickinessPolicyType'), (n) => {
      const period = b.policies.get(n)?.attributes.find(([k]) => k === 'CookieExpirationPeriod')?.[1];
      w.leaf('PolicyName', n).leaf('CookieExpirationPeriod', period);
    });
    memberValues(
      w,
      'OtherPolicies',
      [...b.policies]
        .filter(([, p]) => p.type !== 'AppCookieStickinessPolicyType' && p.type !== 'LBCookieStickinessPolicyType')
        .map(([n]) => n),
    );
  });
  w.empty('BackendServerDescriptions');
  memberValues(w, 'AvailabilityZones', b.zones);
  memberValues(w, 'Subnets', b.subnets);
  w.leaf('VPCId', b.vpcId);
  memberList(w, 'Instances', b.instances.keys(), (id) => w.leaf('InstanceId', id));
  writeHealthCheck(b, w);
  w.element('SourceSecurityGroup', () => w.leaf('OwnerAlias', 'amazon-elb').leaf('GroupName', 'amazon-elb-sg'));
  memberValues(w, 'SecurityGroups', b.securityGroups);
  w.leaf('CreatedTime', new Date(b.createdAt).toISOString()).leaf('Scheme', b.scheme);
}

function writeHealthCheck(b: ClassicBalancerRow, w: XmlWriter): void {
  const h = b.healthCheck;
  w.element('HealthCheck', () => {
    w.leaf('Target', h.target).leaf('Interval', h.interval).leaf('Timeout', h.timeout);
    w.leaf('UnhealthyThreshold', h.unhealthyThreshold).leaf('HealthyThreshold', h.healthyThreshold);
  });
}

function sameListeners(a: readonly ClassicListenerRow[], b: readonly ClassicListenerRow[]): boolean {
  const key = (l: ClassicListenerRow): string => `${l.protocol}:${l.loadBalancerPort}:${l.instanceProtocol}:${l.instancePort}`;
  return a.map(key).sort().join() === b.map(key).sort().join();
}

function instanceIds(params: QueryParams): string[] {
  const ids = params.structs('Instances.member').map((s) => s.require('InstanceId'));
  if (ids.length === 0) throw validation('Instances is required');
  for (const id of ids) if (!INSTANCE_ID.test(id)) throw new ElbError('InvalidInstance', `EC2 instance ${id} is not valid.`);
  return ids;
}

const createLoadBalancer: ElbAction = ({ params, state, now }, w) => {
  const name = params.require('LoadBalancerName');
  if (!NAME_RE.test(name))
    throw validation(
      `LoadBalancerName '${name}' must have 1-32 alphanumeric characters or hyphens, and must not begin or end with a hyphen`,
    );
  const listeners = listenersOf(params);
  if (listeners.length === 0) throw validation('Listeners is required');
  const ports = new Set(listeners.map((l) => l.loadBalancerPort));
  if (ports.size !== listeners.length) throw new ElbError('DuplicateListener', 'A listener already exists for this port');
  const zones = params.list('AvailabilityZones.member');
  const subnetIds = params.list('Subnets.member');
  if (zones.length === 0 && subnetIds.length === 0) throw validation('Either AvailabilityZones or SubnetIds must be specified');
  if (zones.length > 0 && subnetIds.length > 0) throw validation('AvailabilityZones and Subnets cannot both be specified');
  const subnets = subnetIds.map((s) => state.subnet(s));
  const known = new Set(state.options.subnets.map((s) => s.zone));
  for (const z of zones)
    if (!known.has(z))
      throw new ElbError('InvalidConfigurationRequest', `Invalid Availability Zone: ${z}. Valid zones: ${[...known].join(', ')}`, 409);
  const existing = state.classic.get(name);
  if (existing) {
    if (!sameListeners(existing.listeners, listeners))
      throw new ElbError(
        'DuplicateLoadBalancerName',
        `Load Balancer named '${name}' already exists and it is configured with different parameters.`,
      );
    w.leaf('DNSName', existing.dnsName);
    return;
  }
  const scheme = params.get('Scheme') ?? 'internet-facing';
  if (scheme !== 'internet-facing' && scheme !== 'internal') throw new ElbError('InvalidScheme', `Invalid scheme '${scheme}'`);
  const first = listeners[0] as ClassicListenerRow;
  const row: ClassicBalancerRow = {
    seq: state.nextSeq(),
    name,
    dnsName: `${scheme === 'internal' ? 'internal-' : ''}${name}-${1_000_000_000 + Math.floor(Math.random() * 999_999_999)}.${state.options.region}.elb.amazonaws.com`,
    createdAt: now,
    scheme,
    listeners,
    zones: subnets.length > 0 ? [...new Set(subnets.map((s) => s.zone))] : zones,
    subnets: subnetIds,
    vpcId: subnets[0]?.vpcId,
    securityGroups: params.list('SecurityGroups.member'),
    instances: new Map(),
    healthCheck: { target: `TCP:${first.instancePort}`, interval: 30, timeout: 5, unhealthyThreshold: 2, healthyThreshold: 10 },
    policies: new Map(),
    tags: params.structs('Tags.member').map((t) => [t.require('Key'), t.get('Value') ?? '']),
  };
  state.classic.set(name, row);
  w.leaf('DNSName', row.dnsName);
};

const describeLoadBalancers: ElbAction = (ctx, w) => {
  const { params, state } = ctx;
  const names = params.list('LoadBalancerNames.member');
  if (names.length > 0) {
    const rows = names.map((n) => state.classicBalancer(n));
    memberList(w, 'LoadBalancerDescriptions', rows, writeBalancer);
    return;
  }
  const page = pageOf(state.classic.values(), params.get('Marker'), pageSizeOf(ctx));
  memberList(w, 'LoadBalancerDescriptions', page.items, writeBalancer);
  w.leaf('NextMarker', page.next);
};

const deleteLoadBalancer: ElbAction = ({ params, state }) => {
  // Deleting a balancer that does not exist succeeds, as on AWS.
  state.classic.delete(params.require('LoadBalancerName'));
};

const registerInstances: ElbAction = ({ params, state, now }, w) => {
  const b = state.classicBalancer(params.require('LoadBalancerName'));
  for (const id of instanceIds(params)) if (!b.instances.has(id)) b.instances.set(id, now);
  memberList(w, 'Instances', b.instances.keys(), (id) => w.leaf('InstanceId', id));
};

const deregisterInstances: ElbAction = ({ params, state }, w) => {
  const b = state.classicBalancer(params.require('LoadBalancerName'));
  const ids = instanceIds(params);
  for (const id of ids)
    if (!b.instances.has(id))
      throw new ElbError('InvalidInstance', `The specified instance ${id} is not registered with load balancer ${b.name}.`);
  for (const id of ids) b.instances.delete(id);
  memberList(w, 'Instances', b.instances.keys(), (id) => w.leaf('InstanceId', id));
};

const describeInstanceHealth: ElbAction = ({ params, state, now }, w) => {
  const b = state.classicBalancer(params.require('LoadBalancerName'));
  const asked = params.structs('Instances.member').map((s) => s.require('InstanceId'));
  const ids = asked.length > 0 ? asked : [...b.instances.keys()];
  memberList(w, 'InstanceStates', ids, (id) => {
    const at = b.instances.get(id);
    w.leaf('InstanceId', id);
    if (at === undefined)
      w.leaf('State', 'Unknown')
        .leaf('ReasonCode', 'N/A')
        .leaf('Description', 'Instance is not currently registered with the LoadBalancer.');
    else if (now - at < state.options.healthyDelayMs)
      w.leaf('State', 'OutOfService').leaf('ReasonCode', 'ELB').leaf('Description', 'Instance registration is still in progress.');
    else w.leaf('State', 'InService').leaf('ReasonCode', 'N/A').leaf('Description', 'N/A');
  });
};

const configureHealthCheck: ElbAction = ({ params, state }, w) => {
  const b = state.classicBalancer(params.require('LoadBalancerName'));
  const target = params.require('HealthCheck.Target');
  if (!/^(HTTP|HTTPS):\d{1,5}\/.*$|^(TCP|SSL):\d{1,5}$/.test(target)) throw validation(`Invalid health check target '${target}'`);
  const interval = params.int('HealthCheck.Interval', { min: 5, max: 300 }) as number;
  const timeout = params.int('HealthCheck.Timeout', { min: 2, max: 60 }) as number;
  const unhealthyThreshold = params.int('HealthCheck.UnhealthyThreshold', { min: 2, max: 10 }) as number;
  const healthyThreshold = params.int('HealthCheck.HealthyThreshold', { min: 2, max: 10 }) as number;
  if ([interval, timeout, unhealthyThreshold, healthyThreshold].some((v) => v === undefined)) throw validation('HealthCheck is incomplete');
  if (timeout >= interval) throw validation('HealthCheck Timeout must be less than Interval');
  b.healthCheck = { target, interval, timeout, unhealthyThreshold, healthyThreshold };
  writeHealthCheck(b, w);
};

const createPolicy: ElbAction = ({ params, state }) => {
  const b = state.classicBalancer(params.require('LoadBalancerName'));
  const name = params.require('PolicyName');
  const type = params.require('PolicyTypeName');
  if (
    !['ProxyProtocolPolicyType', 'SSLNegotiationPolicyType', 'BackendServerAuthenticationPolicyType', 'PublicKeyPolicyType'].includes(type)
  )
    throw new ElbError('PolicyTypeNotFound', `One or more specified policy types do not exist: ${type}`);
  if (b.policies.has(name)) throw new ElbError('DuplicatePolicyName', `Policy ${name} already exists`);
  b.policies.set(name, {
    type,
    attributes: params.structs('PolicyAttributes.member').map((a) => [a.require('AttributeName'), a.get('AttributeValue') ?? '']),
  });
};

const createLbCookiePolicy: ElbAction = ({ params, state }) => {
  const b = state.classicBalancer(params.require('LoadBalancerName'));
  const name = params.require('PolicyName');
  if (b.policies.has(name)) throw new ElbError('DuplicatePolicyName', `Policy ${name} already exists`);
  const period = params.int('CookieExpirationPeriod', { min: 1 });
  b.policies.set(name, {
    type: 'LBCookieStickinessPolicyType',
    attributes: period === undefined ? [] : [['CookieExpirationPeriod', String(period)]],
  });
};

const setListenerPolicies: ElbAction = ({ params, state }) => {
  const b = state.classicBalancer(params.require('LoadBalancerName'));
  const port = params.int('LoadBalancerPort', { min: 1, max: 65535 });
  const listener = b.listeners.find((l) => l.loadBalancerPort === port);
  if (!listener) throw new ElbError('ListenerNotFound', `There is no listener on port ${String(port)}`);
  const names = params.list('PolicyNames.member');
  for (const n of names)
    if (!b.policies.has(n)) throw new ElbError('PolicyNotFound', `There is no policy with name ${n} for load balancer ${b.name}`);
  listener.policyNames = names;
};

const describePolicies: ElbAction = ({ params, state }, w) => {
  const b = state.classicBalancer(params.require('LoadBalancerName'));
  const asked = params.list('PolicyNames.member');
  for (const n of asked)
    if (!b.policies.has(n)) throw new ElbError('PolicyNotFound', `There is no policy with name ${n} for load balancer ${b.name}`);
  const rows = [...b.policies].filter(([n]) => asked.length === 0 || asked.includes(n));
  memberList(w, 'PolicyDescriptions', rows, ([name, p]) => {
    w.leaf('PolicyName', name).leaf('PolicyTypeName', p.type);
    memberList(w, 'PolicyAttributeDescriptions', p.attributes, ([k, v]) => w.leaf('AttributeName', k).leaf('AttributeValue', v));
  });
};

const deletePolicy: ElbAction = ({ params, state }) => {
  const b = state.classicBalancer(params.require('LoadBalancerName'));
  const name = params.require('PolicyName');
  if (b.listeners.some((l) => l.policyNames.includes(name)))
    throw new ElbError('InvalidConfigurationRequest', `Policy ${name} is in use by a listener`, 409);
  b.policies.delete(name);
};

const createListeners: ElbAction = ({ params, state }) => {
  const b = state.classicBalancer(params.require('LoadBalancerName'));
  const add = listenersOf(params);
  for (const l of add) {
    const same = b.listeners.find((x) => x.loadBalancerPort === l.loadBalancerPort);
    if (same && !sameListeners([same], [l]))
      throw new ElbError(
        'DuplicateListener',
        `A listener already exists for ${b.name} with LoadBalancerPort ${l.loadBalancerPort}, but with a different InstancePort, Protocol, or SSLCertificateId`,
      );
    if (!same) b.listeners.push(l);
  }
};

const deleteListeners: ElbAction = ({ params, state }) => {
  const b = state.classicBalancer(params.require('LoadBalancerName'));
  const ports = new Set(params.list('LoadBalancerPorts.member').map(Number));
  b.listeners = b.listeners.filter((l) => !ports.has(l.loadBalancerPort));
};

/** Classic ELB (2012-06-01) actions. */
export const CLASSIC_ACTIONS: Readonly<Record<string, ElbAction>> = Object.freeze({
  CreateLoadBalancer: createLoadBalancer,
  DescribeLoadBalancers: describeLoadBalancers,
  DeleteLoadBalancer: deleteLoadBalancer,
  RegisterInstancesWithLoadBalancer: registerInstances,
  DeregisterInstancesFromLoadBalancer: deregisterInstances,
  DescribeInstanceHealth: describeInstanceHealth,
  ConfigureHealthCheck: configureHealthCheck,
  CreateLoadBalancerPolicy: createPolicy,
  CreateLBCookieStickinessPolicy: createLbCookiePolicy,
  SetLoadBalancerPoliciesOfListener: setListenerPolicies,
  DescribeLoadBalancerPolicies: describePolicies,
  DeleteLoadBalancerPolicy: deletePolicy,
  CreateLoadBalancerListeners: createListeners,
  DeleteLoadBalancerListeners: deleteListeners,
});
