/**
 * The Rackspace Cloud Files storage driver: the OpenStack Swift driver on a Rackspace Cloud Identity session
 * (the region's `cloudFiles` catalog endpoint), plus the CDN management API.
 * @module
 */
import { assertKnownOptions, checkExKeys, type CallOptions, type Capabilities } from '@cloudmux/core';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import { containerName, type ContainerRef, type StorageMethod, type StorageObject } from '@cloudmux/core/storage';
import {
  OpenStackSwiftStorageDriver,
  checkSwiftContainerName,
  checkSwiftObjectName,
  encodeSwiftObjectPath,
  type IdentitySession,
  type OpenStackSwiftDriverOptions,
} from '@cloudmux/openstack';
import { RACKSPACE_SERVICES, rackspaceAuthFromEnv, resolveRackspaceAuth } from '../identity/index.js';
import { CLOUDFILES_CAPABILITIES } from './capabilities.js';
import { checkCdnTtl, checkLogRetention, CloudFilesCdnApi } from './cdn-api.js';
import {
  CLOUDFILES_CDN_URI_TYPES,
  CLOUDFILES_DRIVER_OPTIONS,
  type CloudFilesCdnUriType,
  type CloudFilesCdnUrlOptions,
  type CloudFilesDriverOptions,
  type CloudFilesEnableCdnOptions,
  type CloudFilesListCdnOptions,
  type CloudFilesPurgeOptions,
  type CloudFilesUpdateCdnOptions,
} from './options.js';
import { CLOUDFILES_PROVIDER } from './provider.js';
import type { CloudFilesCdnInfo } from './to-cdn-info.js';

const PROVIDER = CLOUDFILES_PROVIDER.id;
const CALL_KEYS = ['signal', 'ex'];

function swiftOptions(o: CloudFilesDriverOptions, session: IdentitySession, region: string): OpenStackSwiftDriverOptions {
  if (o.serviceNet !== undefined && typeof o.serviceNet !== 'boolean')
    throw new InvalidArgumentError(`${PROVIDER}: serviceNet must be true or false, got ${JSON.stringify(o.serviceNet)}`, {
      provider: PROVIDER,
    });
  if (o.serviceNet === true && o.interface !== undefined && o.interface !== 'internal')
    throw new InvalidArgumentError(`${PROVIDER}: serviceNet: true uses the internal interface; drop interface "${o.interface}"`, {
      provider: PROVIDER,
    });
  return {
    session,
    region,
    serviceName: RACKSPACE_SERVICES.files.name,
    ...(o.serviceNet === true ? { interface: 'internal' as const } : {}),
    ...(o.storageUrl !== undefined ? { storageUrl: o.storageUrl } : {}),
    ...(o.sloThreshold !== undefined ? { sloThreshold: o.sloThreshold } : {}),
    ...(o.segmentSize !== undefined ? { segmentSize: o.segmentSize } : {}),
    ...(o.segmentConcurrency !== undefined ? { segmentConcurrency: o.segmentConcurrency } : {}),
    ...(o.pageSize !== undefined ? { pageSize: o.pageSize } : {}),
    ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
  };
}

/**
 * Rackspace Cloud Files: every Swift operation of {@link OpenStackSwiftStorageDriver} (listings with all
 * pages, static large objects, temp URLs, metadata, ranges) on the region's `cloudFiles` endpoint, plus the
 * CDN API: `enableContainerCdn`, `getContainerCdnUrl`, `getObjectCdnUrl` and `ex` methods for TTL, log
 * retention, disabling, listing and purging.
 *
 * ```ts
 * const files = new CloudFilesStorageDriver('user', 'api-key', { region: 'DFW' });
 * await files.enableContainerCdn('site', { ex: { ttl: 3600 } });
 * const url = await files.getObjectCdnUrl(await files.getObject('site', { name: 'index.html' }));
 * ```
 */
export class CloudFilesStorageDriver extends OpenStackSwiftStorageDriver {
  /** Provider definition. */
  static override readonly provider = CLOUDFILES_PROVIDER;
  /** Supported portable methods. */
  static override readonly capabilities: Capabilities<StorageMethod> = CLOUDFILES_CAPABILITIES;

  /** Region id (`DFW`, `ORD`, …). */
  readonly region: string;
  readonly #cdn: CloudFilesCdnApi;
  readonly #session: IdentitySession;
  #ownsSession: boolean;

