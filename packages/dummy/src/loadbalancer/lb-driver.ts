import { assertKnownOptions, checkExKeys, throwIfAborted, type CallOptions, type Capabilities } from '@cloudmux/core';
import { AlreadyExistsError, InvalidArgumentError } from '@cloudmux/core/errors';
import {
  Algorithm,
  LOADBALANCER_METHODS,
  LoadBalancer,
  LoadBalancerDriver,
  LoadBalancerState,
  Member,
  type BalancerAttachComputeNodeOptions,
  type BalancerAttachMemberOptions,
  type BalancerDetachMemberOptions,
  type BalancerRef,
  type CreateBalancerOptions,
  type LoadBalancerMethod,
  type MemberSpec,
  type UpdateBalancerOptions,
} from '@cloudmux/core/loadbalancer';
import { DUMMY_PROVIDER } from '../compute/catalog.js';
import { notFound } from '../compute/errors.js';
import { checkInteger, checkIp, checkLabel, checkObject } from '../common/validate.js';

/** Every portable load balancer method. */
export const DUMMY_LB_CAPABILITIES: Capabilities<LoadBalancerMethod> = Object.freeze([...LOADBALANCER_METHODS]);

/** Protocols the Dummy balancer accepts. */
export const DUMMY_LB_PROTOCOLS: readonly string[] = ['http', 'https', 'tcp', 'udp'];
/** Algorithms the Dummy balancer accepts. */
export const DUMMY_LB_ALGORITHMS: readonly Algorithm[] = [Algorithm.ROUND_ROBIN, Algorithm.RANDOM, Algorithm.LEAST_CONNECTIONS];

/** `extra` of Dummy balancers. */
export interface DummyBalancerExtra {
  /** Protocol. */
  protocol: string;
  /** Algorithm. */
  algorithm: Algorithm;
}

interface BalancerRow {
  seq: number;
  id: string;
  name: string;
  ip: string;
  port: number;
  protocol: string;
  algorithm: Algorithm;
  members: Map<string, { id: string; ip: string; port: number }>;
}

/** An in-memory load balancer provider with validated input, for the LB conformance suite and demos. */
export class DummyLoadBalancerDriver extends LoadBalancerDriver {
  /** The Dummy provider definition. */
  static override readonly provider = DUMMY_PROVIDER;
  /** Supported methods (all). */
  static override readonly capabilities: Capabilities<LoadBalancerMethod> = DUMMY_LB_CAPABILITIES;

  readonly #balancers = new Map<string, BalancerRow>();
  #seq = 0;

  /** @param key - any string (no credentials). */
  constructor(key: string, _secret?: string, options?: Record<string, never>) {
    super();
    if (typeof key !== 'string') throw new InvalidArgumentError(`DummyLoadBalancerDriver: key must be a string, got ${typeof key}`);
    assertKnownOptions('DummyLoadBalancerDriver', checkObject('DummyLoadBalancerDriver options', options), []);
  }

  /** Builds a driver from the environment (`CLOUDMUX_DUMMY_KEY`). */
  static fromEnv(env: NodeJS.ProcessEnv = process.env): DummyLoadBalancerDriver {
    return new DummyLoadBalancerDriver(env.CLOUDMUX_DUMMY_KEY || 'dummy');
  }

