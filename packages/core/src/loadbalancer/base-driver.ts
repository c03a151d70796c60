import type { Capabilities } from '../common/capabilities.js';
import { DriverBase, portableApi } from '../common/driver-base.js';
import { drain } from '../common/iterate.js';
import type { CallOptions } from '../common/options.js';
import type { ProviderDefinition } from '../common/provider-definition.js';
import type { Node } from '../compute/node.js';
import { LOADBALANCER_METHODS, type LoadBalancerMethod } from './capabilities.js';
import type { Algorithm, LoadBalancer, Member } from './resources.js';

/** Static side of every load balancer driver class. */
export interface LoadBalancerDriverClass {
  /** Constructs a driver. */
  new (key: string, secret?: string, options?: object): LoadBalancerDriver;
  /** Provider served. */
  readonly provider: ProviderDefinition;
  /** Supported methods. */
  readonly capabilities: Capabilities<LoadBalancerMethod>;
}

/** A balancer or its id. */
export type BalancerRef = LoadBalancer | string;

/** A member to attach (id assigned by the provider). */
export interface MemberSpec {
  /** Address. */
  ip: string;
  /** Port. */
  port: number;
}

/** Options of `createBalancer`. */
export interface CreateBalancerOptions<X extends object = Record<string, unknown>> extends CallOptions {
  /** Name. */
  name: string;
  /** Listening port. */
  port: number;
  /** Protocol (`http`, `tcp`...). */
  protocol: string;
  /** Algorithm (default round robin). */
  algorithm?: Algorithm | undefined;
  /** Initial members. */
  members?: readonly MemberSpec[] | undefined;
  /** Provider extensions. */
  ex?: X | undefined;
}

/** Options of `balancerAttachMember(balancer, { ip, port })`: the member to attach. */
export interface BalancerAttachMemberOptions extends CallOptions, MemberSpec {}

/** Options of `balancerAttachComputeNode(balancer, { node })`. */
export interface BalancerAttachComputeNodeOptions extends CallOptions {
  /** The node to attach (its first public IP, else its first private IP). */
  node: Node;
  /** Member port; the balancer's port when absent. */
  port?: number | undefined;
}

/** Options of `balancerDetachMember(balancer, { member })`. */
export interface BalancerDetachMemberOptions extends CallOptions {
  /** The member to detach. */
  member: Member;
}

/** Options of `updateBalancer`. */
export interface UpdateBalancerOptions extends CallOptions {
  /** New name. */
  name?: string | undefined;
  /** New port. */
  port?: number | undefined;
  /** New protocol. */
  protocol?: string | undefined;
  /** New algorithm. */
  algorithm?: Algorithm | undefined;
}

/** The portable load balancer methods, for the capability guard of {@link DriverBase}. */
const LOADBALANCER_API = portableApi({ methods: LOADBALANCER_METHODS });

/** Base class of load balancer drivers. */
export abstract class LoadBalancerDriver extends DriverBase<LoadBalancerMethod> {
  /** Supported methods. */
  static override readonly capabilities: Capabilities<LoadBalancerMethod> = [];

  /** Subclasses call `super()`; the capability guard of {@link DriverBase} runs here. */
  constructor() {
    super(LOADBALANCER_API);
  }

  /** Protocols accepted by `createBalancer`. */
  async listProtocols(_options?: CallOptions): Promise<string[]> {
    return this.notSupported('listProtocols');
  }
  /** Algorithms accepted by `createBalancer`. */
  async listSupportedAlgorithms(_options?: CallOptions): Promise<Algorithm[]> {
    return this.notSupported('listSupportedAlgorithms');
  }
  /** Lists all balancers. */
  listBalancers(options?: CallOptions): Promise<LoadBalancer[]> {
    return drain(this.iterateBalancers(options));
  }
  /** Iterates balancers. */
  // eslint-disable-next-line require-yield
  async *iterateBalancers(_options?: CallOptions): AsyncIterable<LoadBalancer> {
    this.notSupported('listBalancers');
  }
  /** Gets a balancer. */
  async getBalancer(_id: string, _options?: CallOptions): Promise<LoadBalancer> {
    return this.notSupported('getBalancer');
  }
  /** Creates a balancer. */
  async createBalancer(_options: CreateBalancerOptions): Promise<LoadBalancer> {
    return this.notSupported('createBalancer');
  }
  /** Destroys a balancer. */
  async destroyBalancer(_balancer: BalancerRef, _options?: CallOptions): Promise<boolean> {
    return this.notSupported('destroyBalancer');
  }
  /** Updates a balancer. */
  async updateBalancer(_balancer: BalancerRef, _options: UpdateBalancerOptions): Promise<LoadBalancer> {
    return this.notSupported('updateBalancer');
  }
  /** Attaches member `{ ip, port }` to `balancer`. */
  async balancerAttachMember(_balancer: BalancerRef, _options: BalancerAttachMemberOptions): Promise<Member> {
    return this.notSupported('balancerAttachMember');
  }
  /** Attaches a compute node (its first public IP, else private) on the balancer's port. */
  async balancerAttachComputeNode(balancer: BalancerRef, options: BalancerAttachComputeNodeOptions): Promise<Member> {
    if (!this.supports('balancerAttachMember')) this.notSupported('balancerAttachComputeNode');
    const { node, port, signal } = options;
    const ip = node.publicIps[0] ?? node.privateIps[0];
    if (!ip) this.notSupported('balancerAttachComputeNode', `node ${node.id} has no IP address`);
    const b = typeof balancer === 'string' ? await this.getBalancer(balancer, { signal }) : balancer;
    return this.balancerAttachMember(b, { ip, port: port ?? b.port, signal });
  }
  /** Detaches `options.member` from `balancer`. */
  async balancerDetachMember(_balancer: BalancerRef, _options: BalancerDetachMemberOptions): Promise<boolean> {
    return this.notSupported('balancerDetachMember');
  }
  /** Lists members of a balancer. */
  async balancerListMembers(_balancer: BalancerRef, _options?: CallOptions): Promise<Member[]> {
    return this.notSupported('balancerListMembers');
  }
}
