/**
 * The Rackspace Cloud DNS v1.0 driver.
 * @module
 */
import type { Capabilities, CallOptions } from '@cloudmux/core';
import {
  DnsDriver,
  type CreateRecordOptions,
  type CreateZoneOptions,
  type DnsMethod,
  type DnsRecord,
  type GetRecordOptions,
  type ImportZoneFromBindFormatOptions,
  type RecordType,
  type UpdateRecordOptions,
  type UpdateZoneOptions,
  type Zone,
  type ZoneRef,
} from '@cloudmux/core/dns';
import { rackspaceAuthFromEnv } from '../identity/index.js';
import { RACKSPACE_DNS_CAPABILITIES } from './capabilities.js';
import { createContext, type RackspaceDnsContext } from './context.js';
import type {
  RackspaceCreateZoneEx,
  RackspaceDnsDriverOptions,
  RackspaceJobCallOptions,
  RackspaceRecordEx,
  RackspaceUpdateZoneEx,
} from './options.js';
import { RACKSPACE_DNS_PROVIDER } from './provider.js';
import * as records from './records.js';
import { RACKSPACE_RECORD_TYPES, type RackspaceRecordExtra } from './to-record.js';
import type { RackspaceZoneExtra } from './to-zone.js';
import * as transfer from './transfer.js';
import type { RackspaceImportedZone, RackspaceImportZoneOptions } from './transfer.js';
import * as zones from './zones.js';

/** Options of every write: `signal`, and `timeoutMs` bounding the wait for its job. */
type JobOptions = CallOptions & RackspaceJobCallOptions;

/**
 * Rackspace Cloud DNS v1.0 (global endpoint `rax:dns`/`cloudDNS` of the Rackspace catalog, one per account).
 * Zones are Cloud DNS domains (numeric ids), records have ids such as `A-1234`. Every write is an
 * asynchronous job at Rackspace: the driver polls `GET /status/{jobId}` until it is COMPLETED or ERROR
 * (a job fault becomes the matching core error), honouring `signal` and `timeoutMs` (per call, default
 * `jobTimeoutMs`). Listings follow `limit`/`offset` pages to the end.
 *
 * @example
 * const dns = new RackspaceDnsDriver(process.env.RACKSPACE_USERNAME!, process.env.RACKSPACE_API_KEY!);
 * const zone = await dns.createZone({ domain: 'example.com', ttl: 3600, ex: { emailAddress: 'admin@example.com' } });
 * await dns.createRecord(zone, { name: 'www', type: 'A', data: '192.0.2.10', ttl: 300 });
 */
export class RackspaceDnsDriver extends DnsDriver {
  /** The Rackspace Cloud DNS provider definition. */
  static override readonly provider = RACKSPACE_DNS_PROVIDER;
  /** Supported portable methods (all). */
  static override readonly capabilities: Capabilities<DnsMethod> = RACKSPACE_DNS_CAPABILITIES;

  /**
   * A driver from `RACKSPACE_USERNAME` + `RACKSPACE_API_KEY` (or `RACKSPACE_PASSWORD`), `RACKSPACE_REGION`
   * (optional here), `RACKSPACE_IDENTITY`, or the `OS_*` equivalents; `overrides` win.
   */
  static fromEnv(env: NodeJS.ProcessEnv = process.env, overrides: RackspaceDnsDriverOptions = {}): RackspaceDnsDriver {
    const auth = rackspaceAuthFromEnv(env, RACKSPACE_DNS_PROVIDER.id);
    return new RackspaceDnsDriver(auth.username, auth.secret, { ...auth.options, ...overrides });
  }

  readonly #ctx: RackspaceDnsContext;

  /**
   * @param username - Rackspace username (omit when `options.session` is given).
   * @param apiKey - API key (or the password with `authType: 'password'`).
   * @param options - identity endpoint, interface, TLS/retry settings, `pollIntervalMs`, `jobTimeoutMs`; `region` is optional (Cloud DNS is global).
   */
  constructor(username?: string, apiKey?: string, options: RackspaceDnsDriverOptions = {}) {
    super();
    this.#ctx = createContext(this, username, apiKey, options);
  }