  #row(ref: BalancerRef): BalancerRow {
    const id = typeof ref === 'string' ? ref : ref?.id;
    const b = typeof id === 'string' ? this.#balancers.get(id) : undefined;
    if (!b) throw notFound('Load balancer', String(id));
    return b;
  }

  #toBalancer(b: BalancerRow): LoadBalancer<DummyBalancerExtra> {
    return new LoadBalancer<DummyBalancerExtra>(
      {
        id: b.id,
        name: b.name,
        state: LoadBalancerState.RUNNING,
        ip: b.ip,
        port: b.port,
        extra: { protocol: b.protocol, algorithm: b.algorithm },
      },
      this,
    );
  }

  #protocol(p: unknown): string {
    if (typeof p !== 'string' || !DUMMY_LB_PROTOCOLS.includes(p))
      throw new InvalidArgumentError(`Invalid protocol ${JSON.stringify(p)}. Valid protocols: ${DUMMY_LB_PROTOCOLS.join(', ')}`);
    return p;
  }

  #algorithm(a: unknown): Algorithm {
    if (!DUMMY_LB_ALGORITHMS.includes(a as Algorithm))
      throw new InvalidArgumentError(`Invalid algorithm ${JSON.stringify(a)}. Valid algorithms: ${DUMMY_LB_ALGORITHMS.join(', ')}`);
    return a as Algorithm;
  }

  #addMember(b: BalancerRow, spec: MemberSpec): Member {
    const m = checkObject('member', spec) ?? {};
    assertKnownOptions('member', m, ['ip', 'port']);
    const ip = checkIp('member ip', m.ip);
    const port = checkInteger('member port', m.port, 1, 65535);
    if ([...b.members.values()].some((x) => x.ip === ip && x.port === port)) {
      throw new AlreadyExistsError(`Member ${ip}:${port} is already attached to balancer ${b.id}`, { provider: 'dummy', status: 409 });
    }
    const row = { id: `member-${++this.#seq}`, ip, port };
    b.members.set(row.id, row);
    return new Member({ ...row, balancerId: b.id });
  }

  /** Accepted protocols. */
  override async listProtocols(options: CallOptions = {}): Promise<string[]> {
    throwIfAborted(options.signal);
    return [...DUMMY_LB_PROTOCOLS];
  }
  /** Accepted algorithms. */
  override async listSupportedAlgorithms(options: CallOptions = {}): Promise<Algorithm[]> {
    throwIfAborted(options.signal);
    return [...DUMMY_LB_ALGORITHMS];
  }
  /** Balancers in creation order. */
  override async *iterateBalancers(options: CallOptions = {}): AsyncIterable<LoadBalancer<DummyBalancerExtra>> {
    throwIfAborted(options.signal);
    for (const b of [...this.#balancers.values()].sort((x, y) => x.seq - y.seq)) yield this.#toBalancer(b);
  }
  /** A balancer; `NotFoundError` if absent. */
  override async getBalancer(id: string, options: CallOptions = {}): Promise<LoadBalancer<DummyBalancerExtra>> {
    throwIfAborted(options.signal);
    return this.#toBalancer(this.#row(id));
  }
  /** Creates a balancer (address from TEST-NET-2, `198.51.100.x`). */
  override async createBalancer(options: CreateBalancerOptions): Promise<LoadBalancer<DummyBalancerExtra>> {
    throwIfAborted(options?.signal);
    assertKnownOptions('createBalancer', checkObject('createBalancer options', options), [
      'name',
      'port',
      'protocol',
      'algorithm',
      'members',
      'ex',
      'signal',
    ]);
    checkExKeys(options.ex, [], { method: 'createBalancer', provider: this.providerId });
    const name = checkLabel('balancer name', options.name);
    const port = checkInteger('balancer port', options.port, 1, 65535);
    const protocol = this.#protocol(options.protocol);
    const algorithm = this.#algorithm(options.algorithm ?? Algorithm.ROUND_ROBIN);
    if (options.members !== undefined && !Array.isArray(options.members))
      throw new InvalidArgumentError('Invalid createBalancer members: expected an array');
    const seq = ++this.#seq;
    const b: BalancerRow = {
      seq,
      id: `lb-${seq}`,
      name,
      ip: `198.51.100.${(seq % 254) + 1}`,
      port,
      protocol,
      algorithm,
      members: new Map(),
    };
    for (const m of options.members ?? []) this.#addMember(b, m);
    this.#balancers.set(b.id, b);
    return this.#toBalancer(b);
  }
  /** Destroys a balancer. */
  override async destroyBalancer(balancer: BalancerRef, options: CallOptions = {}): Promise<boolean> {
    throwIfAborted(options.signal);
    this.#balancers.delete(this.#row(balancer).id);
    return true;
  }
  /** Updates name, port, protocol or algorithm. */
  override async updateBalancer(balancer: BalancerRef, options: UpdateBalancerOptions): Promise<LoadBalancer<DummyBalancerExtra>> {
    throwIfAborted(options?.signal);
    assertKnownOptions('updateBalancer', checkObject('updateBalancer options', options), [
      'name',
      'port',
      'protocol',
      'algorithm',
      'signal',
    ]);
    const b = this.#row(balancer);
    const name = options.name === undefined ? b.name : checkLabel('balancer name', options.name);
    const port = options.port === undefined ? b.port : checkInteger('balancer port', options.port, 1, 65535);
    const protocol = options.protocol === undefined ? b.protocol : this.#protocol(options.protocol);
    const algorithm = options.algorithm === undefined ? b.algorithm : this.#algorithm(options.algorithm);
    Object.assign(b, { name, port, protocol, algorithm });
    return this.#toBalancer(b);
  }
  /** Attaches a member; `AlreadyExistsError` for a duplicate `ip:port`. */
  override async balancerAttachMember(balancer: BalancerRef, options: BalancerAttachMemberOptions): Promise<Member> {
    const o: Partial<BalancerAttachMemberOptions> = checkObject('balancerAttachMember options', options) ?? {};
    throwIfAborted(o.signal);
    const { signal: _signal, ...member } = o;
    return this.#addMember(this.#row(balancer), member as MemberSpec);
  }
  /** Attaches a compute node (its first public, else private, address) on the balancer's port. */
  override async balancerAttachComputeNode(balancer: BalancerRef, options: BalancerAttachComputeNodeOptions): Promise<Member> {
    const o: Partial<BalancerAttachComputeNodeOptions> = checkObject('balancerAttachComputeNode options', options) ?? {};
    throwIfAborted(o.signal);
    assertKnownOptions('balancerAttachComputeNode', o, ['node', 'port', 'signal']);
    if (typeof o.node !== 'object' || o.node === null)
      throw new InvalidArgumentError('balancerAttachComputeNode: options.node must be a compute node');
    return super.balancerAttachComputeNode(balancer, { ...o, node: o.node });
  }
  /** Detaches a member; `NotFoundError` if it is not attached. */
  override async balancerDetachMember(balancer: BalancerRef, options: BalancerDetachMemberOptions): Promise<boolean> {
    const o: Partial<BalancerDetachMemberOptions> = checkObject('balancerDetachMember options', options) ?? {};
    throwIfAborted(o.signal);
    assertKnownOptions('balancerDetachMember', o, ['member', 'signal']);
    const member: Member | undefined = o.member;
    const b = this.#row(balancer);
    if (!b.members.delete(String(member?.id))) throw notFound('Member', String(member?.id));
    return true;
  }
  /** Members of a balancer. */
  override async balancerListMembers(balancer: BalancerRef, options: CallOptions = {}): Promise<Member[]> {
    throwIfAborted(options.signal);
    const b = this.#row(balancer);
    return [...b.members.values()].map((m) => new Member({ ...m, balancerId: b.id }));
  }
}
