import type { CallOptions, Capabilities, ProviderDefinition } from '@cloudmux/core';
import {
  DnsDriver,
  RecordType,
  toBindZoneFile,
  type CreateRecordOptions,
  type CreateZoneOptions,
  type DnsMethod,
  type DnsRecord,
  type GetRecordOptions,
  type ImportedZone,
  type ImportZoneFromBindFormatOptions,
  type UpdateRecordOptions,
  type Zone,
  type ZoneRef,
} from '@cloudmux/core/dns';
import { readAwsEnv } from '../credentials/from-env.js';
import type { Env } from '../credentials/shared-files.js';
import { getChange, waitForChange } from './changes.js';
import { Route53Client } from './client.js';
import { importZone } from './import-zone.js';
import type { Route53Context } from './context.js';
import { resolveRoute53Settings, type Route53DriverOptions } from './options.js';
import { ROUTE53_CAPABILITIES, ROUTE53_PROVIDER } from './provider.js';
import { ROUTE53_RECORD_TYPES } from './record-data.js';
import * as sets from './record-sets.js';
import * as rec from './records.js';
import type {
  Route53Change,
  Route53ChangeRecordsOptions,
  Route53CreateZoneEx,
  Route53RecordEx,
  Route53RecordExtra,
  Route53RecordSet,
  Route53WaitOptions,
  Route53ZoneExtra,
} from './types.js';
import type { Route53ChangeInfo } from './wire.js';
import * as zones from './zones.js';

/**
 * Amazon Route 53 DNS driver (REST-XML API 2013-04-01, SigV4 `route53` in `us-east-1`): hosted zones
 * (public, or private with `ex.vpc`) and their records. A portable record is **one value** of a Route
 * 53 record set: a set `www A [192.0.2.1, 192.0.2.2]` lists as two records; creating, updating or
 * deleting one value rewrites its set in one atomic `ChangeResourceRecordSets` batch. Alias records
 * and routing policies (weighted, latency, failover, geolocation, multivalue) go under `ex`;
 * `exChangeRecords` sends a batch of set changes atomically; `ex.waitForSync` waits for `INSYNC`.
 *
 * @example
 * const r53 = Route53DnsDriver.fromEnv();
 * const zone = await r53.createZone({ domain: 'example.com' });
 * await r53.createRecord(zone, { name: 'www', type: 'A', data: '192.0.2.10', ttl: 300, ex: { waitForSync: true } });
 */
export class Route53DnsDriver extends DnsDriver {
  /** Amazon Route 53. */
  static override readonly provider: ProviderDefinition = ROUTE53_PROVIDER;
  /** Every portable DNS method but `updateZone` (see `exUpdateZoneComment`). */
  static override readonly capabilities: Capabilities<DnsMethod> = ROUTE53_CAPABILITIES;

  /**
   * A driver from `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`/`AWS_SESSION_TOKEN`, or the `AWS_PROFILE`
   * profile of `~/.aws/credentials` and `~/.aws/config`; endpoint from `AWS_ENDPOINT_URL_ROUTE_53`, else
   * `AWS_ENDPOINT_URL` (or the profile's `endpoint_url`). `overrides` win.
   */
  static fromEnv(env: Env = process.env, overrides: Route53DriverOptions = {}): Route53DnsDriver {
    const cfg = readAwsEnv(env);
    const options: Route53DriverOptions = { ...overrides };
    const own = env.AWS_ENDPOINT_URL_ROUTE_53?.trim();
    const general = env.AWS_ENDPOINT_URL_EC2?.trim() ? env.AWS_ENDPOINT_URL?.trim() || undefined : cfg.endpoint;
    if (options.endpoint === undefined) options.endpoint = own || general;
    if (options.endpoint === undefined) delete options.endpoint;
    if (options.sessionToken === undefined && cfg.credentials.sessionToken !== undefined)
      options.sessionToken = cfg.credentials.sessionToken;
    return new Route53DnsDriver(cfg.credentials.accessKeyId, cfg.credentials.secretAccessKey, options);
  }

  readonly #ctx: Route53Context;

