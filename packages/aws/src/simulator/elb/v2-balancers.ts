import { ElbError, validation } from './errors.js';
import { NAME_RE, pageSizeOf, type ElbAction } from './context.js';
import type { ActionRow, ListenerRow, RuleRow, V2BalancerRow } from './model.js';
import { hex16, pageOf, type ElbState } from './state.js';
import { memberList, memberValues } from './xml.js';
import type { QueryParams } from '../params.js';
import type { XmlWriter } from '../xml-writer.js';

const LB_PROTOCOLS: Readonly<Record<V2BalancerRow['type'], readonly string[]>> = {
  application: ['HTTP', 'HTTPS'],
  network: ['TCP', 'UDP', 'TLS', 'TCP_UDP'],
};

function writeBalancer(state: ElbState, b: V2BalancerRow, now: number, w: XmlWriter): void {
  const s = state.balancerState(b, now);
  w.leaf('LoadBalancerArn', b.arn)
    .leaf('DNSName', b.dnsName)
    .leaf('CanonicalHostedZoneId', b.type === 'application' ? 'Z35SXDOTRQ7X7K' : 'Z26RNL4JYFTOTI');
  w.leaf('CreatedTime', new Date(b.createdAt).toISOString())
    .leaf('LoadBalancerName', b.name)
    .leaf('Scheme', b.scheme)
    .leaf('VpcId', b.vpcId);
  w.element('State', () => w.leaf('Code', s.code).leaf('Reason', s.reason));
  w.leaf('Type', b.type);
  memberList(w, 'AvailabilityZones', b.subnets, (z) => w.leaf('ZoneName', z.zone).leaf('SubnetId', z.id));
  if (b.type === 'application') memberValues(w, 'SecurityGroups', b.securityGroups);
  w.leaf('IpAddressType', 'ipv4');
}

function writeActions(w: XmlWriter, name: string, actions: readonly ActionRow[]): void {
  memberList(w, name, actions, (a) => w.leaf('Type', a.type).leaf('TargetGroupArn', a.targetGroupArn));
}

function writeListener(l: ListenerRow, w: XmlWriter): void {
  w.leaf('ListenerArn', l.arn).leaf('LoadBalancerArn', l.lbArn).leaf('Port', l.port).leaf('Protocol', l.protocol);
  if (l.certificateArn !== undefined) memberList(w, 'Certificates', [l.certificateArn], (c) => w.leaf('CertificateArn', c));
  writeActions(w, 'DefaultActions', l.defaultActions);
}

function writeRule(
  r: { arn: string; priority: string; conditions: RuleRow['conditions']; actions: readonly ActionRow[]; isDefault: boolean },
  w: XmlWriter,
): void {
  w.leaf('RuleArn', r.arn).leaf('Priority', r.priority);
  memberList(w, 'Conditions', r.conditions, (c) => {
    w.leaf('Field', c.field);
    memberValues(w, 'Values', c.values);
  });
  writeActions(w, 'Actions', r.actions);
  w.leaf('IsDefault', r.isDefault);
}

function actionsOf(params: QueryParams, prefix: string, state: ElbState): ActionRow[] {
  const actions = params.structs(`${prefix}.member`).map((a) => {
    const type = a.require('Type');
    if (!['forward', 'fixed-response', 'redirect'].includes(type))
      throw validation(`Action type '${type}' must be one of [forward, fixed-response, redirect]`);
    const targetGroupArn = a.get('TargetGroupArn');
    if (type === 'forward') {
      if (targetGroupArn === undefined) throw validation('A target group ARN must be specified for a forward action');
      state.targetGroup(targetGroupArn);
    }
    return { type, targetGroupArn };
  });
  if (actions.length === 0) throw validation(`${prefix} is required`);
  return actions;
}

