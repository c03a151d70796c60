/**
 * The Rackspace Cloud Load Balancers driver (API v1.0).
 * @module
 */
import { isIP } from 'node:net';
import {
  assertKnownOptions,
  checkExKeys,
  drain,
  requireDuration,
  requireRefId,
  resolvePollInterval,
  type CallOptions,
  type Capabilities,
  type ProviderDefinition,
} from '@cloudmux/core';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import {
  type Algorithm,
  type BalancerAttachComputeNodeOptions,
  type BalancerAttachMemberOptions,
  type BalancerDetachMemberOptions,
  type BalancerRef,
  type CreateBalancerOptions,
  type LoadBalancer,
  type LoadBalancerMethod,
  type Member,
  type UpdateBalancerOptions,
} from '@cloudmux/core/loadbalancer';
import type { IdentitySession } from '@cloudmux/openstack';
import { rackspaceAuthFromEnv, resolveRackspaceAuth } from '../identity/index.js';
import * as bal from './balancers.js';
import { RACKSPACE_LB_CAPABILITIES } from './capabilities.js';
import { LoadBalancerClient } from './client.js';
import type { LbContext } from './context.js';
import { toPortableProtocol, toWireAlgorithm, toWireProtocol, toAlgorithm } from './maps.js';
import * as mem from './members.js';
import {
  RACKSPACE_LB_DRIVER_OPTIONS,
  type RackspaceCreateBalancerEx,
  type RackspaceLoadBalancerOptions,
  type RackspaceUpdateMemberOptions,
  type RackspaceWaitOptions,
} from './options.js';
import { RACKSPACE_LB_PROVIDER } from './provider.js';
import { toBalancer, type RackspaceBalancerExtra, type RackspaceMemberExtra } from './to-resources.js';
import { getBalancerWire, waitUntilActive } from './wait.js';
import { RackspaceLoadBalancerExMethods } from './ex-methods.js';

const PROVIDER = RACKSPACE_LB_PROVIDER.id;
const CREATE_EX_KEYS = ['virtualIpType', 'virtualIpId', 'timeout', 'halfClosed'];
const VIP_TYPES = ['PUBLIC', 'SERVICENET'];

function checkOwnOptions(
  o: RackspaceLoadBalancerOptions,
): Pick<LbContext, 'pollIntervalMs' | 'waitForActive' | 'waitTimeoutMs' | 'pageSize'> {
  const ctx = { method: `${PROVIDER} driver`, provider: PROVIDER };
  if (o.waitForActive !== undefined && typeof o.waitForActive !== 'boolean')
    throw new InvalidArgumentError(`${PROVIDER}: waitForActive must be true or false, got ${JSON.stringify(o.waitForActive)}`, {
      provider: PROVIDER,
    });
  const pageSize = o.pageSize ?? 100;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100)
    throw new InvalidArgumentError(`${PROVIDER}: pageSize must be an integer from 1 to 100, got ${JSON.stringify(o.pageSize)}`, {
      provider: PROVIDER,
    });
  return {
    pollIntervalMs: resolvePollInterval(o.pollIntervalMs, 5000, 'pollIntervalMs', ctx),
    waitForActive: o.waitForActive ?? true,
    waitTimeoutMs: requireDuration(o.waitTimeoutMs ?? 600_000, 'waitTimeoutMs', ctx),
    pageSize,
  };
}

/**
 * Rackspace Cloud Load Balancers v1.0 on a Rackspace Cloud Identity session (the region's
 * `cloudLoadBalancers` catalog endpoint). Every portable method; writes wait for the balancer to be
 * `ACTIVE` again (option `waitForActive`, default true); node condition and weight, health monitor,
 * session persistence, connection logging and throttling, access list, SSL termination and error page
 * through `ex` methods.
 *
 * ```ts
 * const clb = new RackspaceLoadBalancerDriver('user', 'api-key', { region: 'DFW' });
 * const b = await clb.createBalancer({ name: 'web', port: 80, protocol: 'http', members: [{ ip: '10.1.1.1', port: 80 }] });
 * await clb.exSetHealthMonitor(b, { type: 'HTTP', path: '/health' });
 * ```
 */
export class RackspaceLoadBalancerDriver extends RackspaceLoadBalancerExMethods {
  /** Provider definition. */
  static override readonly provider: ProviderDefinition = RACKSPACE_LB_PROVIDER;
  /** Supported portable methods (all). */
  static override readonly capabilities: Capabilities<LoadBalancerMethod> = RACKSPACE_LB_CAPABILITIES;

