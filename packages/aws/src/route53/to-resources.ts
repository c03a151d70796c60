import { DnsRecord, Zone, type DnsDriver, type RecordType } from '@cloudmux/core/dns';
import type { XmlObject } from '../xml/index.js';
import { encodeRecordId, fromRoute53Value, toRelative } from './record-data.js';
import type { Route53RecordExtra, Route53RecordSet, Route53Vpc, Route53ZoneExtra } from './types.js';
import { bareId, childText, leaf, members } from './wire.js';

/** A `<HostedZone>` (with the response's `<DelegationSet>` and `<VPCs>`, if given) → a {@link Zone}. */
export function toZone(
  hz: XmlObject,
  driver: DnsDriver,
  more: { delegationSet?: XmlObject | undefined; vpcs?: XmlObject[] | undefined; changeId?: string | undefined } = {},
): Zone<Route53ZoneExtra> {
  const config = typeof hz.Config === 'object' && !Array.isArray(hz.Config) ? hz.Config : undefined;
  const count = childText(hz, 'ResourceRecordSetCount');
  const extra: Route53ZoneExtra = {
    callerReference: childText(hz, 'CallerReference'),
    comment: childText(config, 'Comment'),
    privateZone: childText(config, 'PrivateZone') === 'true',
    resourceRecordSetCount: count === undefined ? undefined : Number(count),
  };
  if (more.delegationSet) {
    const ns = typeof more.delegationSet.NameServers === 'object' ? (more.delegationSet.NameServers as XmlObject).NameServer : undefined;
    extra.nameServers = (Array.isArray(ns) ? ns : ns === undefined ? [] : [ns]).filter((x): x is string => typeof x === 'string');
  }
  if (more.vpcs) extra.vpcs = more.vpcs.map(toVpc);
  if (more.changeId !== undefined) extra.changeId = more.changeId;
  const name = childText(hz, 'Name') ?? '';
  return new Zone<Route53ZoneExtra>(
    { id: bareId(childText(hz, 'Id') ?? ''), domain: name.replace(/\.$/, '').toLowerCase(), type: 'master', ttl: undefined, extra },
    driver,
  );
}

function toVpc(v: XmlObject): Route53Vpc {
  return { vpcId: childText(v, 'VPCId') ?? '', vpcRegion: childText(v, 'VPCRegion') ?? '' };
}

function num(el: XmlObject, name: string): number | undefined {
  const t = childText(el, name);
  return t === undefined ? undefined : Number(t);
}

function obj(v: XmlObject[string]): XmlObject | undefined {
  return typeof v === 'object' && !Array.isArray(v) ? v : undefined;
}

/** A `<ResourceRecordSet>` → {@link Route53RecordSet} (optional fields only when present). */
export function toRecordSet(el: XmlObject): Route53RecordSet {
  const set: Route53RecordSet = {
    name: childText(el, 'Name') ?? '',
    type: (childText(el, 'Type') ?? '') as RecordType,
    ttl: num(el, 'TTL'),
    values: members(el.ResourceRecords, 'ResourceRecord').map((r) => childText(r, 'Value') ?? ''),
  };
  if (el.SetIdentifier !== undefined) set.setIdentifier = childText(el, 'SetIdentifier');
  if (el.Weight !== undefined) set.weight = num(el, 'Weight');
  if (el.Region !== undefined) set.region = childText(el, 'Region');
  const failover = el.Failover === undefined ? undefined : childText(el, 'Failover');
  if (failover === 'PRIMARY' || failover === 'SECONDARY') set.failover = failover;
  const geo = obj(el.GeoLocation);
  if (geo) {
    set.geoLocation = {};
    for (const [k, wire] of [
      ['continentCode', 'ContinentCode'],
      ['countryCode', 'CountryCode'],
      ['subdivisionCode', 'SubdivisionCode'],
    ] as const) {
      const v = childText(geo, wire);
      if (v !== undefined) set.geoLocation[k] = v;
    }
  }
  if (el.MultiValueAnswer !== undefined) set.multiValueAnswer = childText(el, 'MultiValueAnswer') === 'true';
  if (el.HealthCheckId !== undefined) set.healthCheckId = childText(el, 'HealthCheckId');
  const alias = obj(el.AliasTarget);
  if (alias) {
    set.alias = {
      hostedZoneId: childText(alias, 'HostedZoneId') ?? '',
      dnsName: childText(alias, 'DNSName') ?? '',
      evaluateTargetHealth: childText(alias, 'EvaluateTargetHealth') === 'true',
    };
  }
  return set;
}

