/** Wire types of the PowerDNS Authoritative HTTP API v1, as the server sends and takes them. */

/** Zone kinds (`kind`). PowerDNS 4.7 also knows `Producer` and `Consumer` (catalog zones). */
export type PdnsZoneKind = 'Native' | 'Master' | 'Slave' | 'Producer' | 'Consumer';

/** One record of an rrset. */
export interface PdnsRecord {
  /** Record content in zone-file syntax (`192.0.2.1`, `10 mail.example.com.`, `"text"`). */
  content: string;
  /** Whether the record is disabled (kept but not served). */
  disabled: boolean;
}

/** A comment attached to an rrset. */
export interface PdnsComment {
  content: string;
  account: string;
  modified_at?: number;
}

/** All records of one name and type (PowerDNS's unit of change). */
export interface PdnsRRset {
  /** Canonical owner name (trailing dot). */
  name: string;
  /** Type (`A`, `MX`...). */
  type: string;
  /** TTL of the whole rrset. */
  ttl: number;
  records: PdnsRecord[];
  comments?: PdnsComment[];
}

/** A zone as `GET /servers/{id}/zones` (no rrsets) or `GET …/zones/{zone}` returns it. */
export interface PdnsZone {
  /** Zone id (the canonical name, with `=XX` escapes for unusual characters). */
  id: string;
  /** Canonical name (trailing dot). */
  name: string;
  kind: PdnsZoneKind;
  url: string;
  serial: number;
  edited_serial: number;
  notified_serial: number;
  masters: string[];
  dnssec: boolean;
  account: string;
  catalog?: string;
  last_check?: number;
  soa_edit?: string;
  soa_edit_api?: string;
  api_rectify?: boolean;
  nsec3param?: string;
  nsec3narrow?: boolean;
  /** Present on a single-zone GET. */
  rrsets?: PdnsRRset[];
}

/** One change of a `PATCH …/zones/{zone}` body. */
export interface PdnsRRsetChange {
  name: string;
  type: string;
  changetype: 'REPLACE' | 'DELETE';
  /** Required with REPLACE. */
  ttl?: number;
  records?: PdnsRecord[];
  comments?: PdnsComment[];
}

/** Body of `POST /servers/{id}/zones`. */
export interface PdnsCreateZoneBody {
  name: string;
  kind: PdnsZoneKind;
  nameservers?: string[];
  masters?: string[];
  account?: string;
  soa_edit?: string;
  soa_edit_api?: string;
  dnssec?: boolean;
  api_rectify?: boolean;
  /** Records to create with the zone (an SOA here replaces the default one). */
  rrsets?: Omit<PdnsRRsetChange, 'changetype'>[];
  /** A whole zone in BIND format for PowerDNS to import. */
  zone?: string;
}

/** Error body of 4xx replies other than 401/404/409 (those are plain text). */
export interface PdnsErrorBody {
  error: string;
  errors?: string[];
}
