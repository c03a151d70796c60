import { assertKnownOptions, InvalidArgumentError, requireNonBlank } from '@cloudmux/core';
import type { RetryPolicy } from '@cloudmux/core/http';
import { DEFAULT_POWERDNS_URL, POWERDNS_PROVIDER } from './provider.js';
import type { PdnsZoneKind } from './wire.js';

/** Constructor options of `PowerDnsDriver`. */
export interface PowerDnsDriverOptions {
  /** API base URL including `/api/v1` (default `http://127.0.0.1:8081/api/v1`). */
  url?: string | undefined;
  /** Server id in `/servers/{id}` (default `localhost`). */
  serverId?: string | undefined;
  /** TTL of a new rrset when neither the call nor the zone gives one (default 3600). */
  defaultTtl?: number | undefined;
  /** TLS options (verification stays on unless `rejectUnauthorized: false`). */
  tls?: { rejectUnauthorized?: boolean | undefined; ca?: string | Buffer | ReadonlyArray<string | Buffer> | undefined } | undefined;
  /** Per-request timeout in ms (default 30000). */
  timeoutMs?: number | undefined;
  /** Retry policy overrides, or `false`. */
  retry?: Partial<RetryPolicy> | false | undefined;
}

/** Keys {@link PowerDnsDriverOptions} accepts. */
export const POWERDNS_OPTION_KEYS: readonly string[] = ['url', 'serverId', 'defaultTtl', 'tls', 'timeoutMs', 'retry'];

/** `ex` of `createZone`: PowerDNS zone settings. */
export interface PowerDnsCreateZoneEx {
  /** Zone kind (default `Native` for a master zone, `Slave` for a slave zone). */
  kind?: PdnsZoneKind | undefined;
  /** Apex NS names to create (canonicalized; default none). */
  nameservers?: readonly string[] | undefined;
  /** Primaries of a `Slave` zone (`192.0.2.1`, `192.0.2.1:5300`). */
  masters?: readonly string[] | undefined;
  /** Free-form account. */
  account?: string | undefined;
  /** `SOA-EDIT` metadata (serial rewriting on outgoing SOA). */
  soaEdit?: string | undefined;
  /** `SOA-EDIT-API` (serial rewriting on API changes; PowerDNS's default is `DEFAULT`). */
  soaEditApi?: string | undefined;
  /** Sign the zone with DNSSEC. */
  dnssec?: boolean | undefined;
  /** Rectify the zone after API changes. */
  apiRectify?: boolean | undefined;
}

/** Keys of {@link PowerDnsCreateZoneEx}. */
export const CREATE_ZONE_EX_KEYS: readonly string[] = [
  'kind',
  'nameservers',
  'masters',
  'account',
  'soaEdit',
  'soaEditApi',
  'dnssec',
  'apiRectify',
];

/** `ex` of `updateZone`: the zone settings `PUT /zones/{id}` changes. */
export type PowerDnsUpdateZoneEx = Omit<PowerDnsCreateZoneEx, 'nameservers'>;

/** Keys of {@link PowerDnsUpdateZoneEx}. */
export const UPDATE_ZONE_EX_KEYS: readonly string[] = CREATE_ZONE_EX_KEYS.filter((k) => k !== 'nameservers');

/** `ex` of `createRecord` / `updateRecord`. */
export interface PowerDnsRecordEx {
  /** Keep the record but do not serve it. */
  disabled?: boolean | undefined;
}

/** Keys of {@link PowerDnsRecordEx}. */
export const RECORD_EX_KEYS: readonly string[] = ['disabled'];

/** Validated constructor settings. */
export interface ResolvedSettings {
  readonly url: string;
  readonly serverId: string;
  readonly defaultTtl: number;
}

/** Zone kinds accepted in `ex.kind`. */
export const ZONE_KINDS: readonly PdnsZoneKind[] = ['Native', 'Master', 'Slave', 'Producer', 'Consumer'];

/** Checks a TTL: an integer from 0 to 2147483647. */
export function checkTtl(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 2_147_483_647)
    throw new InvalidArgumentError(`Invalid ${what} ${JSON.stringify(value)}: expected an integer from 0 to 2147483647`, {
      provider: POWERDNS_PROVIDER.id,
    });
  return value;
}

/** Validates the API key and constructor options. */
export function resolveSettings(key: unknown, options: PowerDnsDriverOptions | undefined): ResolvedSettings {
  if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options)))
    throw new InvalidArgumentError('PowerDnsDriver: options must be an object', { provider: POWERDNS_PROVIDER.id });
  assertKnownOptions('PowerDnsDriver', options, POWERDNS_OPTION_KEYS);
  requireNonBlank(key, 'key', { method: 'PowerDnsDriver', provider: POWERDNS_PROVIDER.id, what: 'API key' });
  const o = options ?? {};
  const url = o.url ?? DEFAULT_POWERDNS_URL;
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:'))
    throw new InvalidArgumentError(`PowerDnsDriver: "url" must be an http(s) URL such as ${DEFAULT_POWERDNS_URL}`, {
      provider: POWERDNS_PROVIDER.id,
    });
  const serverId = requireNonBlank(o.serverId ?? 'localhost', 'serverId', {
    method: 'PowerDnsDriver',
    provider: POWERDNS_PROVIDER.id,
    what: 'server id',
  });
  if (serverId.includes('/'))
    throw new InvalidArgumentError(`PowerDnsDriver: "serverId" must not contain "/", got ${JSON.stringify(serverId)}`);
  const defaultTtl = o.defaultTtl === undefined ? 3600 : checkTtl(o.defaultTtl, 'defaultTtl');
  return { url: url.replace(/\/+$/, ''), serverId, defaultTtl };
}