  /**
   * @param username - Rackspace username (leave `undefined` with `options.session`).
   * @param apiKey - API key, or the password with `authType: 'password'` (kept private).
   * @param options - region (required), identity endpoint, ServiceNet, Swift tuning; see {@link CloudFilesDriverOptions}.
   */
  constructor(username: string | undefined, apiKey?: string, options: CloudFilesDriverOptions = {}) {
    if (typeof options !== 'object' || options === null)
      throw new InvalidArgumentError(`${PROVIDER}: options must be an object`, { provider: PROVIDER });
    const { session, region } = resolveRackspaceAuth(
      PROVIDER,
      username,
      apiKey,
      options as CloudFilesDriverOptions & Record<string, unknown>,
      CLOUDFILES_DRIVER_OPTIONS,
    );
    const regionId = region!.id;
    super(username ?? '', undefined, swiftOptions(options, session, regionId));
    this.region = regionId;
    this.#session = session;
    this.#ownsSession = options.session === undefined;
    this.#cdn = new CloudFilesCdnApi(session, { provider: PROVIDER, region: regionId, pageSize: options.pageSize ?? 10_000 });
  }

  /**
   * A driver from `RACKSPACE_USERNAME` + `RACKSPACE_API_KEY` (or `RACKSPACE_PASSWORD`), `RACKSPACE_REGION`,
   * `RACKSPACE_IDENTITY`, or the `OS_*` equivalents; `overrides` win over the environment.
   */
  static override fromEnv(env: NodeJS.ProcessEnv = process.env, overrides: CloudFilesDriverOptions = {}): CloudFilesStorageDriver {
    const auth = rackspaceAuthFromEnv(env, PROVIDER);
    return new CloudFilesStorageDriver(auth.username, auth.secret, { ...auth.options, ...overrides });
  }

  /** Closes keep-alive connections (and the identity session this driver created). */
  override close(): void {
    super.close();
    this.#cdn.close();
    if (this.#ownsSession) {
      this.#ownsSession = false;
      this.#session.close();
    }
  }

  /** The CDN management URL of the account in this region. */
  exGetCdnManagementUrl(options: CallOptions = {}): Promise<string> {
    return this.#cdn.baseUrl(options.signal);
  }

  // ---- portable CDN methods ----

  /**
   * Publishes a container on the CDN (`PUT` with `X-CDN-Enabled: True`); `ex.ttl` (seconds, 900 to 31536000)
   * and `ex.logRetention` set its cache lifetime and access logs. The container must exist. Resolves true.
   */
  override async enableContainerCdn(container: ContainerRef, options: CloudFilesEnableCdnOptions = {}): Promise<boolean> {
    const method = 'enableContainerCdn';
    assertKnownOptions(method, options, CALL_KEYS);
    const ex = checkExKeys(options.ex, ['ttl', 'logRetention'], { method, provider: PROVIDER });
    const c = checkSwiftContainerName(containerName(container), method, PROVIDER);
    const ttl = checkCdnTtl(method, ex?.ttl, PROVIDER);
    const logRetention = checkLogRetention(method, ex?.logRetention, PROVIDER);
    // The CDN API accepts any name; Rackspace serves only containers that exist in storage, so check first.
    await this.getContainer(c, { signal: options.signal });
    await this.#cdn.enable(c, { ttl, logRetention }, options.signal);
    return true;
  }

  /** The container's CDN URL (default `https`; `ex.uriType` picks `http`, `streaming` or `ios`); `NotFoundError` if never CDN-enabled. */
  override async getContainerCdnUrl(container: ContainerRef, options: CloudFilesCdnUrlOptions = {}): Promise<string> {
    const method = 'getContainerCdnUrl';
    const type = this.#uriType(method, options);
    const c = checkSwiftContainerName(containerName(container), method, PROVIDER);
    return this.#uri(await this.#cdn.info(c, options.signal), type, method);
  }

  /** The object's CDN URL: its container's CDN URI + `/` + the URL-encoded object name (default `https`). */
  override async getObjectCdnUrl(object: StorageObject, options: CloudFilesCdnUrlOptions = {}): Promise<string> {
    const method = 'getObjectCdnUrl';
    const type = this.#uriType(method, options);
    const c = checkSwiftContainerName(object?.containerName, method, PROVIDER);
    const name = checkSwiftObjectName(object.name, method, PROVIDER);
    return `${this.#uri(await this.#cdn.info(c, options.signal), type, method)}/${encodeSwiftObjectPath(name)}`;
  }

  // ---- CDN extensions ----

  /** A container's CDN settings: enabled, TTL, log retention and its URIs; `NotFoundError` if never CDN-enabled. */
  exGetContainerCdnInfo(container: ContainerRef, options: CallOptions = {}): Promise<CloudFilesCdnInfo> {
    assertKnownOptions('exGetContainerCdnInfo', options, ['signal']);
    return this.#cdn.info(checkSwiftContainerName(containerName(container), 'exGetContainerCdnInfo', PROVIDER), options.signal);
  }