  /** Region id (`DFW`, `ORD`, …). */
  readonly region: string;
  readonly #ctx: LbContext;
  readonly #session: IdentitySession;
  #ownsSession: boolean;
  #protocols: Promise<bal.RackspaceProtocol[]> | undefined;

  /**
   * @param username - Rackspace username (leave `undefined` with `options.session`).
   * @param apiKey - API key, or the password with `authType: 'password'` (kept private).
   * @param options - region (required), identity endpoint, waiting and paging; see {@link RackspaceLoadBalancerOptions}.
   */
  constructor(username: string | undefined, apiKey?: string, options: RackspaceLoadBalancerOptions = {}) {
    super();
    if (typeof options !== 'object' || options === null)
      throw new InvalidArgumentError(`${PROVIDER}: options must be an object`, { provider: PROVIDER });
    const { session, region } = resolveRackspaceAuth(
      PROVIDER,
      username,
      apiKey,
      options as RackspaceLoadBalancerOptions & Record<string, unknown>,
      RACKSPACE_LB_DRIVER_OPTIONS,
    );
    const own = checkOwnOptions(options);
    this.region = region!.id;
    this.#session = session;
    this.#ownsSession = options.session === undefined;
    const client = new LoadBalancerClient(session, { provider: PROVIDER, region: this.region, interface: options.interface });
    this.#ctx = Object.freeze({ provider: PROVIDER, client, driver: this, ...own });
  }

  /**
   * A driver from `RACKSPACE_USERNAME` + `RACKSPACE_API_KEY` (or `RACKSPACE_PASSWORD`), `RACKSPACE_REGION`,
   * `RACKSPACE_IDENTITY`, or the `OS_*` equivalents; `overrides` win over the environment.
   */
  static fromEnv(env: NodeJS.ProcessEnv = process.env, overrides: RackspaceLoadBalancerOptions = {}): RackspaceLoadBalancerDriver {
    const auth = rackspaceAuthFromEnv(env, PROVIDER);
    return new RackspaceLoadBalancerDriver(auth.username, auth.secret, { ...auth.options, ...overrides });
  }

  /** Closes keep-alive connections (and the identity session this driver created). */
  close(): void {
    void this.#ctx.client.close();
    if (this.#ownsSession) {
      this.#ownsSession = false;
      this.#session.close();
    }
  }

  /** The shared context of the resource modules (for the `ex` methods of the base class). */
  protected override get lbContext(): LbContext {
    return this.#ctx;
  }

