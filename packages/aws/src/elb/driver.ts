import { assertKnownOptions, throwIfAborted, type CallOptions, type Capabilities, type ProviderDefinition } from '@cloudmux/core';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import {
  LoadBalancerDriver,
  Member,
  type Algorithm,
  type BalancerAttachComputeNodeOptions,
  type BalancerRef,
  type CreateBalancerOptions,
  type LoadBalancer,
  type LoadBalancerMethod,
} from '@cloudmux/core/loadbalancer';
import type { Env } from '../credentials/shared-files.js';
import * as lb from './balancers.js';
import type { ElbContext } from './context.js';
import { mapElbError } from './errors.js';
import { elbOptionsFromEnv, resolveElbSettings, type ElbDriverOptions } from './options.js';
import * as pol from './policies.js';
import { ELB_API_VERSION, ELB_CAPABILITIES, ELB_PROVIDER, ELB_SIGNING_SERVICE } from './provider.js';
import { AwsQueryClient } from './query-client.js';
import type {
  ElbBalancerExtra,
  ElbCreateBalancerEx,
  ElbHealthCheck,
  ElbInstanceHealth,
  ElbListener,
  ElbMemberExtra,
  ElbPolicy,
} from './types.js';
import { refId } from './validate.js';

/**
 * Classic Elastic Load Balancing driver (Query API 2012-06-01, SigV4 `elasticloadbalancing`): balancers
 * with listeners, EC2 instances registered as members, health checks, instance health and policies.
 * A balancer's id is its name. Members are EC2 instances: attach them with `balancerAttachComputeNode`
 * (the node's id is the instance id) or `exRegisterInstances`.
 *
 * @example
 * const elb = ElbLoadBalancerDriver.fromEnv();
 * const b = await elb.createBalancer({ name: 'web', port: 80, protocol: 'http', ex: { availabilityZones: ['us-east-1a'] } });
 * await elb.balancerAttachComputeNode(b, { node });
 */
export class ElbLoadBalancerDriver extends LoadBalancerDriver {
  /** Classic Elastic Load Balancing. */
  static override readonly provider: ProviderDefinition = ELB_PROVIDER;
  /** See {@link ELB_CAPABILITIES}. */
  static override readonly capabilities: Capabilities<LoadBalancerMethod> = ELB_CAPABILITIES;

  /**
   * A driver from `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`/`AWS_SESSION_TOKEN` (or the `AWS_PROFILE`
   * profile of `~/.aws`), `AWS_REGION`, and the endpoint from `AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING`,
   * else `AWS_ENDPOINT_URL`. `overrides` win.
   */
  static fromEnv(env: Env = process.env, overrides: ElbDriverOptions = {}): ElbLoadBalancerDriver {
    const { accessKeyId, secretAccessKey, options } = elbOptionsFromEnv(env, 'AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING', overrides);
    return new ElbLoadBalancerDriver(accessKeyId, secretAccessKey, options);
  }

  readonly #ctx: ElbContext;

  /**
   * @param accessKeyId - AWS access key id.
   * @param secretAccessKey - AWS secret access key.
   * @param options - region (default `us-east-1`), endpoint, session token, page size, default zones…
   */
  constructor(accessKeyId: string, secretAccessKey?: string, options: ElbDriverOptions = {}) {
    super();
    const settings = resolveElbSettings(ELB_PROVIDER, accessKeyId, secretAccessKey, options);
    const client = new AwsQueryClient({
      provider: ELB_PROVIDER.id,
      endpoint: settings.endpoint,
      credentials: settings.credentials,
      signingRegion: settings.signingRegion,
      service: ELB_SIGNING_SERVICE,
      apiVersion: ELB_API_VERSION,
      mapError: mapElbError,
      retry: options.retry,
      timeoutMs: options.timeoutMs,
      tls: options.tls,
    });
    this.#ctx = { provider: ELB_PROVIDER.id, client, driver: this, settings };
  }

