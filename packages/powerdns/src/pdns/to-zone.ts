import { Zone, type DnsDriver } from '@cloudmux/core/dns';
import { portableDomain } from './names.js';
import type { PdnsZone, PdnsZoneKind } from './wire.js';

/** Extra data of a PowerDNS zone. */
export interface PowerDnsZoneExtra {
  /** Canonical name (`example.com.`). */
  name: string;
  /** Zone kind. */
  kind: PdnsZoneKind;
  /** SOA serial PowerDNS reports. */
  serial: number;
  /** Serial after the last API edit (after `soa_edit_api`). */
  editedSerial: number;
  /** Serial last sent in a NOTIFY. */
  notifiedSerial: number;
  /** Primaries of a slave zone. */
  masters: string[];
  /** DNSSEC signed. */
  dnssec: boolean;
  /** Account. */
  account: string;
  /** `SOA-EDIT-API` setting, when the reply carries it. */
  soaEditApi: string | undefined;
  /** API URL of the zone (relative). */
  url: string;
}

/**
 * A portable zone. `type` is `slave` for `Slave` (and `Consumer`) zones, else `master`. `ttl` is
 * the TTL of the SOA rrset: PowerDNS has no zone default TTL, so cloudmux uses the SOA's (it is
 * `undefined` in `listZones`, whose replies carry no records).
 */
export function toZone(z: PdnsZone, driver: DnsDriver): Zone<PowerDnsZoneExtra> {
  const soa = z.rrsets?.find((r) => r.type === 'SOA' && r.name.toLowerCase() === z.name.toLowerCase());
  return new Zone<PowerDnsZoneExtra>(
    {
      id: z.id,
      domain: portableDomain(z.name),
      type: z.kind === 'Slave' || z.kind === 'Consumer' ? 'slave' : 'master',
      ttl: soa?.ttl,
      extra: {
        name: z.name,
        kind: z.kind,
        serial: z.serial,
        editedSerial: z.edited_serial,
        notifiedSerial: z.notified_serial,
        masters: z.masters ?? [],
        dnssec: z.dnssec,
        account: z.account ?? '',
        soaEditApi: z.soa_edit_api,
        url: z.url,
      },
    },
    driver,
  );
}