  /**
   * @param accessKeyId - AWS access key id.
   * @param secretAccessKey - AWS secret access key.
   * @param options - endpoint, session token, page size, default TTL, retry, timeouts.
   */
  constructor(accessKeyId: string, secretAccessKey?: string, options: Route53DriverOptions = {}) {
    super();
    const settings = resolveRoute53Settings(accessKeyId, secretAccessKey, options);
    const client = new Route53Client({
      provider: ROUTE53_PROVIDER.id,
      endpoint: settings.endpoint,
      credentials: settings.credentials,
      signingRegion: settings.signingRegion,
      retry: options.retry,
      timeoutMs: options.timeoutMs,
      tls: options.tls,
    });
    this.#ctx = { client, driver: this, settings };
  }

  /** Base URL of the API. */
  get endpoint(): string {
    return this.#ctx.settings.endpoint;
  }

  /** Closes keep-alive sockets (the driver stays usable). */
  close(): void {
    this.#ctx.client.close();
  }

  /** Record types Route 53 serves. */
  override listRecordTypes(): RecordType[] {
    return [...ROUTE53_RECORD_TYPES];
  }

  // ---- zones ----
  /** Iterates hosted zones, every page. */
  override async *iterateZones(options?: CallOptions): AsyncIterable<Zone<Route53ZoneExtra>> {
    yield* zones.iterateZones(this.#ctx, options);
  }
  /** Lists every hosted zone. */
  override listZones(options?: CallOptions): Promise<Zone<Route53ZoneExtra>[]> {
    return super.listZones(options) as Promise<Zone<Route53ZoneExtra>[]>;
  }
  /** A hosted zone with its name servers (and VPCs, when private); `NotFoundError` if absent. */
  override getZone(id: string, options?: CallOptions): Promise<Zone<Route53ZoneExtra>> {
    return zones.getZone(this.#ctx, id, options);
  }
  /**
   * Creates a hosted zone; `ex.vpc` makes it private, `ex.callerReference` makes a retried create
   * safe (`AlreadyExistsError` instead of a second zone), `ex.waitForSync` waits for `INSYNC`.
   * Route 53 zones have no default TTL: `ttl` is ignored with a one-time `CLOUDMUX_ZONE_TTL_IGNORED` warning.
   */
  override createZone(options: CreateZoneOptions<Route53CreateZoneEx & Route53WaitOptions>): Promise<Zone<Route53ZoneExtra>> {
    return zones.createZone(this.#ctx, options);
  }
  /** Deletes a hosted zone (Route 53 refuses one with records besides its SOA and NS); `ex.waitForSync` waits for `INSYNC`. */
  override deleteZone(zone: ZoneRef, options?: CallOptions & { ex?: Omit<Route53WaitOptions, 'signal'> | undefined }): Promise<boolean> {
    return zones.deleteZone(this.#ctx, zone, options);
  }
  /** Sets (or, with `''`, removes) a hosted zone's comment: UpdateHostedZoneComment. */
  exUpdateZoneComment(zone: ZoneRef, comment: string, options?: CallOptions): Promise<Zone<Route53ZoneExtra>> {
    return zones.updateZoneComment(this.#ctx, zone, comment, options);
  }

  // ---- records ----
  /** Iterates records (one per value of each record set), every page. */
  override async *iterateRecords(zone: ZoneRef, options?: CallOptions): AsyncIterable<DnsRecord<Route53RecordExtra>> {
    yield* sets.iterateRecords(this.#ctx, zone, options);
  }
  /** Lists every record of a zone. */
  override listRecords(zone: ZoneRef, options?: CallOptions): Promise<DnsRecord<Route53RecordExtra>[]> {
    return sets.listRecords(this.#ctx, zone, options);
  }
  /** A record by id; `NotFoundError` if its set or value is gone. */
  override getRecord(zone: ZoneRef, options: GetRecordOptions): Promise<DnsRecord<Route53RecordExtra>> {
    return rec.getRecord(this.#ctx, zone, options);
  }
  /** Creates a record (a new set, or another value of an existing set, atomically). */
  override createRecord(zone: ZoneRef, options: CreateRecordOptions<Route53RecordEx>): Promise<DnsRecord<Route53RecordExtra>> {
    return rec.createRecord(this.#ctx, zone, options);
  }
  /** Updates a record (its set is rewritten atomically; the result has a new id when its value changed). */
  override updateRecord(record: DnsRecord, options: UpdateRecordOptions<Route53RecordEx>): Promise<DnsRecord<Route53RecordExtra>> {
    return rec.updateRecord(this.#ctx, record, options);
  }
  /** Deletes a record (its value; the set goes with its last value). */
  override deleteRecord(
    record: DnsRecord,
    options?: CallOptions & { ex?: Omit<Route53WaitOptions, 'signal'> | undefined },
  ): Promise<boolean> {
    return rec.deleteRecord(this.#ctx, record, options);
  }

  /**
   * Renders the zone as a BIND zone file. Alias records, which BIND cannot express, become comments;
   * routing-policy records are written as plain records (their policy is Route 53's, not DNS data).
   */
  override async exportZoneToBindFormat(zone: ZoneRef, options?: CallOptions): Promise<string> {
    const z = await zones.resolveZone(this.#ctx, zone, 'exportZoneToBindFormat', options?.signal);
    const records = await this.listRecords(z, options);
    return toBindZoneFile(
      z,
      records.map((r) => (r.extra.alias ? { name: r.name, type: RecordType.ALIAS, data: r.data, ttl: r.ttl, priority: r.priority } : r)),
    );
  }

  /**
   * Creates a zone and its record sets from a BIND zone file in as few atomic ChangeResourceRecordSets
   * batches as Route 53's limits allow (one for up to 1000 values). Records without a TTL get the
   * file's `$TTL`; the file's SOA replaces Route 53's; apex NS records are skipped (the zone keeps
   * Route 53's name servers). On failure the zone is deleted again.
   */
  override importZoneFromBindFormat(text: string, options?: ImportZoneFromBindFormatOptions<Route53CreateZoneEx>): Promise<ImportedZone> {
    return importZone(this.#ctx, text, options);
  }

  // ---- Route 53 extensions ----
  /** Iterates the zone's record sets as Route 53 has them (values in presentation format), every page. */
  async *exIterateRecordSets(zone: ZoneRef, options?: CallOptions): AsyncIterable<Route53RecordSet> {
    yield* sets.iterateRecordSets(this.#ctx, zones.zoneIdOf(zone, 'exIterateRecordSets'), options);
  }
  /** Lists the zone's record sets. */
  async exListRecordSets(zone: ZoneRef, options?: CallOptions): Promise<Route53RecordSet[]> {
    const out: Route53RecordSet[] = [];
    for await (const page of sets.iterateRecordSetPages(this.#ctx, zones.zoneIdOf(zone, 'exListRecordSets'), {
      ...options,
      readAhead: true,
    }))
      out.push(...page);
    return out;
  }
  /**
   * Sends one ChangeResourceRecordSets batch: Route 53 applies every change or none. Relative set names
   * are made absolute when `zone` is a `Zone`. Returns the change (`INSYNC` after `waitForSync`).
   */
  exChangeRecords(zone: ZoneRef, changes: readonly Route53Change[], options?: Route53ChangeRecordsOptions): Promise<Route53ChangeInfo> {
    return rec.changeRecordSets(this.#ctx, zone, changes, options);
  }
  /** GetChange: a change's status (`PENDING` or `INSYNC`). */
  exGetChange(id: string, options?: CallOptions): Promise<Route53ChangeInfo> {
    return getChange(this.#ctx, id, options?.signal);
  }
  /** Polls GetChange until the change is `INSYNC` (`TimeoutError` after `timeoutMs`, default 5 min). */
  async exWaitForChange(id: string, options: Omit<Route53WaitOptions, 'waitForSync'> = {}): Promise<Route53ChangeInfo> {
    return waitForChange(this.#ctx, await getChange(this.#ctx, id, options.signal), options);
  }
}