const createLoadBalancer: ElbAction = ({ params, state, now }, w) => {
  const name = params.require('Name');
  if (!NAME_RE.test(name) || name.startsWith('internal-'))
    throw validation(
      `Load balancer name '${name}' cannot be longer than 32 characters, can only contain alphanumerics and hyphens, and cannot begin or end with a hyphen`,
    );
  const type = (params.get('Type') ?? 'application') as V2BalancerRow['type'];
  if (type !== 'application' && type !== 'network')
    throw validation(`Load balancer type '${String(type)}' must be one of [application, network]`);
  const subnets = params.list('Subnets.member').map((s) => state.subnet(s));
  if (subnets.length === 0) throw validation('At least one subnet must be specified');
  const zones = new Set(subnets.map((s) => s.zone));
  if (zones.size !== subnets.length)
    throw new ElbError(
      'InvalidConfigurationRequest',
      'A load balancer cannot be attached to multiple subnets in the same Availability Zone',
      400,
    );
  if (type === 'application' && zones.size < 2)
    throw validation('At least two subnets in two different Availability Zones must be specified');
  if (new Set(subnets.map((s) => s.vpcId)).size > 1)
    throw new ElbError('InvalidConfigurationRequest', 'All subnets must belong to the same VPC', 400);
  const scheme = params.get('Scheme') ?? 'internet-facing';
  if (scheme !== 'internet-facing' && scheme !== 'internal')
    throw validation(`Scheme '${scheme}' must be one of [internet-facing, internal]`);
  for (const b of state.balancers.values())
    if (b.name === name) {
      if (
        b.type === type &&
        b.subnets
          .map((s) => s.id)
          .sort()
          .join() ===
          subnets
            .map((s) => s.id)
            .sort()
            .join()
      ) {
        memberList(w, 'LoadBalancers', [b], (x) => writeBalancer(state, x, now, w));
        return;
      }
      throw new ElbError('DuplicateLoadBalancerName', `A load balancer with the same name '${name}' exists, but with different settings`);
    }
  const short = type === 'application' ? 'app' : 'net';
  const digits = 1_000_000_000 + Math.floor(Math.random() * 999_999_999);
  const row: V2BalancerRow = {
    seq: state.nextSeq(),
    arn: state.arn(`loadbalancer/${short}/${name}/${hex16()}`),
    name,
    type,
    scheme,
    vpcId: (subnets[0] as { vpcId: string }).vpcId,
    subnets,
    securityGroups: type === 'application' ? params.list('SecurityGroups.member') : [],
    dnsName:
      type === 'application'
        ? `${scheme === 'internal' ? 'internal-' : ''}${name}-${digits}.${state.options.region}.elb.amazonaws.com`
        : `${name}-${hex16()}.elb.${state.options.region}.amazonaws.com`,
    createdAt: now,
    forcedState: undefined,
  };
  state.balancers.set(row.arn, row);
  memberList(w, 'LoadBalancers', [row], (x) => writeBalancer(state, x, now, w));
};

const describeLoadBalancers: ElbAction = (ctx, w) => {
  const { params, state, now } = ctx;
  const arns = params.list('LoadBalancerArns.member');
  const names = params.list('Names.member');
  if (arns.length > 0 && names.length > 0)
    throw validation('Load balancer names and load balancer ARNs cannot be specified at the same time');
  if (arns.length > 0 || names.length > 0) {
    const rows =
      arns.length > 0
        ? arns.map((a) => state.balancer(a))
        : names.map((n) => {
            const b = [...state.balancers.values()].find((x) => x.name === n);
            if (!b) throw new ElbError('LoadBalancerNotFound', `One or more load balancers not found`);
            return b;
          });
    memberList(w, 'LoadBalancers', rows, (b) => writeBalancer(state, b, now, w));
    return;
  }
  const page = pageOf(state.balancers.values(), params.get('Marker'), pageSizeOf(ctx));
  memberList(w, 'LoadBalancers', page.items, (b) => writeBalancer(state, b, now, w));
  w.leaf('NextMarker', page.next);
};

const deleteLoadBalancer: ElbAction = ({ params, state }) => {
  const arn = params.require('LoadBalancerArn');
  // Deleting a balancer that does not exist succeeds, as on AWS; its listeners and rules go with it.
  state.balancers.delete(arn);
  for (const l of [...state.listeners.values()])
    if (l.lbArn === arn) {
      state.listeners.delete(l.arn);
      for (const r of [...state.rules.values()]) if (r.listenerArn === l.arn) state.rules.delete(r.arn);
    }
};

function checkListenerProtocol(b: V2BalancerRow, protocol: string, certificateArn: string | undefined): void {
  if (!LB_PROTOCOLS[b.type].includes(protocol))
    throw validation(`Protocol '${protocol}' must be one of [${LB_PROTOCOLS[b.type].join(', ')}] for a load balancer of type '${b.type}'`);
  if ((protocol === 'HTTPS' || protocol === 'TLS') && certificateArn === undefined)
    throw validation(`A certificate must be specified for ${protocol} listeners`);
}

const createListener: ElbAction = ({ params, state }, w) => {
  const b = state.balancer(params.require('LoadBalancerArn'));
  const protocol = params.require('Protocol').toUpperCase();
  const port = params.int('Port', { min: 1, max: 65535 });
  if (port === undefined) throw validation('A port must be specified');
  const certificateArn = params.get('Certificates.member.1.CertificateArn');
  checkListenerProtocol(b, protocol, certificateArn);
  const defaultActions = actionsOf(params, 'DefaultActions', state);
  for (const l of state.listeners.values())
    if (l.lbArn === b.arn && l.port === port)
      throw new ElbError('DuplicateListener', 'A listener already exists on this port for this load balancer');
  const lbTail = b.arn.split(':loadbalancer/')[1] ?? '';
  const row: ListenerRow = {
    seq: state.nextSeq(),
    arn: state.arn(`listener/${lbTail}/${hex16()}`),
    lbArn: b.arn,
    port,
    protocol,
    certificateArn,
    defaultActions,
  };
  state.listeners.set(row.arn, row);
  memberList(w, 'Listeners', [row], writeListener);
};

