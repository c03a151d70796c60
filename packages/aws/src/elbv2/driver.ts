import { assertKnownOptions, throwIfAborted, type CallOptions, type Capabilities, type ProviderDefinition } from '@cloudmux/core';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import {
  LoadBalancerDriver,
  type Algorithm,
  type BalancerAttachComputeNodeOptions,
  type BalancerAttachMemberOptions,
  type BalancerDetachMemberOptions,
  type BalancerRef,
  type CreateBalancerOptions,
  type LoadBalancer,
  type LoadBalancerMethod,
  type Member,
} from '@cloudmux/core/loadbalancer';
import type { Env } from '../credentials/shared-files.js';
import type { ElbContext } from '../elb/context.js';
import { mapElbError } from '../elb/errors.js';
import { elbOptionsFromEnv, resolveElbSettings, type ElbDriverOptions } from '../elb/options.js';
import { ALB_CAPABILITIES, ALB_PROVIDER, ELB_SIGNING_SERVICE, ELBV2_API_VERSION } from '../elb/provider.js';
import { AwsQueryClient } from '../elb/query-client.js';
import { refId } from '../elb/validate.js';
import * as lb from './balancers.js';
import * as ls from './listeners.js';
import * as tg from './target-groups.js';
import type {
  Elbv2Action,
  Elbv2BalancerExtra,
  Elbv2CreateBalancerEx,
  Elbv2CreateTargetGroupOptions,
  Elbv2HealthCheck,
  Elbv2Listener,
  Elbv2MemberExtra,
  Elbv2Rule,
  Elbv2TargetGroup,
  Elbv2TargetHealth,
} from './types.js';

/** A target: an IP address (or instance id) and a port. */
export interface Elbv2Target {
  /** IP address or instance id. */
  id: string;
  /** Port (default: the group's). */
  port?: number | undefined;
}

/**
 * Elastic Load Balancing v2 driver (Query API 2015-12-01, SigV4 `elasticloadbalancing`): application
 * and network load balancers. A portable balancer is a balancer (id: its ARN) with one listener on
 * `port`/`protocol` forwarding to an `ip` target group; portable members are that group's `ip:port`
 * targets. Target groups, listeners and rules are reachable through `ex` methods.
 *
 * @example
 * const alb = AlbLoadBalancerDriver.fromEnv({}, { subnets: ['subnet-0a', 'subnet-0b'] });
 * const b = await alb.createBalancer({ name: 'web', port: 80, protocol: 'http' });
 * await alb.balancerAttachMember(b, { ip: '10.0.1.5', port: 8080 });
 */
export class AlbLoadBalancerDriver extends LoadBalancerDriver {
  /** Elastic Load Balancing v2. */
  static override readonly provider: ProviderDefinition = ALB_PROVIDER;
  /** See {@link ALB_CAPABILITIES}. */
  static override readonly capabilities: Capabilities<LoadBalancerMethod> = ALB_CAPABILITIES;

  /**
   * A driver from `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`/`AWS_SESSION_TOKEN` (or the `AWS_PROFILE`
   * profile of `~/.aws`), `AWS_REGION`, and the endpoint from `AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2`,
   * else `AWS_ENDPOINT_URL`. `overrides` win.
   */
  static fromEnv(env: Env = process.env, overrides: ElbDriverOptions = {}): AlbLoadBalancerDriver {
    const { accessKeyId, secretAccessKey, options } = elbOptionsFromEnv(env, 'AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2', overrides);
    return new AlbLoadBalancerDriver(accessKeyId, secretAccessKey, options);
  }

  readonly #ctx: ElbContext;

