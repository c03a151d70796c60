/**
 * The `ex` methods of the Cloud Load Balancers driver on balancer settings: health monitor, session
 * persistence, connection logging, connection throttle, access list, SSL termination and error page.
 * @module
 */
import { assertKnownOptions, requireId, requireRefId, type CallOptions } from '@cloudmux/core';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import { LoadBalancerDriver, type BalancerRef } from '@cloudmux/core/loadbalancer';
import type { LbContext } from './context.js';
import type {
  RackspaceAccessListItem,
  RackspaceConnectionThrottle,
  RackspaceHealthMonitor,
  RackspacePersistenceType,
  RackspaceSslTermination,
} from './options.js';
import * as set from './settings.js';
import { mutate } from './wait.js';
import { balancerPath } from './context.js';

/**
 * Base class of `RackspaceLoadBalancerDriver` holding its settings `ex` methods. Reads resolve `undefined`
 * when the setting is off; writes wait for the balancer like every write of the driver.
 */
export abstract class RackspaceLoadBalancerExMethods extends LoadBalancerDriver {
  /** The driver's context. */
  protected abstract get lbContext(): LbContext;

  #id(method: string, balancer: BalancerRef): string {
    return requireRefId(balancer, 'balancer', { method, provider: this.lbContext.provider });
  }

  // ---- health monitor ----

  /** The health monitor (`GET …/healthmonitor`), or undefined when none is set. */
  async exGetHealthMonitor(balancer: BalancerRef, options: CallOptions = {}): Promise<RackspaceHealthMonitor | undefined> {
    return set.readSetting(this.lbContext, this.#id('exGetHealthMonitor', balancer), 'healthmonitor', 'healthMonitor', options.signal);
  }

  /** Sets the health monitor: `CONNECT`, or `HTTP`/`HTTPS` with `path` (and `statusRegex`, `bodyRegex`, `hostHeader`). */
  async exSetHealthMonitor(balancer: BalancerRef, options: RackspaceHealthMonitor & CallOptions): Promise<void> {
    const method = 'exSetHealthMonitor';
    const { signal, ...monitor } = options;
    assertKnownOptions(method, options, [
      'type',
      'delay',
      'timeout',
      'attemptsBeforeDeactivation',
      'path',
      'statusRegex',
      'bodyRegex',
      'hostHeader',
      'signal',
    ]);
    const body = set.checkHealthMonitor(this.lbContext, monitor);
    await set.writeSetting(this.lbContext, this.#id(method, balancer), 'healthmonitor', 'healthMonitor', body, signal);
  }

  /** Removes the health monitor. */
  async exDeleteHealthMonitor(balancer: BalancerRef, options: CallOptions = {}): Promise<void> {
    await set.deleteSetting(this.lbContext, this.#id('exDeleteHealthMonitor', balancer), 'healthmonitor', options.signal);
  }

  // ---- session persistence ----

  /** The session persistence type, or undefined when persistence is off. */
  async exGetSessionPersistence(balancer: BalancerRef, options: CallOptions = {}): Promise<RackspacePersistenceType | undefined> {
    const v = await set.readSetting<{ persistenceType?: RackspacePersistenceType }>(
      this.lbContext,
      this.#id('exGetSessionPersistence', balancer),
      'sessionpersistence',
      'sessionPersistence',
      options.signal,
    );
    return v?.persistenceType;
  }

  /** Turns session persistence on: `HTTP_COOKIE` (HTTP balancers) or `SOURCE_IP`. */
  async exSetSessionPersistence(balancer: BalancerRef, options: { type: RackspacePersistenceType } & CallOptions): Promise<void> {
    const method = 'exSetSessionPersistence';
    assertKnownOptions(method, options, ['type', 'signal']);
    const persistenceType = set.checkPersistenceType(this.lbContext, options.type);
    await set.writeSetting(
      this.lbContext,
      this.#id(method, balancer),
      'sessionpersistence',
      'sessionPersistence',
      { persistenceType },
      options.signal,
    );
  }

  /** Turns session persistence off. */
  async exDisableSessionPersistence(balancer: BalancerRef, options: CallOptions = {}): Promise<void> {
    await set.deleteSetting(this.lbContext, this.#id('exDisableSessionPersistence', balancer), 'sessionpersistence', options.signal);
  }

  // ---- connection logging ----

  /** Whether connection logging is on. */
  async exGetConnectionLogging(balancer: BalancerRef, options: CallOptions = {}): Promise<boolean> {
    const v = await set.readSetting<{ enabled?: boolean }>(
      this.lbContext,
      this.#id('exGetConnectionLogging', balancer),
      'connectionlogging',
      'connectionLogging',
      options.signal,
    );
    return v?.enabled === true;
  }

  /** Turns connection logging on (logs go to Cloud Files). */
  async exEnableConnectionLogging(balancer: BalancerRef, options: CallOptions = {}): Promise<void> {
    await this.#logging('exEnableConnectionLogging', balancer, true, options);
  }

  /** Turns connection logging off. */
  async exDisableConnectionLogging(balancer: BalancerRef, options: CallOptions = {}): Promise<void> {
    await this.#logging('exDisableConnectionLogging', balancer, false, options);
  }

  async #logging(method: string, balancer: BalancerRef, enabled: boolean, options: CallOptions): Promise<void> {
    await set.writeSetting(
      this.lbContext,
      this.#id(method, balancer),
      'connectionlogging',
      'connectionLogging',
      { enabled },
      options.signal,
    );
  }

  // ---- connection throttle ----

  /** The connection throttle, or undefined when none is set. */
  async exGetConnectionThrottle(balancer: BalancerRef, options: CallOptions = {}): Promise<RackspaceConnectionThrottle | undefined> {
    return set.readSetting(
      this.lbContext,
      this.#id('exGetConnectionThrottle', balancer),
      'connectionthrottle',
      'connectionThrottle',
      options.signal,
    );
  }

  /** Sets connection throttling (`minConnections`, `maxConnections`, `maxConnectionRate`, `rateInterval`). */
  async exSetConnectionThrottle(balancer: BalancerRef, options: RackspaceConnectionThrottle & CallOptions): Promise<void> {
    const method = 'exSetConnectionThrottle';
    assertKnownOptions(method, options, ['minConnections', 'maxConnections', 'maxConnectionRate', 'rateInterval', 'signal']);
    const { signal, ...throttle } = options;
    const body = set.checkThrottle(this.lbContext, throttle);
    await set.writeSetting(this.lbContext, this.#id(method, balancer), 'connectionthrottle', 'connectionThrottle', body, signal);
  }

  /** Removes connection throttling. */
  async exDeleteConnectionThrottle(balancer: BalancerRef, options: CallOptions = {}): Promise<void> {
    await set.deleteSetting(this.lbContext, this.#id('exDeleteConnectionThrottle', balancer), 'connectionthrottle', options.signal);
  }

  // ---- access list ----

  /** The access list (entries with their ids); empty when none. */
  async exGetAccessList(balancer: BalancerRef, options: CallOptions = {}): Promise<RackspaceAccessListItem[]> {
    const v = await set.readSetting<RackspaceAccessListItem[]>(
      this.lbContext,
      this.#id('exGetAccessList', balancer),
      'accesslist',
      'accessList',
      options.signal,
    );
    return Array.isArray(v) ? v : [];
  }

  /** Adds `ALLOW`/`DENY` entries (addresses or CIDR networks) to the access list. */
  async exAddAccessListItems(balancer: BalancerRef, options: { items: readonly RackspaceAccessListItem[] } & CallOptions): Promise<void> {
    const method = 'exAddAccessListItems';
    assertKnownOptions(method, options, ['items', 'signal']);
    const items = set.checkAccessItems(this.lbContext, options.items);
    await set.writeSetting(this.lbContext, this.#id(method, balancer), 'accesslist', 'accessList', items, options.signal, 'POST');
  }

  /** Removes one access list entry by id. */
  async exDeleteAccessListItem(balancer: BalancerRef, options: { itemId: string | number } & CallOptions): Promise<void> {
    const method = 'exDeleteAccessListItem';
    assertKnownOptions(method, options, ['itemId', 'signal']);
    const ctx = this.lbContext;
    const id = this.#id(method, balancer);
    const itemId = requireId(String(options.itemId ?? ''), 'itemId', { method, provider: ctx.provider });
    const { signal } = options;
    await mutate(ctx, id, signal, () =>
      ctx.client.send({
        method: 'DELETE',
        path: balancerPath(id, `accesslist/${encodeURIComponent(itemId)}`),
        action: `delete access list item ${itemId} of balancer ${id}`,
        signal,
      }),
    );
  }

  /** Removes the whole access list. */
  async exDeleteAccessList(balancer: BalancerRef, options: CallOptions = {}): Promise<void> {
    await set.deleteSetting(this.lbContext, this.#id('exDeleteAccessList', balancer), 'accesslist', options.signal);
  }

  // ---- SSL termination ----

  /** SSL termination settings (without the private key), or undefined when not configured. */
  async exGetSslTermination(balancer: BalancerRef, options: CallOptions = {}): Promise<RackspaceSslTermination | undefined> {
    return set.readSetting(this.lbContext, this.#id('exGetSslTermination', balancer), 'ssltermination', 'sslTermination', options.signal);
  }

  /** Configures SSL termination: `securePort`, `certificate` + `privatekey` (+ `intermediateCertificate`), `enabled`, `secureTrafficOnly`. */
  async exSetSslTermination(balancer: BalancerRef, options: RackspaceSslTermination & CallOptions): Promise<void> {
    const method = 'exSetSslTermination';
    assertKnownOptions(method, options, [
      'enabled',
      'securePort',
      'secureTrafficOnly',
      'certificate',
      'intermediateCertificate',
      'privatekey',
      'signal',
    ]);
    const { signal, ...settings } = options;
    const body = set.checkSslTermination(this.lbContext, settings);
    await set.writeSetting(this.lbContext, this.#id(method, balancer), 'ssltermination', 'sslTermination', body, signal);
  }

  /** Removes SSL termination. */
  async exDeleteSslTermination(balancer: BalancerRef, options: CallOptions = {}): Promise<void> {
    await set.deleteSetting(this.lbContext, this.#id('exDeleteSslTermination', balancer), 'ssltermination', options.signal);
  }

  // ---- error page ----

  /** The error page HTML (Rackspace's default page when no custom one is set). */
  async exGetErrorPage(balancer: BalancerRef, options: CallOptions = {}): Promise<string | undefined> {
    const v = await set.readSetting<{ content?: string }>(
      this.lbContext,
      this.#id('exGetErrorPage', balancer),
      'errorpage',
      'errorpage',
      options.signal,
    );
    return v?.content;
  }

  /** Sets a custom error page (HTML, at most 65536 characters). */
  async exSetErrorPage(balancer: BalancerRef, options: { content: string } & CallOptions): Promise<void> {
    const method = 'exSetErrorPage';
    assertKnownOptions(method, options, ['content', 'signal']);
    if (typeof options.content !== 'string' || options.content.trim() === '' || options.content.length > 65536)
      throw new InvalidArgumentError(`${method}: content must be 1 to 65536 characters of HTML`, { provider: this.lbContext.provider });
    await set.writeSetting(
      this.lbContext,
      this.#id(method, balancer),
      'errorpage',
      'errorpage',
      { content: options.content },
      options.signal,
    );
  }

  /** Removes the custom error page (the default one is served again). */
  async exDeleteErrorPage(balancer: BalancerRef, options: CallOptions = {}): Promise<void> {
    await set.deleteSetting(this.lbContext, this.#id('exDeleteErrorPage', balancer), 'errorpage', options.signal);
  }
}