const describeListeners: ElbAction = (ctx, w) => {
  const { params, state } = ctx;
  const arns = params.list('ListenerArns.member');
  const lbArn = params.get('LoadBalancerArn');
  if (arns.length === 0 && lbArn === undefined) throw validation('You must specify either listener ARNs or a load balancer ARN');
  if (arns.length > 0) {
    memberList(
      w,
      'Listeners',
      arns.map((a) => state.listener(a)),
      writeListener,
    );
    return;
  }
  state.balancer(lbArn as string);
  const page = pageOf(
    [...state.listeners.values()].filter((l) => l.lbArn === lbArn),
    params.get('Marker'),
    pageSizeOf(ctx),
  );
  memberList(w, 'Listeners', page.items, writeListener);
  w.leaf('NextMarker', page.next);
};

const modifyListener: ElbAction = ({ params, state }, w) => {
  const l = state.listener(params.require('ListenerArn'));
  const b = state.balancer(l.lbArn);
  const port = params.int('Port', { min: 1, max: 65535 }) ?? l.port;
  const protocol = (params.get('Protocol') ?? l.protocol).toUpperCase();
  const certificateArn = params.get('Certificates.member.1.CertificateArn') ?? l.certificateArn;
  checkListenerProtocol(b, protocol, certificateArn);
  for (const x of state.listeners.values())
    if (x !== l && x.lbArn === l.lbArn && x.port === port)
      throw new ElbError('DuplicateListener', 'A listener already exists on this port for this load balancer');
  const actions = params.structs('DefaultActions.member').length > 0 ? actionsOf(params, 'DefaultActions', state) : l.defaultActions;
  Object.assign(l, { port, protocol, certificateArn, defaultActions: actions });
  memberList(w, 'Listeners', [l], writeListener);
};

const deleteListener: ElbAction = ({ params, state }) => {
  const l = state.listener(params.require('ListenerArn'));
  state.listeners.delete(l.arn);
  for (const r of [...state.rules.values()]) if (r.listenerArn === l.arn) state.rules.delete(r.arn);
};

const createRule: ElbAction = ({ params, state }, w) => {
  const l = state.listener(params.require('ListenerArn'));
  const priority = params.int('Priority', { min: 1, max: 50000 });
  if (priority === undefined) throw validation('A priority must be specified');
  for (const r of state.rules.values())
    if (r.listenerArn === l.arn && r.priority === priority)
      throw new ElbError('PriorityInUse', `Priority '${priority}' is currently in use`);
  const conditions = params.structs('Conditions.member').map((c) => {
    const field = c.require('Field');
    if (!['path-pattern', 'host-header', 'http-request-method', 'source-ip', 'http-header', 'query-string'].includes(field))
      throw validation(`Condition field '${field}' is not valid`);
    const values = c.list('Values.member');
    if (values.length === 0) throw validation(`A condition on '${field}' needs at least one value`);
    return { field, values };
  });
  if (conditions.length === 0) throw validation('At least one condition must be specified');
  const listenerTail = l.arn.split(':listener/')[1] ?? '';
  const row: RuleRow = {
    seq: state.nextSeq(),
    arn: state.arn(`listener-rule/${listenerTail}/${hex16()}`),
    listenerArn: l.arn,
    priority,
    conditions,
    actions: actionsOf(params, 'Actions', state),
  };
  state.rules.set(row.arn, row);
  memberList(w, 'Rules', [row], (r) => writeRule({ ...r, priority: String(r.priority), isDefault: false }, w));
};

const describeRules: ElbAction = (ctx, w) => {
  const { params, state } = ctx;
  const l = state.listener(params.require('ListenerArn'));
  type Row = {
    seq: number;
    arn: string;
    priority: string;
    conditions: RuleRow['conditions'];
    actions: readonly ActionRow[];
    isDefault: boolean;
  };
  const rows: Row[] = [...state.rules.values()]
    .filter((r) => r.listenerArn === l.arn)
    .sort((a, b) => a.priority - b.priority)
    .map((r, i) => ({ ...r, seq: i + 1, priority: String(r.priority), isDefault: false }));
  rows.push({
    seq: rows.length + 1,
    arn: `${l.arn.replace(':listener/', ':listener-rule/')}/default`,
    priority: 'default',
    conditions: [],
    actions: l.defaultActions,
    isDefault: true,
  });
  const page = pageOf(rows, params.get('Marker'), pageSizeOf(ctx));
  memberList(w, 'Rules', page.items, (r) => writeRule(r, w));
  w.leaf('NextMarker', page.next);
};

const deleteRule: ElbAction = ({ params, state }) => {
  const arn = params.require('RuleArn');
  if (arn.endsWith('/default')) throw new ElbError('OperationNotPermitted', 'Default rules cannot be deleted');
  if (!state.rules.delete(arn)) throw new ElbError('RuleNotFound', `One or more rules not found`);
};

/** ELBv2 balancer, listener and rule actions. */
export const BALANCER_ACTIONS: Readonly<Record<string, ElbAction>> = Object.freeze({
  CreateLoadBalancer: createLoadBalancer,
  DescribeLoadBalancers: describeLoadBalancers,
  DeleteLoadBalancer: deleteLoadBalancer,
  CreateListener: createListener,
  DescribeListeners: describeListeners,
  ModifyListener: modifyListener,
  DeleteListener: deleteListener,
  CreateRule: createRule,
  DescribeRules: describeRules,
  DeleteRule: deleteRule,
});