  /**
   * @param accessKeyId - AWS access key id.
   * @param secretAccessKey - AWS secret access key.
   * @param options - region (default `us-east-1`), endpoint, session token, page size, default subnets…
   */
  constructor(accessKeyId: string, secretAccessKey?: string, options: ElbDriverOptions = {}) {
    super();
    const settings = resolveElbSettings(ALB_PROVIDER, accessKeyId, secretAccessKey, options);
    const client = new AwsQueryClient({
      provider: ALB_PROVIDER.id,
      endpoint: settings.endpoint,
      credentials: settings.credentials,
      signingRegion: settings.signingRegion,
      service: ELB_SIGNING_SERVICE,
      apiVersion: ELBV2_API_VERSION,
      mapError: mapElbError,
      retry: options.retry,
      timeoutMs: options.timeoutMs,
      tls: options.tls,
    });
    this.#ctx = { provider: ALB_PROVIDER.id, client, driver: this, settings };
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

  #id(balancer: BalancerRef): string {
    return refId(this.#ctx.provider, 'balancer', balancer);
  }

  async #balancer(balancer: BalancerRef, signal: AbortSignal | undefined): Promise<LoadBalancer<Elbv2BalancerExtra>> {
    return lb.getBalancer(this.#ctx, this.#id(balancer), { signal });
  }

  /** `http`, `https` (application), `tcp`, `udp`, `tls`, `tcp-udp` (network; `TCP_UDP` on the wire). */
  override async listProtocols(options: CallOptions = {}): Promise<string[]> {
    throwIfAborted(options.signal);
    return [...lb.ELBV2_ALL_PROTOCOLS];
  }
  /**
   * `round-robin` (the default) and `least-connections` (least outstanding requests), both for
   * application load balancers; network balancers hash flows and take no `algorithm`.
   */
  override async listSupportedAlgorithms(options: CallOptions = {}): Promise<Algorithm[]> {
    throwIfAborted(options.signal);
    return [...lb.ELBV2_ALGORITHMS.application];
  }
  /** Iterates every balancer, every `Marker` page (each with its listeners). */
  override async *iterateBalancers(options?: CallOptions): AsyncIterable<LoadBalancer<Elbv2BalancerExtra>> {
    yield* lb.iterateBalancers(this.#ctx, options);
  }
  /** Lists every balancer. */
  override listBalancers(options?: CallOptions): Promise<LoadBalancer<Elbv2BalancerExtra>[]> {
    return super.listBalancers(options) as Promise<LoadBalancer<Elbv2BalancerExtra>[]>;
  }
  /** A balancer by ARN or name; `NotFoundError` if absent. */
  override getBalancer(id: string, options?: CallOptions): Promise<LoadBalancer<Elbv2BalancerExtra>> {
    return lb.getBalancer(this.#ctx, id, options);
  }
  /** Creates a balancer, its target group and its listener; see {@link Elbv2CreateBalancerEx}. State is `pending` while provisioning. */
  override createBalancer(options: CreateBalancerOptions<Elbv2CreateBalancerEx>): Promise<LoadBalancer<Elbv2BalancerExtra>> {
    return lb.createBalancer(this.#ctx, options);
  }
  /** Deletes a balancer and the target groups it forwarded to; `NotFoundError` if it does not exist. */
  override destroyBalancer(balancer: BalancerRef, options: CallOptions = {}): Promise<boolean> {
    return lb.destroyBalancer(this.#ctx, this.#id(balancer), options);
  }
  /** Registers `ip:port` as a target of the balancer's target group (health `initial`, then `healthy`). */
  override async balancerAttachMember(balancer: BalancerRef, options: BalancerAttachMemberOptions): Promise<Member<Elbv2MemberExtra>> {
    if (typeof options !== 'object' || options === null)
      throw new InvalidArgumentError('balancerAttachMember: options are required', { provider: this.#ctx.provider });
    assertKnownOptions('balancerAttachMember', options, ['ip', 'port', 'signal']);
    const b = await this.#balancer(balancer, options.signal);
    return lb.attachMember(this.#ctx, b, { ip: options.ip, port: options.port }, options);
  }
  /** Registers the node's first public (else private) address on the balancer's port. */
  override balancerAttachComputeNode(balancer: BalancerRef, options: BalancerAttachComputeNodeOptions): Promise<Member<Elbv2MemberExtra>> {
    return super.balancerAttachComputeNode(balancer, options) as Promise<Member<Elbv2MemberExtra>>;
  }
  /** Deregisters a member (it drains and is no longer listed); `NotFoundError` if it is not registered. */
  override async balancerDetachMember(balancer: BalancerRef, options: BalancerDetachMemberOptions): Promise<boolean> {
    if (typeof options !== 'object' || options === null)
      throw new InvalidArgumentError('balancerDetachMember: options are required', { provider: this.#ctx.provider });
    assertKnownOptions('balancerDetachMember', options, ['member', 'signal']);
    const b = await this.#balancer(balancer, options.signal);
    return lb.detachMember(this.#ctx, b, options.member, options);
  }
  /** The targets of the balancer's target group (not those draining out), with their health in `extra.state`. */
  override async balancerListMembers(balancer: BalancerRef, options: CallOptions = {}): Promise<Member<Elbv2MemberExtra>[]> {
    return lb.listMembers(this.#ctx, await this.#balancer(balancer, options.signal), options);
  }

  // ---- target groups ----
  /** CreateTargetGroup. */
  exCreateTargetGroup(options: Elbv2CreateTargetGroupOptions): Promise<Elbv2TargetGroup> {
    return tg.createTargetGroup(this.#ctx, options);
  }
  /** Iterates target groups (all, or a balancer's with `loadBalancerArn`), every `Marker` page. */
  exIterateTargetGroups(options?: CallOptions & { loadBalancerArn?: string | undefined }): AsyncIterable<Elbv2TargetGroup> {
    return tg.iterateTargetGroups(this.#ctx, options);
  }
  /** Lists target groups. */
  async exListTargetGroups(options?: CallOptions & { loadBalancerArn?: string | undefined }): Promise<Elbv2TargetGroup[]> {
    const out: Elbv2TargetGroup[] = [];
    for await (const g of tg.iterateTargetGroups(this.#ctx, options)) out.push(g);
    return out;
  }
  /** A target group by ARN; `NotFoundError` if absent. */
  exGetTargetGroup(arn: string, options?: CallOptions): Promise<Elbv2TargetGroup> {
    return tg.getTargetGroup(this.#ctx, arn, options);
  }
  /** ModifyTargetGroup: health check settings. */
  exModifyTargetGroupHealthCheck(arn: string, healthCheck: Elbv2HealthCheck, options?: CallOptions): Promise<Elbv2TargetGroup> {
    return tg.modifyTargetGroup(this.#ctx, arn, healthCheck, options);
  }
  /** DescribeTargetGroupAttributes (`stickiness.enabled`, `deregistration_delay.timeout_seconds`, `load_balancing.algorithm.type`…). */
  exGetTargetGroupAttributes(arn: string, options?: CallOptions): Promise<Record<string, string>> {
    return tg.getTargetGroupAttributes(this.#ctx, arn, options);
  }
  /** ModifyTargetGroupAttributes (e.g. `{ 'stickiness.enabled': 'true', 'stickiness.type': 'lb_cookie' }`); returns every attribute. */
  exSetTargetGroupAttributes(
    arn: string,
    attributes: Readonly<Record<string, string>>,
    options?: CallOptions,
  ): Promise<Record<string, string>> {
    return tg.setTargetGroupAttributes(this.#ctx, arn, attributes, options);
  }
  /** DeleteTargetGroup. */
  exDeleteTargetGroup(arn: string, options?: CallOptions): Promise<void> {
    return tg.deleteTargetGroup(this.#ctx, arn, options);
  }
  /** RegisterTargets. */
  exRegisterTargets(targetGroupArn: string, targets: readonly Elbv2Target[], options?: CallOptions): Promise<void> {
    return tg.registerTargets(this.#ctx, targetGroupArn, targets, options);
  }
  /** DeregisterTargets. */
  exDeregisterTargets(targetGroupArn: string, targets: readonly Elbv2Target[], options?: CallOptions): Promise<void> {
    return tg.deregisterTargets(this.#ctx, targetGroupArn, targets, options);
  }
  /** DescribeTargetHealth of a group's targets (or of `targets`). */
  exDescribeTargetHealth(
    targetGroupArn: string,
    options: CallOptions & { targets?: readonly Elbv2Target[] | undefined } = {},
  ): Promise<Elbv2TargetHealth[]> {
    return tg.describeTargetHealth(this.#ctx, targetGroupArn, options.targets, options);
  }

  // ---- listeners and rules ----
  /** CreateListener on a balancer. */
  exCreateListener(balancer: BalancerRef, options: ls.Elbv2CreateListenerOptions): Promise<Elbv2Listener> {
    return ls.createListener(this.#ctx, this.#id(balancer), options);
  }
  /** Every listener of a balancer. */
  exListListeners(balancer: BalancerRef, options?: CallOptions): Promise<Elbv2Listener[]> {
    return ls.listListeners(this.#ctx, this.#id(balancer), options);
  }
  /** ModifyListener: port, protocol, default actions. */
  exModifyListener(
    listenerArn: string,
    options: CallOptions & {
      port?: number | undefined;
      protocol?: string | undefined;
      defaultActions?: readonly Elbv2Action[] | undefined;
    },
  ): Promise<Elbv2Listener> {
    return ls.modifyListener(this.#ctx, listenerArn, options);
  }
  /** DeleteListener. */
  exDeleteListener(listenerArn: string, options?: CallOptions): Promise<void> {
    return ls.deleteListener(this.#ctx, listenerArn, options);
  }
  /** CreateRule on a listener. */
  exCreateRule(listenerArn: string, options: ls.Elbv2CreateRuleOptions): Promise<Elbv2Rule> {
    return ls.createRule(this.#ctx, listenerArn, options);
  }
  /** Every rule of a listener (the default rule included). */
  exListRules(listenerArn: string, options?: CallOptions): Promise<Elbv2Rule[]> {
    return ls.listRules(this.#ctx, listenerArn, options);
  }
  /** DeleteRule. */
  exDeleteRule(ruleArn: string, options?: CallOptions): Promise<void> {
    return ls.deleteRule(this.#ctx, ruleArn, options);
  }
}
