/**
 * Cloud DNS domain → portable `Zone`.
 * @module
 */
import { Zone, type DnsDriver } from '@cloudmux/core/dns';
import type { RaxDomain } from './wire.js';

/** Extra data of a Rackspace zone. */
export interface RackspaceZoneExtra {
  /** Administrator email (the SOA RNAME). */
  emailAddress: string | undefined;
  /** Comment. */
  comment: string | undefined;
  /** Owning account. */
  accountId: string | undefined;
  /** Name servers (`dns1.stabletransit.com`, …), when the reply lists them. */
  nameservers: string[];
  /** ISO-8601 creation time. */
  created: string | undefined;
  /** ISO-8601 time of the last change. */
  updated: string | undefined;
}

/** A portable zone from a domain (Cloud DNS hosts primary zones only: `master`). */
export function toZone(d: RaxDomain, driver: DnsDriver): Zone<RackspaceZoneExtra> {
  return new Zone<RackspaceZoneExtra>(
    {
      id: String(d.id),
      domain: d.name,
      type: 'master',
      ttl: typeof d.ttl === 'number' ? d.ttl : undefined,
      extra: {
        emailAddress: d.emailAddress,
        comment: d.comment,
        accountId: d.accountId === undefined ? undefined : String(d.accountId),
        nameservers: (d.nameservers ?? []).map((n) => n.name),
        created: d.created,
        updated: d.updated,
      },
    },
    driver,
  );
}