  /** Takes a container off the CDN (`X-CDN-Enabled: False`); edge copies stay until their TTL expires (or purge them). */
  async exDisableContainerCdn(container: ContainerRef, options: CallOptions = {}): Promise<boolean> {
    assertKnownOptions('exDisableContainerCdn', options, ['signal']);
    await this.#cdn.update(
      checkSwiftContainerName(containerName(container), 'exDisableContainerCdn', PROVIDER),
      { enabled: false },
      options.signal,
    );
    return true;
  }

  /** Changes the TTL and/or log retention of a CDN container (`POST`); returns the new settings. */
  async exUpdateContainerCdn(container: ContainerRef, options: CloudFilesUpdateCdnOptions): Promise<CloudFilesCdnInfo> {
    const method = 'exUpdateContainerCdn';
    assertKnownOptions(method, options, ['ttl', 'logRetention', 'signal']);
    const c = checkSwiftContainerName(containerName(container), method, PROVIDER);
    const ttl = checkCdnTtl(method, options?.ttl, PROVIDER);
    const logRetention = checkLogRetention(method, options?.logRetention, PROVIDER);
    if (ttl === undefined && logRetention === undefined)
      throw new InvalidArgumentError(`${method}: give ttl, logRetention or both`, { provider: PROVIDER });
    await this.#cdn.update(c, { ttl, logRetention }, options.signal);
    return this.#cdn.info(c, options.signal);
  }

  /**
   * Removes a container from the CDN listing (`DELETE` with `X-Remove-CDN-Container: t` on the CDN API): the
   * listing otherwise keeps every container ever CDN-enabled. Disable its CDN first; the stored container stays.
   */
  async exRemoveCdnContainer(container: ContainerRef, options: CallOptions = {}): Promise<boolean> {
    assertKnownOptions('exRemoveCdnContainer', options, ['signal']);
    await this.#cdn.remove(checkSwiftContainerName(containerName(container), 'exRemoveCdnContainer', PROVIDER), options.signal);
    return true;
  }

  /** Every container that is (or, unless `enabledOnly`, ever was) CDN-enabled, following every page. */
  exIterateCdnContainers(options: CloudFilesListCdnOptions = {}): AsyncIterable<CloudFilesCdnInfo> {
    assertKnownOptions('exListCdnContainers', options, ['enabledOnly', 'signal']);
    if (options.enabledOnly !== undefined && typeof options.enabledOnly !== 'boolean')
      throw new InvalidArgumentError(`exListCdnContainers: enabledOnly must be true or false, got ${JSON.stringify(options.enabledOnly)}`, {
        provider: PROVIDER,
      });
    return this.#cdn.list(options.enabledOnly === true, options.signal);
  }

  /** Drains {@link exIterateCdnContainers}. */
  async exListCdnContainers(options: CloudFilesListCdnOptions = {}): Promise<CloudFilesCdnInfo[]> {
    const out: CloudFilesCdnInfo[] = [];
    for await (const c of this.exIterateCdnContainers(options)) out.push(c);
    return out;
  }

  /**
   * Purges an object from the CDN edge before its TTL expires (`DELETE` on the CDN API: the stored object is
   * kept). Rackspace limits purges per account and day; `email` is notified when done. Resolves true.
   */
  async exPurgeObjectFromCdn(container: ContainerRef, objectName: string, options: CloudFilesPurgeOptions = {}): Promise<boolean> {
    const method = 'exPurgeObjectFromCdn';
    assertKnownOptions(method, options, ['email', 'signal']);
    const c = checkSwiftContainerName(containerName(container), method, PROVIDER);
    const name = checkSwiftObjectName(objectName, method, PROVIDER);
    const emails = options.email === undefined ? undefined : typeof options.email === 'string' ? [options.email] : options.email;
    if (
      emails !== undefined &&
      (!Array.isArray(emails) || emails.length === 0 || emails.some((e) => typeof e !== 'string' || !/^[^\s@,]+@[^\s@,]+$/.test(e)))
    )
      throw new InvalidArgumentError(`${method}: email must be an address or a list of addresses, got ${JSON.stringify(options.email)}`, {
        provider: PROVIDER,
      });
    await this.#cdn.purge(c, name, emails?.join(', '), options.signal);
    return true;
  }

  #uriType(method: string, options: CloudFilesCdnUrlOptions): CloudFilesCdnUriType {
    assertKnownOptions(method, options, CALL_KEYS);
    const ex = checkExKeys(options.ex, ['uriType'], { method, provider: PROVIDER });
    const type = ex?.uriType ?? 'https';
    if (!CLOUDFILES_CDN_URI_TYPES.includes(type))
      throw new InvalidArgumentError(
        `${method}: unknown ex.uriType ${JSON.stringify(type)}. Valid values: ${CLOUDFILES_CDN_URI_TYPES.join(', ')}`,
        {
          provider: PROVIDER,
        },
      );
    return type;
  }

  #uri(info: CloudFilesCdnInfo, type: CloudFilesCdnUriType, method: string): string {
    const uri = info.uris[type];
    if (uri === undefined)
      throw new InvalidArgumentError(
        `${method}: container "${info.container}" has no ${type} CDN URI (Rackspace retired streaming and iOS URIs in 2022)`,
        {
          provider: PROVIDER,
        },
      );
    return uri.replace(/\/+$/, '');
  }
}