  #id(method: string, balancer: BalancerRef): string {
    return requireRefId(balancer, 'balancer', { method, provider: PROVIDER });
  }

  #knownProtocols(signal?: AbortSignal): Promise<bal.RackspaceProtocol[]> {
    if (!this.#protocols) {
      const p = bal.fetchProtocols(this.#ctx, signal);
      this.#protocols = p;
      p.catch(() => {
        if (this.#protocols === p) this.#protocols = undefined;
      });
    }
    return this.#protocols;
  }

  async #wireProtocol(method: string, protocol: unknown, signal?: AbortSignal): Promise<string> {
    const known = (await this.#knownProtocols(signal)).map((p) => p.name);
    return toWireProtocol(method, protocol, known, PROVIDER);
  }

  /** Protocols (`GET /loadbalancers/protocols`), in portable spelling: `http`, `https`, `tcp-client-first`, `dns-udp`… */
  override async listProtocols(options: CallOptions = {}): Promise<string[]> {
    const protocols = await bal.fetchProtocols(this.#ctx, options.signal);
    return [...new Set(protocols.map((p) => toPortableProtocol(p.name)))];
  }

  /** Algorithms (`GET /loadbalancers/algorithms`) that have a portable name. */
  override async listSupportedAlgorithms(options: CallOptions = {}): Promise<Algorithm[]> {
    const names = await bal.fetchAlgorithms(this.#ctx, options.signal);
    return [...new Set(names.map(toAlgorithm).filter((a): a is Algorithm => a !== undefined))];
  }

  /** Every balancer of the region (all pages). */
  override listBalancers(options: CallOptions = {}): Promise<LoadBalancer<RackspaceBalancerExtra>[]> {
    return drain(this.iterateBalancers(options));
  }

  /** Every balancer of the region, page by page (`limit`/`marker`). */
  override iterateBalancers(options: CallOptions = {}): AsyncIterable<LoadBalancer<RackspaceBalancerExtra>> {
    return bal.iterateBalancers(this.#ctx, options.signal);
  }

  /** The balancer with details; `NotFoundError` for an unknown or deleted one. */
  override async getBalancer(id: string, options: CallOptions = {}): Promise<LoadBalancer<RackspaceBalancerExtra>> {
    const balancerId = this.#id('getBalancer', id);
    return toBalancer(await getBalancerWire(this.#ctx, balancerId, options.signal), this);
  }

  /**
   * Creates a balancer (`POST /loadbalancers`) with a `PUBLIC` virtual IP (`ex.virtualIpType: 'SERVICENET'`
   * for a private one, `ex.virtualIpId` to share one) and the members as `ENABLED` nodes. The protocol is
   * checked against `listProtocols()`, the algorithm against the supported ones. With `waitForActive` (default)
   * it resolves once the balancer is `ACTIVE`.
   */
  override async createBalancer(options: CreateBalancerOptions<RackspaceCreateBalancerEx>): Promise<LoadBalancer<RackspaceBalancerExtra>> {
    const method = 'createBalancer';
    assertKnownOptions(method, options, ['name', 'port', 'protocol', 'algorithm', 'members', 'ex', 'signal']);
    const ex = checkExKeys(options.ex, CREATE_EX_KEYS, { method, provider: PROVIDER });
    const name = bal.checkName(method, options.name, PROVIDER);
    const port = bal.checkPort(method, options.port, PROVIDER);
    const algorithm = options.algorithm !== undefined ? toWireAlgorithm(method, options.algorithm, PROVIDER) : undefined;
    const nodes = bal.toWireNodes(method, options.members ?? [], PROVIDER);
    if (ex?.virtualIpType !== undefined && !VIP_TYPES.includes(ex.virtualIpType))
      throw new InvalidArgumentError(
        `${method}: ex.virtualIpType ${JSON.stringify(ex.virtualIpType)} is not one of ${VIP_TYPES.join(', ')}`,
        {
          provider: PROVIDER,
        },
      );
    if (ex?.virtualIpType !== undefined && ex.virtualIpId !== undefined)
      throw new InvalidArgumentError(`${method}: give ex.virtualIpType or ex.virtualIpId, not both`, { provider: PROVIDER });
    if (ex?.timeout !== undefined && (!Number.isInteger(ex.timeout) || ex.timeout < 1 || ex.timeout > 120))
      throw new InvalidArgumentError(`${method}: ex.timeout must be whole seconds from 1 to 120, got ${JSON.stringify(ex.timeout)}`, {
        provider: PROVIDER,
      });
    const protocol = await this.#wireProtocol(method, options.protocol, options.signal);
    return bal.createBalancer(this.#ctx, { name, port, protocol, algorithm, nodes, ex }, options.signal);
  }

  /** Changes name, port, protocol and/or algorithm (`PUT /loadbalancers/{id}`); returns the balancer read back. */
  override async updateBalancer(balancer: BalancerRef, options: UpdateBalancerOptions): Promise<LoadBalancer<RackspaceBalancerExtra>> {
    const method = 'updateBalancer';
    assertKnownOptions(method, options, ['name', 'port', 'protocol', 'algorithm', 'signal']);
    const id = this.#id(method, balancer);
    const changes: Record<string, string | number> = {};
    if (options.name !== undefined) changes.name = bal.checkName(method, options.name, PROVIDER);
    if (options.port !== undefined) changes.port = bal.checkPort(method, options.port, PROVIDER);
    if (options.algorithm !== undefined) changes.algorithm = toWireAlgorithm(method, options.algorithm, PROVIDER);
    if (options.protocol !== undefined) changes.protocol = await this.#wireProtocol(method, options.protocol, options.signal);
    if (Object.keys(changes).length === 0)
      throw new InvalidArgumentError(`${method}: give at least one of name, port, protocol, algorithm`, { provider: PROVIDER });
    return bal.updateBalancer(this.#ctx, id, changes, options.signal);
  }

  /** Deletes the balancer (`DELETE /loadbalancers/{id}`); resolves true once Rackspace accepted it (`PENDING_DELETE`). */
  override async destroyBalancer(balancer: BalancerRef, options: CallOptions = {}): Promise<boolean> {
    await bal.destroyBalancer(this.#ctx, this.#id('destroyBalancer', balancer), options.signal);
    return true;
  }

  /**
   * Attaches a server by its first public IPv4 address, else its first private (ServiceNet) IPv4 address, on
   * `port` (default the balancer's). `InvalidArgumentError` when the node has no IPv4 address.
   */
  override async balancerAttachComputeNode(
    balancer: BalancerRef,
    options: BalancerAttachComputeNodeOptions,
  ): Promise<Member<RackspaceMemberExtra>> {
    const method = 'balancerAttachComputeNode';
    assertKnownOptions(method, options, ['node', 'port', 'signal']);
    const id = this.#id(method, balancer);
    const { node, signal } = options;
    const ip = [...(node?.publicIps ?? []), ...(node?.privateIps ?? [])].find((a) => isIP(a) === 4);
    if (ip === undefined)
      throw new InvalidArgumentError(`${method}: node ${JSON.stringify(node?.id)} has no IPv4 address to balance to`, {
        provider: PROVIDER,
      });
    const port = options.port ?? (typeof balancer === 'string' ? (await this.getBalancer(id, { signal })).port : balancer.port);
    return mem.attachMember(this.#ctx, id, { ip, port: bal.checkPort(method, port, PROVIDER) }, signal);
  }

  /** Adds an `ENABLED` node `{ ip, port }` (`POST …/nodes`). */
  override async balancerAttachMember(balancer: BalancerRef, options: BalancerAttachMemberOptions): Promise<Member<RackspaceMemberExtra>> {
    assertKnownOptions('balancerAttachMember', options, ['ip', 'port', 'signal']);
    const id = this.#id('balancerAttachMember', balancer);
    return mem.attachMember(this.#ctx, id, { ip: options.ip, port: options.port }, options.signal);
  }

  /** Removes a node (`DELETE …/nodes/{nodeId}`); `NotFoundError` if it is not attached. */
  override async balancerDetachMember(balancer: BalancerRef, options: BalancerDetachMemberOptions): Promise<boolean> {
    assertKnownOptions('balancerDetachMember', options, ['member', 'signal']);
    const id = this.#id('balancerDetachMember', balancer);
    const nodeId = requireRefId(options.member, 'member', { method: 'balancerDetachMember', provider: PROVIDER });
    await mem.detachMember(this.#ctx, id, nodeId, options.signal);
    return true;
  }

  /** The balancer's nodes (`GET …/nodes`). */
  override async balancerListMembers(balancer: BalancerRef, options: CallOptions = {}): Promise<Member<RackspaceMemberExtra>[]> {
    return mem.listMembers(this.#ctx, this.#id('balancerListMembers', balancer), options.signal);
  }

  /**
   * Waits until the balancer is `ACTIVE` (polling every `pollIntervalMs`) and returns it. `TimeoutError` after
   * `timeoutMs` (default the driver's `waitTimeoutMs`); `ProviderError` for a balancer in `ERROR`, `SUSPENDED` or
   * being deleted; `AbortError` when `signal` aborts.
   */
  async exWaitForActive(balancer: BalancerRef, options: RackspaceWaitOptions = {}): Promise<LoadBalancer<RackspaceBalancerExtra>> {
    const method = 'exWaitForActive';
    assertKnownOptions(method, options, ['timeoutMs', 'pollIntervalMs', 'signal']);
    const id = this.#id(method, balancer);
    const c = { method, provider: PROVIDER };
    const timeoutMs = requireDuration(options.timeoutMs ?? this.#ctx.waitTimeoutMs, 'timeoutMs', c);
    const pollIntervalMs = resolvePollInterval(options.pollIntervalMs, this.#ctx.pollIntervalMs, 'pollIntervalMs', c);
    return toBalancer(await waitUntilActive(this.#ctx, id, { signal: options.signal, timeoutMs, pollIntervalMs }), this);
  }

  /** Changes a member's condition (`ENABLED`/`DISABLED`/`DRAINING`), weight (1 to 100) and/or type; returns it read back. */
  async exUpdateMember(
    balancer: BalancerRef,
    member: Member | string,
    options: RackspaceUpdateMemberOptions,
  ): Promise<Member<RackspaceMemberExtra>> {
    const method = 'exUpdateMember';
    assertKnownOptions(method, options, ['condition', 'weight', 'type', 'signal']);
    const id = this.#id(method, balancer);
    const nodeId = requireRefId(member, 'member', { method, provider: PROVIDER });
    return mem.updateMember(this.#ctx, id, nodeId, options);
  }
}
