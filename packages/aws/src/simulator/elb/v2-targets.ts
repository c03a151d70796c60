import { isIP } from 'node:net';
import { ElbError, validation } from './errors.js';
import { NAME_RE, pageSizeOf, type ElbAction } from './context.js';
import type { TargetGroupRow } from './model.js';
import { hex16, pageOf, type ElbState } from './state.js';
import { memberList, memberValues } from './xml.js';
import type { QueryParams } from '../params.js';
import type { XmlWriter } from '../xml-writer.js';

const TG_PROTOCOLS = ['HTTP', 'HTTPS', 'TCP', 'UDP', 'TLS', 'TCP_UDP'];
const INSTANCE_ID = /^i-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

/** Writes a `<TargetGroups>` member. */
export function writeTargetGroup(state: ElbState, t: TargetGroupRow, w: XmlWriter): void {
  const h = t.healthCheck;
  w.leaf('TargetGroupArn', t.arn).leaf('TargetGroupName', t.name).leaf('Protocol', t.protocol).leaf('Port', t.port).leaf('VpcId', t.vpcId);
  w.leaf('HealthCheckProtocol', h.protocol).leaf('HealthCheckPort', h.port).leaf('HealthCheckEnabled', true);
  w.leaf('HealthCheckIntervalSeconds', h.interval).leaf('HealthCheckTimeoutSeconds', h.timeout);
  w.leaf('HealthyThresholdCount', h.healthy).leaf('UnhealthyThresholdCount', h.unhealthy).leaf('HealthCheckPath', h.path);
  if (h.matcher !== undefined) w.element('Matcher', () => w.leaf('HttpCode', h.matcher));
  memberValues(w, 'LoadBalancerArns', state.groupUsers(t.arn));
  w.leaf('TargetType', t.targetType).leaf('IpAddressType', 'ipv4');
}

function healthCheckOf(params: QueryParams, protocol: string, base?: TargetGroupRow['healthCheck']): TargetGroupRow['healthCheck'] {
  const http = protocol === 'HTTP' || protocol === 'HTTPS';
  const hcProtocol = (params.get('HealthCheckProtocol') ?? base?.protocol ?? (http ? protocol : 'TCP')).toUpperCase();
  if (!['HTTP', 'HTTPS', 'TCP'].includes(hcProtocol))
    throw validation(`Health check protocol '${hcProtocol}' must be one of [HTTP, HTTPS, TCP]`);
  const hcHttp = hcProtocol !== 'TCP';
  return {
    protocol: hcProtocol,
    port: params.get('HealthCheckPort') ?? base?.port ?? 'traffic-port',
    path: params.get('HealthCheckPath') ?? base?.path ?? (hcHttp ? '/' : undefined),
    interval: params.int('HealthCheckIntervalSeconds', { min: 5, max: 300 }) ?? base?.interval ?? 30,
    timeout: params.int('HealthCheckTimeoutSeconds', { min: 2, max: 120 }) ?? base?.timeout ?? (hcHttp ? 5 : 10),
    healthy: params.int('HealthyThresholdCount', { min: 2, max: 10 }) ?? base?.healthy ?? 5,
    unhealthy: params.int('UnhealthyThresholdCount', { min: 2, max: 10 }) ?? base?.unhealthy ?? 2,
    matcher: params.get('Matcher.HttpCode') ?? base?.matcher ?? (hcHttp ? '200' : undefined),
  };
}

/** IPv4 ranges AWS accepts for `ip` targets (RFC 1918, RFC 6598) plus the RFC 5737 documentation ranges this simulator allows for tests. */
const PRIVATE_V4: readonly [number, number][] = [
  [0x0a000000, 8],
  [0xac100000, 12],
  [0xc0a80000, 16],
  [0x64400000, 10],
  [0xc0000200, 24],
  [0xc6336400, 24],
  [0xcb007100, 24],
];

function privateV4(ip: string): boolean {
  const n = ip.split('.').reduce((a, p) => a * 256 + Number(p), 0);
  return PRIVATE_V4.some(([base, bits]) => Math.floor(n / 2 ** (32 - bits)) === Math.floor(base / 2 ** (32 - bits)));
}