  /** Record types Cloud DNS serves in a domain: A, AAAA, CNAME, MX, NS, SRV, TXT. */
  override listRecordTypes(): RecordType[] {
    return [...RACKSPACE_RECORD_TYPES];
  }
  /** Every domain of the account (all pages). */
  override iterateZones(options?: CallOptions): AsyncIterable<Zone<RackspaceZoneExtra>> {
    return zones.iterateZones(this.#ctx, options);
  }
  /** Every domain of the account. */
  override listZones(options?: CallOptions): Promise<Zone<RackspaceZoneExtra>[]> {
    return super.listZones(options) as Promise<Zone<RackspaceZoneExtra>[]>;
  }
  /** A domain by id (without its records). */
  override getZone(id: string, options?: CallOptions): Promise<Zone<RackspaceZoneExtra>> {
    return zones.getZone(this.#ctx, id, options);
  }
  /** Creates a domain; `ex.emailAddress` defaults to `hostmaster@<domain>`, `ttl` (at least 300) to Rackspace's 3600. */
  override createZone(options: CreateZoneOptions<RackspaceCreateZoneEx> & RackspaceJobCallOptions): Promise<Zone<RackspaceZoneExtra>> {
    return zones.createZone(this.#ctx, options);
  }
  /** Changes the TTL, `ex.emailAddress` or `ex.comment` of a domain. */
  override updateZone(
    zone: ZoneRef,
    options: UpdateZoneOptions<RackspaceUpdateZoneEx> & RackspaceJobCallOptions,
  ): Promise<Zone<RackspaceZoneExtra>> {
    return zones.updateZone(this.#ctx, zone, options);
  }
  /** Deletes a domain and its records. */
  override deleteZone(zone: ZoneRef, options?: JobOptions): Promise<boolean> {
    return zones.deleteZone(this.#ctx, zone, options);
  }
  /** Every record of a domain (all pages). */
  override iterateRecords(zone: ZoneRef, options?: CallOptions): AsyncIterable<DnsRecord<RackspaceRecordExtra>> {
    return records.iterateRecords(this.#ctx, zone, options);
  }
  /** Every record of a domain. */
  override listRecords(zone: ZoneRef, options?: CallOptions): Promise<DnsRecord<RackspaceRecordExtra>[]> {
    return super.listRecords(zone, options) as Promise<DnsRecord<RackspaceRecordExtra>[]>;
  }
  /** A record by id (`A-1234`). */
  override getRecord(zone: ZoneRef, options: GetRecordOptions): Promise<DnsRecord<RackspaceRecordExtra>> {
    return records.getRecord(this.#ctx, zone, options);
  }
  /** Creates a record (MX and SRV need `priority`; TTL at least 300). */
  override createRecord(
    zone: ZoneRef,
    options: CreateRecordOptions<RackspaceRecordEx> & RackspaceJobCallOptions,
  ): Promise<DnsRecord<RackspaceRecordExtra>> {
    return records.createRecord(this.#ctx, zone, options);
  }
  /** Changes a record in place; a new type replaces it (create, then delete: the id changes). */
  override updateRecord(
    record: DnsRecord,
    options: UpdateRecordOptions<RackspaceRecordEx> & RackspaceJobCallOptions,
  ): Promise<DnsRecord<RackspaceRecordExtra>> {
    return records.updateRecord(this.#ctx, record, options);
  }
  /** Deletes a record. */
  override deleteRecord(record: DnsRecord, options?: JobOptions): Promise<boolean> {
    return records.deleteRecord(this.#ctx, record, options);
  }
  /** The zone as a BIND file, from Rackspace's own export (with its SOA), in cloudmux's layout. */
  override exportZoneToBindFormat(zone: ZoneRef, options?: JobOptions): Promise<string> {
    return transfer.exportBindZone(this.#ctx, zone, options);
  }
  /** Creates a zone and its records from BIND text in one atomic Rackspace import job (checked by core's parser first). */
  override importZoneFromBindFormat(
    text: string,
    options?: ImportZoneFromBindFormatOptions<RackspaceCreateZoneEx> & RackspaceJobCallOptions,
  ): Promise<RackspaceImportedZone> {
    return transfer.importBindZone(this.#ctx, text, options);
  }

  /** Creates a domain from BIND 9 text as given (`POST /domains/import`, parsed by Rackspace). */
  exImportZone(bindText: string, options?: RackspaceImportZoneOptions): Promise<Zone<RackspaceZoneExtra>> {
    return transfer.importZoneText(this.#ctx, bindText, options);
  }
  /** The zone's BIND 9 text exactly as Rackspace exports it (fully qualified owners, no `$ORIGIN`). */
  exExportZone(zone: ZoneRef, options?: JobOptions): Promise<string> {
    return transfer.exportZoneText(this.#ctx, zone, options);
  }
  /** Creates several records of one zone in one job per 100 records. */
  exCreateRecords(
    zone: ZoneRef,
    list: readonly CreateRecordOptions<RackspaceRecordEx>[],
    options?: JobOptions,
  ): Promise<DnsRecord<RackspaceRecordExtra>[]> {
    return records.createRecords(this.#ctx, zone, list, options ?? {}, 'exCreateRecords');
  }
  /** Closes keep-alive sockets. */
  close(): Promise<void> {
    return this.#ctx.client.close();
  }
}
