import { randomBytes } from 'node:crypto';
import { ElbError, validation } from './errors.js';
import type {
  ClassicBalancerRow,
  ElbSimulatorOptions,
  ElbSimulatorSubnet,
  ListenerRow,
  RuleRow,
  TargetGroupRow,
  TargetRow,
  V2BalancerRow,
} from './model.js';

/** Options with defaults applied. */
export interface ResolvedElbOptions {
  region: string;
  accountId: string;
  provisioningDelayMs: number;
  healthyDelayMs: number;
  drainDelayMs: number;
  maxPageSize: number;
  subnets: ElbSimulatorSubnet[];
  maxClockSkewMs: number;
}

/** Applies defaults. */
export function resolveElbOptions(o: ElbSimulatorOptions): ResolvedElbOptions {
  const region = o.region ?? 'us-east-1';
  const vpcId = 'vpc-0cloudmux0000001';
  return {
    region,
    accountId: o.accountId ?? '123456789012',
    provisioningDelayMs: o.provisioningDelayMs ?? 100,
    healthyDelayMs: o.healthyDelayMs ?? 100,
    drainDelayMs: o.drainDelayMs ?? 100,
    maxPageSize: Math.max(1, Math.min(400, o.maxPageSize ?? 400)),
    subnets: o.subnets ?? ['a', 'b', 'c'].map((z, i) => ({ id: `subnet-0cloudmux000000${i + 1}`, zone: `${region}${z}`, vpcId })),
    maxClockSkewMs: o.maxClockSkewMs ?? 15 * 60_000,
  };
}

/** 16 lower-case hex digits. */
export function hex16(): string {
  return randomBytes(8).toString('hex');
}

/** A page of rows ordered by `seq`, from an opaque `Marker`. */
export function pageOf<T extends { seq: number }>(
  rows: Iterable<T>,
  marker: string | undefined,
  pageSize: number,
): { items: T[]; next: string | undefined } {
  let after = 0;
  if (marker !== undefined) {
    const decoded = Buffer.from(marker, 'base64url').toString('utf8');
    if (!/^seq:\d+$/.test(decoded)) throw validation(`Invalid Marker: ${marker}`);
    after = Number(decoded.slice(4));
  }
  const sorted = [...rows].filter((r) => r.seq > after).sort((a, b) => a.seq - b.seq);
  const items = sorted.slice(0, pageSize);
  const last = items[items.length - 1];
  return { items, next: sorted.length > pageSize && last ? Buffer.from(`seq:${last.seq}`).toString('base64url') : undefined };
}

/** The whole simulated ELB account: classic balancers and ELBv2 resources. */
export class ElbState {
  readonly options: ResolvedElbOptions;
  readonly classic = new Map<string, ClassicBalancerRow>();
  readonly balancers = new Map<string, V2BalancerRow>();
  readonly targetGroups = new Map<string, TargetGroupRow>();
  readonly listeners = new Map<string, ListenerRow>();
  readonly rules = new Map<string, RuleRow>();
  #seq = 0;

  constructor(options: ResolvedElbOptions) {
    this.options = options;
  }

  /** The next sequence number (creation order). */
  nextSeq(): number {
    return ++this.#seq;
  }

  /** `arn:aws:elasticloadbalancing:<region>:<account>:<resource>`. */
  arn(resource: string): string {
    return `arn:aws:elasticloadbalancing:${this.options.region}:${this.options.accountId}:${resource}`;
  }

  /** A subnet by id; `SubnetNotFound` otherwise. */
  subnet(id: string): ElbSimulatorSubnet {
    const s = this.options.subnets.find((x) => x.id === id);
    if (!s) throw new ElbError('SubnetNotFound', `The subnet ID '${id}' is not valid`);
    return s;
  }

  /** A classic balancer; `LoadBalancerNotFound` (AccessPointNotFoundException) otherwise. */
  classicBalancer(name: string): ClassicBalancerRow {
    const b = this.classic.get(name);
    if (!b) throw new ElbError('LoadBalancerNotFound', `There is no ACTIVE Load Balancer named '${name}'`);
    return b;
  }

  /** An ELBv2 balancer by ARN; `LoadBalancerNotFound` otherwise. */
  balancer(arn: string): V2BalancerRow {
    const b = this.balancers.get(arn);
    if (!b) throw new ElbError('LoadBalancerNotFound', `One or more load balancers not found`);
    return b;
  }

  /** A target group; `TargetGroupNotFound` otherwise. */
  targetGroup(arn: string): TargetGroupRow {
    const t = this.targetGroups.get(arn);
    if (!t) throw new ElbError('TargetGroupNotFound', `One or more target groups not found`);
    return t;
  }

  /** A listener; `ListenerNotFound` otherwise. */
  listener(arn: string): ListenerRow {
    const l = this.listeners.get(arn);
    if (!l) throw new ElbError('ListenerNotFound', `One or more listeners not found`);
    return l;
  }

  /** State code of an ELBv2 balancer now: `provisioning` until the delay has passed, then `active` (or a forced state). */
  balancerState(b: V2BalancerRow, now: number): { code: string; reason: string | undefined } {
    if (b.forcedState) return b.forcedState;
    return now - b.createdAt < this.options.provisioningDelayMs
      ? { code: 'provisioning', reason: undefined }
      : { code: 'active', reason: undefined };
  }

  /** Balancer ARNs whose listeners or rules forward to a target group. */
  groupUsers(tgArn: string): string[] {
    const out = new Set<string>();
    for (const l of this.listeners.values()) if (l.defaultActions.some((a) => a.targetGroupArn === tgArn)) out.add(l.lbArn);
    for (const r of this.rules.values()) {
      if (!r.actions.some((a) => a.targetGroupArn === tgArn)) continue;
      const l = this.listeners.get(r.listenerArn);
      if (l) out.add(l.lbArn);
    }
    return [...out];
  }

  /** Health of a target now: `initial` → `healthy`, `draining` after deregistration, `unused` when no balancer uses the group. */
  targetHealth(
    tg: TargetGroupRow,
    t: TargetRow,
    now: number,
  ): { state: string; reason: string | undefined; description: string | undefined } {
    if (t.deregisteredAt !== undefined)
      return { state: 'draining', reason: 'Target.DeregistrationInProgress', description: 'Target deregistration is in progress' };
    if (this.groupUsers(tg.arn).length === 0)
      return {
        state: 'unused',
        reason: 'Target.NotInUse',
        description: 'Target group is not configured to receive traffic from the load balancer',
      };
    if (now - t.registeredAt < this.options.healthyDelayMs)
      return { state: 'initial', reason: 'Elb.RegistrationInProgress', description: 'Target registration is in progress' };
    return { state: 'healthy', reason: undefined, description: undefined };
  }

  /** Drops targets whose draining has ended. */
  advance(now: number): void {
    for (const tg of this.targetGroups.values())
      for (const [key, t] of tg.targets)
        if (t.deregisteredAt !== undefined && now - t.deregisteredAt >= this.options.drainDelayMs) tg.targets.delete(key);
  }
}