/** A record set → its XML (`<ResourceRecordSet>…</ResourceRecordSet>`), fields in the order of the API reference. */
export function recordSetXml(s: Route53RecordSet): string {
  const geo = s.geoLocation;
  return (
    '<ResourceRecordSet>' +
    leaf('Name', s.name) +
    leaf('Type', s.type) +
    leaf('SetIdentifier', s.setIdentifier) +
    leaf('Weight', s.weight) +
    leaf('Region', s.region) +
    (geo
      ? `<GeoLocation>${leaf('ContinentCode', geo.continentCode)}${leaf('CountryCode', geo.countryCode)}${leaf('SubdivisionCode', geo.subdivisionCode)}</GeoLocation>`
      : '') +
    leaf('Failover', s.failover) +
    leaf('MultiValueAnswer', s.multiValueAnswer) +
    leaf('TTL', s.alias ? undefined : s.ttl) +
    (s.alias || s.values === undefined
      ? ''
      : `<ResourceRecords>${s.values.map((v) => `<ResourceRecord>${leaf('Value', v)}</ResourceRecord>`).join('')}</ResourceRecords>`) +
    (s.alias
      ? `<AliasTarget>${leaf('HostedZoneId', s.alias.hostedZoneId)}${leaf('DNSName', s.alias.dnsName)}${leaf(
          'EvaluateTargetHealth',
          s.alias.evaluateTargetHealth ?? false,
        )}</AliasTarget>`
      : '') +
    leaf('HealthCheckId', s.healthCheckId) +
    '</ResourceRecordSet>'
  );
}

/** The routing fields of a set (for `extra` and for rebuilding the set). */
function routingOf(s: Route53RecordSet): Partial<Route53RecordExtra> {
  const out: Partial<Route53RecordExtra> = {};
  for (const k of ['setIdentifier', 'weight', 'region', 'failover', 'geoLocation', 'multiValueAnswer', 'healthCheckId'] as const) {
    if (s[k] !== undefined) (out as Record<string, unknown>)[k] = s[k];
  }
  return out;
}

/** A record set → one portable record per value (an alias set → one record whose data is the target's DNS name). */
export function toRecords(s: Route53RecordSet, zone: Zone, driver: DnsDriver, changeId?: string): DnsRecord<Route53RecordExtra>[] {
  const name = toRelative(s.name, zone.domain);
  const base = {
    fqdn: s.name,
    setValues: s.values ?? [],
    ...routingOf(s),
    ...(changeId !== undefined ? { changeId } : {}),
  };
  // Every id of the set shares `TYPE:name[:setIdentifier]:`; only the value part differs.
  const prefix = encodeRecordId({ type: s.type, name, setIdentifier: s.setIdentifier, value: '' });
  const make = (value: string, data: string, priority: number | undefined, extra: Route53RecordExtra): DnsRecord<Route53RecordExtra> =>
    new DnsRecord<Route53RecordExtra>(
      {
        id: prefix + encodeURIComponent(value),
        name,
        type: s.type,
        data,
        ttl: s.alias ? undefined : s.ttl,
        priority,
        zone,
        extra,
      },
      driver,
    );
  if (s.alias) {
    const { dnsName, ...target } = s.alias;
    return [make(dnsName, dnsName, undefined, { ...base, alias: target })];
  }
  return (s.values ?? []).map((v) => {
    const { data, priority } = fromRoute53Value(s.type, v);
    return make(v, data, priority, { ...base });
  });
}