  /** Base URL of the API. */
  get endpoint(): string {
    return this.#ctx.settings.endpoint;
  }

  /** Region. */
  get region(): string {
    return this.#ctx.settings.region;
  }

  /** Closes keep-alive sockets (the driver stays usable). */
  close(): void {
    this.#ctx.client.close();
  }

  #name(balancer: BalancerRef): string {
    return refId(this.#ctx.provider, 'balancer', balancer);
  }

  /** `http`, `https`, `tcp`, `ssl`. */
  override async listProtocols(options: CallOptions = {}): Promise<string[]> {
    throwIfAborted(options.signal);
    return [...lb.ELB_PROTOCOLS];
  }
  /**
   * What classic ELB uses, not a choice: `round-robin` for `tcp`/`ssl` listeners and `least-connections`
   * (least outstanding requests) for `http`/`https` ones; `createBalancer` refuses any other pairing.
   */
  override async listSupportedAlgorithms(options: CallOptions = {}): Promise<Algorithm[]> {
    throwIfAborted(options.signal);
    return [lb.elbAlgorithmOf('tcp'), lb.elbAlgorithmOf('http')];
  }
  /** Iterates every balancer, every `Marker` page. */
  override async *iterateBalancers(options?: CallOptions): AsyncIterable<LoadBalancer<ElbBalancerExtra>> {
    yield* lb.iterateBalancers(this.#ctx, options);
  }
  /** Lists every balancer. */
  override listBalancers(options?: CallOptions): Promise<LoadBalancer<ElbBalancerExtra>[]> {
    return super.listBalancers(options) as Promise<LoadBalancer<ElbBalancerExtra>[]>;
  }
  /** A balancer by name; `NotFoundError` if absent. */
  override getBalancer(id: string, options?: CallOptions): Promise<LoadBalancer<ElbBalancerExtra>> {
    return lb.getBalancer(this.#ctx, id, options);
  }
  /** Creates a balancer with one listener (and `ex.listeners`); see {@link ElbCreateBalancerEx}. */
  override createBalancer(options: CreateBalancerOptions<ElbCreateBalancerEx>): Promise<LoadBalancer<ElbBalancerExtra>> {
    return lb.createBalancer(this.#ctx, options);
  }
  /** Deletes a balancer; `NotFoundError` if it does not exist. */
  override destroyBalancer(balancer: BalancerRef, options?: CallOptions): Promise<boolean> {
    return lb.destroyBalancer(this.#ctx, this.#name(balancer), options);
  }
  /**
   * Registers the node as an EC2 instance (its id is the instance id). The member's port is the
   * balancer's instance port: classic ELB cannot send one instance traffic on another port.
   */
  override async balancerAttachComputeNode(
    balancer: BalancerRef,
    options: BalancerAttachComputeNodeOptions,
  ): Promise<Member<ElbMemberExtra>> {
    const provider = this.#ctx.provider;
    if (typeof options !== 'object' || options === null)
      throw new InvalidArgumentError('balancerAttachComputeNode: options are required', { provider });
    assertKnownOptions('balancerAttachComputeNode', options, ['node', 'port', 'signal']);
    const { node, port, signal } = options;
    if (typeof node !== 'object' || node === null || typeof node.id !== 'string')
      throw new InvalidArgumentError('balancerAttachComputeNode: options.node must be a compute node', { provider });
    const b =
      typeof balancer === 'string'
        ? await this.getBalancer(balancer, { signal })
        : await this.getBalancer(this.#name(balancer), { signal });
    const instancePort = b.extra.listeners[0]?.instancePort ?? b.port;
    if (port !== undefined && port !== instancePort)
      throw new InvalidArgumentError(
        `balancerAttachComputeNode: classic ELB sends traffic to instance port ${instancePort} of balancer ${b.id}; port ${port} cannot be chosen per member`,
        { provider },
      );
    await lb.registerInstances(this.#ctx, b.id, [node.id], { signal });
    const ip = node.publicIps[0] ?? node.privateIps[0] ?? '';
    return new Member<ElbMemberExtra>({ id: node.id, ip, port: instancePort, balancerId: b.id, extra: { instanceId: node.id } });
  }

  // ---- classic ELB extensions ----
  /** RegisterInstancesWithLoadBalancer; returns every instance id now registered. */
  exRegisterInstances(balancer: BalancerRef, instanceIds: readonly string[], options?: CallOptions): Promise<string[]> {
    return lb.registerInstances(this.#ctx, this.#name(balancer), instanceIds, options);
  }
  /** DeregisterInstancesFromLoadBalancer; returns the instance ids still registered. */
  exDeregisterInstances(balancer: BalancerRef, instanceIds: readonly string[], options?: CallOptions): Promise<string[]> {
    return lb.deregisterInstances(this.#ctx, this.#name(balancer), instanceIds, options);
  }
  /** DescribeInstanceHealth of every registered instance (or of `instanceIds`): `OutOfService` until it passes its health check. */
  exDescribeInstanceHealth(
    balancer: BalancerRef,
    options: CallOptions & { instanceIds?: readonly string[] | undefined } = {},
  ): Promise<ElbInstanceHealth[]> {
    return pol.describeInstanceHealth(this.#ctx, this.#name(balancer), options.instanceIds, options);
  }
  /** ConfigureHealthCheck; returns the check now in effect. */
  exConfigureHealthCheck(balancer: BalancerRef, healthCheck: ElbHealthCheck, options?: CallOptions): Promise<ElbHealthCheck> {
    return pol.configureHealthCheck(this.#ctx, this.#name(balancer), healthCheck, options);
  }
  /** CreateLoadBalancerListeners. */
  exCreateListeners(balancer: BalancerRef, listeners: readonly ElbListener[], options?: CallOptions): Promise<void> {
    return pol.createListeners(this.#ctx, this.#name(balancer), listeners, options);
  }
  /** DeleteLoadBalancerListeners on the given front-end ports. */
  exDeleteListeners(balancer: BalancerRef, ports: readonly number[], options?: CallOptions): Promise<void> {
    return pol.deleteListeners(this.#ctx, this.#name(balancer), ports, options);
  }
  /** CreateLoadBalancerPolicy (`ProxyProtocolPolicyType`, `SSLNegotiationPolicyType`…). */
  exCreatePolicy(
    balancer: BalancerRef,
    policy: { name: string; typeName: string; attributes?: Readonly<Record<string, string>> | undefined },
    options?: CallOptions,
  ): Promise<void> {
    return pol.createPolicy(this.#ctx, this.#name(balancer), policy, options);
  }
  /** CreateLBCookieStickinessPolicy: sticky sessions for `cookieExpirationPeriodSec` (absent: the browser session). */
  exCreateStickinessPolicy(
    balancer: BalancerRef,
    policyName: string,
    options: CallOptions & { cookieExpirationPeriodSec?: number | undefined } = {},
  ): Promise<void> {
    return pol.createCookieStickinessPolicy(this.#ctx, this.#name(balancer), policyName, options.cookieExpirationPeriodSec, options);
  }
  /** SetLoadBalancerPoliciesOfListener: the policies of the listener on `port` (`[]` removes them). */
  exSetListenerPolicies(balancer: BalancerRef, port: number, policyNames: readonly string[], options?: CallOptions): Promise<void> {
    return pol.setListenerPolicies(this.#ctx, this.#name(balancer), port, policyNames, options);
  }
  /** DescribeLoadBalancerPolicies of a balancer. */
  exListPolicies(balancer: BalancerRef, options?: CallOptions): Promise<ElbPolicy[]> {
    return pol.describePolicies(this.#ctx, this.#name(balancer), options);
  }
  /** DeleteLoadBalancerPolicy. */
  exDeletePolicy(balancer: BalancerRef, policyName: string, options?: CallOptions): Promise<void> {
    return pol.deletePolicy(this.#ctx, this.#name(balancer), policyName, options);
  }
}
