/** A record set as the simulator stores it (values in presentation format, names fully qualified, lower case). */
export interface SimRecordSet {
  name: string;
  type: string;
  setIdentifier?: string | undefined;
  weight?: number | undefined;
  region?: string | undefined;
  failover?: string | undefined;
  geoLocation?: { continentCode?: string | undefined; countryCode?: string | undefined; subdivisionCode?: string | undefined } | undefined;
  multiValueAnswer?: boolean | undefined;
  healthCheckId?: string | undefined;
  ttl?: number | undefined;
  values: string[];
  alias?: { hostedZoneId: string; dnsName: string; evaluateTargetHealth: boolean } | undefined;
}

/** A hosted zone. */
export interface SimZone {
  /** Id without prefix (`Z…`). */
  id: string;
  /** Name with trailing dot. */
  name: string;
  callerReference: string;
  comment: string | undefined;
  privateZone: boolean;
  vpcs: { vpcId: string; vpcRegion: string }[];
  nameServers: string[];
  /** Record sets by {@link setKey}. */
  sets: Map<string, SimRecordSet>;
  /** Creation order. */
  seq: number;
}

/** A submitted change. */
export interface SimChange {
  id: string;
  submittedAt: number;
  comment: string | undefined;
}

/** Key of a record set in a zone: name, type and set identifier. */
export function setKey(name: string, type: string, setIdentifier: string | undefined): string {
  return `${name.toLowerCase()}\u0000${type}\u0000${setIdentifier ?? ''}`;
}

/** Sort key of a set: labels reversed (`com.example.www`), then type, then set identifier, as Route 53 lists them. */
export function sortKey(name: string, type: string, setIdentifier: string | undefined): string {
  const labels = name.toLowerCase().replace(/\.$/, '').split('.').reverse();
  return `${labels.join('\u0001')}\u0000${type}\u0000${setIdentifier ?? ''}`;
}
