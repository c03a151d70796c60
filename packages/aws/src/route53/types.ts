import type { CallOptions } from '@cloudmux/core';
import type { RecordType } from '@cloudmux/core/dns';

/** A VPC associated with a private hosted zone. */
export interface Route53Vpc {
  /** VPC id (`vpc-1a2b3c4d`). */
  vpcId: string;
  /** Region of the VPC (`eu-west-1`). */
  vpcRegion: string;
}

/** `Zone.extra` of a Route 53 hosted zone. */
export interface Route53ZoneExtra {
  /** Caller reference the zone was created with. */
  callerReference?: string | undefined;
  /** Zone comment. */
  comment?: string | undefined;
  /** Whether the zone is private (answers only inside its VPCs). */
  privateZone: boolean;
  /** Number of record sets (Route 53's count, SOA and NS included). */
  resourceRecordSetCount?: number | undefined;
  /** Name servers of the delegation set (from `getZone`/`createZone`). */
  nameServers?: string[] | undefined;
  /** VPCs of a private zone (from `getZone`/`createZone`). */
  vpcs?: Route53Vpc[] | undefined;
  /** The creation change (from `createZone`). */
  changeId?: string | undefined;
}

/** Where an alias record points. */
export interface Route53AliasTarget {
  /** Hosted zone id of the target (the ELB/CloudFront/S3 zone, or this zone for a record of it). */
  hostedZoneId: string;
  /** DNS name of the target (`my-lb-1.us-east-1.elb.amazonaws.com.`). */
  dnsName: string;
  /** Whether Route 53 checks the target's health (default false). */
  evaluateTargetHealth?: boolean | undefined;
}

/** Geolocation of a geolocation routing record (`*` country code = default location). */
export interface Route53GeoLocation {
  /** Continent code (`EU`). */
  continentCode?: string | undefined;
  /** ISO country code (`DE`, or `*` for the default). */
  countryCode?: string | undefined;
  /** Subdivision (US state) code. */
  subdivisionCode?: string | undefined;
}

/** Routing-policy fields of a record set (all optional; `setIdentifier` is required with any of them). */
export interface Route53Routing {
  /** Distinguishes record sets of the same name and type (weighted, latency, failover, geolocation, multivalue). */
  setIdentifier?: string | undefined;
  /** Weighted routing: 0–255. */
  weight?: number | undefined;
  /** Latency routing: the AWS region. */
  region?: string | undefined;
  /** Failover routing. */
  failover?: 'PRIMARY' | 'SECONDARY' | undefined;
  /** Geolocation routing. */
  geoLocation?: Route53GeoLocation | undefined;
  /** Multivalue answer routing. */
  multiValueAnswer?: boolean | undefined;
  /** Health check to associate. */
  healthCheckId?: string | undefined;
}

/** A Route 53 resource record set as on the wire (values in Route 53's presentation format). */
export interface Route53RecordSet extends Route53Routing {
  /** Fully qualified name with trailing dot (`www.example.com.`); a relative name is made absolute in the zone. */
  name: string;
  /** Record type. */
  type: RecordType;
  /** TTL seconds (not for alias sets). */
  ttl?: number | undefined;
  /** Values as Route 53 shows them (`10 mail.example.com.`, `"quoted" "txt"`); none for alias sets. */
  values?: string[] | undefined;
  /** Alias target instead of values. */
  alias?: Route53AliasTarget | undefined;
}

/** One change of a `ChangeResourceRecordSets` batch. */
export interface Route53Change {
  /** `CREATE` fails when the set exists, `DELETE` needs the exact set, `UPSERT` creates or replaces. */
  action: 'CREATE' | 'DELETE' | 'UPSERT';
  /** The record set. */
  recordSet: Route53RecordSet;
}

/** `DnsRecord.extra` of a Route 53 record (one value of a record set). */
export interface Route53RecordExtra extends Route53Routing {
  /** Fully qualified name as Route 53 returns it. */
  fqdn: string;
  /** Every value of the record set this record is one of (presentation format). */
  setValues: string[];
  /** Alias target (alias records have no values and no TTL). */
  alias?: Omit<Route53AliasTarget, 'dnsName'> | undefined;
  /** The change that wrote this record (on results of writes). */
  changeId?: string | undefined;
}

/** Waiting for a change to reach `INSYNC` (every Route 53 name server answers it). */
export interface Route53WaitOptions extends CallOptions {
  /** Poll GetChange until `INSYNC` before returning (default false). */
  waitForSync?: boolean | undefined;
  /** Poll interval in ms (default 5000; at least 100). */
  pollIntervalMs?: number | undefined;
  /** Give up after this many ms (default 300000) with a `TimeoutError`. */
  timeoutMs?: number | undefined;
}

/** `ex` of `createZone`. */
export interface Route53CreateZoneEx {
  /** Idempotency token: a retried create with the same reference returns `HostedZoneAlreadyExists` instead of a second zone (default: a random UUID per call). */
  callerReference?: string | undefined;
  /** Zone comment. */
  comment?: string | undefined;
  /** Makes a private zone associated with this VPC. */
  vpc?: Route53Vpc | undefined;
  /** Reusable delegation set id. */
  delegationSetId?: string | undefined;
  /** Create a public zone even when one for the domain exists (Route 53 allows it; the portable default refuses). */
  allowDuplicateDomain?: boolean | undefined;
}

/** `ex` of `createRecord`/`updateRecord`/`deleteRecord`: routing fields, alias target and change waiting. */
export interface Route53RecordEx extends Route53Routing {
  /** Makes an alias record: `data` is the target's DNS name. */
  alias?: { hostedZoneId: string; evaluateTargetHealth?: boolean | undefined } | undefined;
  /** Wait for `INSYNC` (see {@link Route53WaitOptions}). */
  waitForSync?: boolean | undefined;
  /** Poll interval while waiting. */
  pollIntervalMs?: number | undefined;
  /** Wait timeout. */
  timeoutMs?: number | undefined;
}

/** Options of `exChangeRecords`. */
export interface Route53ChangeRecordsOptions extends Route53WaitOptions {
  /** Batch comment. */
  comment?: string | undefined;
}