function targetsOf(params: QueryParams, tg: TargetGroupRow): { id: string; port: number }[] {
  const targets = params
    .structs('Targets.member')
    .map((t) => ({ id: t.require('Id'), port: t.int('Port', { min: 1, max: 65535 }) ?? tg.port }));
  if (targets.length === 0) throw validation('Targets is required');
  for (const t of targets) {
    if (tg.targetType === 'ip') {
      if (isIP(t.id) !== 4 || !privateV4(t.id)) throw validation(`The IP address '${t.id}' is not a valid private IPv4 address`);
    } else if (!INSTANCE_ID.test(t.id)) throw new ElbError('InvalidTarget', `The following targets are not valid instances: '${t.id}'`);
  }
  return targets;
}

function defaultAttributes(protocol: string): Map<string, string> {
  const http = protocol === 'HTTP' || protocol === 'HTTPS';
  return new Map(
    http
      ? [
          ['deregistration_delay.timeout_seconds', '300'],
          ['stickiness.enabled', 'false'],
          ['stickiness.type', 'lb_cookie'],
          ['stickiness.lb_cookie.duration_seconds', '86400'],
          ['load_balancing.algorithm.type', 'round_robin'],
          ['slow_start.duration_seconds', '0'],
        ]
      : [
          ['deregistration_delay.timeout_seconds', '300'],
          ['stickiness.enabled', 'false'],
          ['stickiness.type', 'source_ip'],
          ['proxy_protocol_v2.enabled', 'false'],
        ],
  );
}

const ALGORITHM_VALUES = ['round_robin', 'least_outstanding_requests', 'weighted_random'];

const describeAttributes: ElbAction = ({ params, state }, w) => {
  const tg = state.targetGroup(params.require('TargetGroupArn'));
  memberList(w, 'Attributes', tg.attributes, ([k, v]) => w.leaf('Value', v).leaf('Key', k));
};

const modifyAttributes: ElbAction = ({ params, state }, w) => {
  const tg = state.targetGroup(params.require('TargetGroupArn'));
  const changes = params.structs('Attributes.member').map((a) => [a.require('Key'), a.get('Value') ?? ''] as const);
  if (changes.length === 0) throw validation('Attributes is required');
  for (const [k, v] of changes) {
    if (!tg.attributes.has(k))
      throw new ElbError('InvalidConfigurationRequest', `The attribute key '${k}' is not recognized for this target group`, 400);
    if (k === 'load_balancing.algorithm.type' && !ALGORITHM_VALUES.includes(v))
      throw validation(`The value of 'load_balancing.algorithm.type' must be one of [${ALGORITHM_VALUES.join(', ')}]`);
    if (k === 'stickiness.enabled' && v !== 'true' && v !== 'false')
      throw validation(`The value of 'stickiness.enabled' must be true or false`);
  }
  for (const [k, v] of changes) tg.attributes.set(k, v);
  memberList(w, 'Attributes', changes, ([k, v]) => w.leaf('Value', v).leaf('Key', k));
};

const createTargetGroup: ElbAction = ({ params, state }, w) => {
  const name = params.require('Name');
  if (!NAME_RE.test(name))
    throw validation(
      `Target group name '${name}' can have a maximum of 32 characters, only alphanumerics and hyphens, and must not begin or end with a hyphen`,
    );
  const protocol = params.require('Protocol').toUpperCase();
  if (!TG_PROTOCOLS.includes(protocol)) throw validation(`Protocol '${protocol}' must be one of [${TG_PROTOCOLS.join(', ')}]`);
  const port = params.int('Port', { min: 1, max: 65535 });
  if (port === undefined) throw validation('A port must be specified');
  const targetType = params.get('TargetType') ?? 'instance';
  if (!['instance', 'ip'].includes(targetType)) throw validation(`Target type '${targetType}' must be one of [instance, ip]`);
  const vpcId = params.require('VpcId');
  if (!state.options.subnets.some((s) => s.vpcId === vpcId)) throw validation(`The VPC ID '${vpcId}' is not found`);
  for (const t of state.targetGroups.values())
    if (t.name === name) {
      if (t.protocol === protocol && t.port === port && t.vpcId === vpcId) {
        memberList(w, 'TargetGroups', [t], (x) => writeTargetGroup(state, x, w));
        return;
      }
      throw new ElbError('DuplicateTargetGroupName', 'A target group with the same name exists, but with different settings');
    }
  const row: TargetGroupRow = {
    seq: state.nextSeq(),
    arn: state.arn(`targetgroup/${name}/${hex16()}`),
    name,
    protocol,
    port,
    vpcId,
    targetType,
    healthCheck: healthCheckOf(params, protocol),
    targets: new Map(),
    attributes: defaultAttributes(protocol),
  };
  state.targetGroups.set(row.arn, row);
  memberList(w, 'TargetGroups', [row], (x) => writeTargetGroup(state, x, w));
};

const describeTargetGroups: ElbAction = (ctx, w) => {
  const { params, state } = ctx;
  const arns = params.list('TargetGroupArns.member');
  const names = params.list('Names.member');
  const lbArn = params.get('LoadBalancerArn');
  let rows: TargetGroupRow[];
  if (arns.length > 0) rows = arns.map((a) => state.targetGroup(a));
  else if (names.length > 0)
    rows = names.map((n) => {
      const t = [...state.targetGroups.values()].find((x) => x.name === n);
      if (!t) throw new ElbError('TargetGroupNotFound', `One or more target groups not found`);
      return t;
    });
  else {
    if (lbArn !== undefined) state.balancer(lbArn);
    const all = [...state.targetGroups.values()].filter((t) => lbArn === undefined || state.groupUsers(t.arn).includes(lbArn));
    const page = pageOf(all, params.get('Marker'), pageSizeOf(ctx));
    memberList(w, 'TargetGroups', page.items, (t) => writeTargetGroup(state, t, w));
    w.leaf('NextMarker', page.next);
    return;
  }
  memberList(w, 'TargetGroups', rows, (t) => writeTargetGroup(state, t, w));
};

const modifyTargetGroup: ElbAction = ({ params, state }, w) => {
  const tg = state.targetGroup(params.require('TargetGroupArn'));
  tg.healthCheck = healthCheckOf(params, tg.protocol, tg.healthCheck);
  memberList(w, 'TargetGroups', [tg], (t) => writeTargetGroup(state, t, w));
};

const deleteTargetGroup: ElbAction = ({ params, state }) => {
  const arn = params.require('TargetGroupArn');
  const users = state.groupUsers(arn);
  if (users.length > 0) throw new ElbError('ResourceInUse', `Target group '${arn}' is currently in use by a listener or a rule`);
  state.targetGroups.delete(arn);
};

const registerTargets: ElbAction = ({ params, state, now }) => {
  const tg = state.targetGroup(params.require('TargetGroupArn'));
  for (const t of targetsOf(params, tg)) {
    const key = `${t.id}:${t.port}`;
    const cur = tg.targets.get(key);
    if (!cur || cur.deregisteredAt !== undefined)
      tg.targets.set(key, { id: t.id, port: t.port, registeredAt: now, deregisteredAt: undefined });
  }
};

const deregisterTargets: ElbAction = ({ params, state, now }) => {
  const tg = state.targetGroup(params.require('TargetGroupArn'));
  for (const t of targetsOf(params, tg)) {
    const cur = tg.targets.get(`${t.id}:${t.port}`);
    if (cur && cur.deregisteredAt === undefined) cur.deregisteredAt = now;
  }
};

const describeTargetHealth: ElbAction = ({ params, state, now }, w) => {
  const tg = state.targetGroup(params.require('TargetGroupArn'));
  const asked = params.structs('Targets.member').map((t) => ({ id: t.require('Id'), port: t.int('Port') ?? tg.port }));
  const rows =
    asked.length > 0
      ? asked.map((a) => tg.targets.get(`${a.id}:${a.port}`) ?? { ...a, registeredAt: -1, deregisteredAt: undefined })
      : [...tg.targets.values()];
  memberList(w, 'TargetHealthDescriptions', rows, (t) => {
    w.element('Target', () => w.leaf('Id', t.id).leaf('Port', t.port));
    w.leaf('HealthCheckPort', tg.healthCheck.port === 'traffic-port' ? String(t.port) : tg.healthCheck.port);
    const h =
      t.registeredAt < 0
        ? { state: 'unused', reason: 'Target.NotRegistered', description: 'Target is not registered to the target group' }
        : state.targetHealth(tg, t, now);
    w.element('TargetHealth', () => w.leaf('State', h.state).leaf('Reason', h.reason).leaf('Description', h.description));
  });
};

/** ELBv2 target group actions. */
export const TARGET_ACTIONS: Readonly<Record<string, ElbAction>> = Object.freeze({
  CreateTargetGroup: createTargetGroup,
  DescribeTargetGroups: describeTargetGroups,
  ModifyTargetGroup: modifyTargetGroup,
  DeleteTargetGroup: deleteTargetGroup,
  RegisterTargets: registerTargets,
  DeregisterTargets: deregisterTargets,
  DescribeTargetHealth: describeTargetHealth,
  DescribeTargetGroupAttributes: describeAttributes,
  ModifyTargetGroupAttributes: modifyAttributes,
});
