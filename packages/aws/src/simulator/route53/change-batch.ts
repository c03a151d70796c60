import { isIPv4, isIPv6 } from 'node:net';
import { xmlObject, xmlText, type XmlObject, type XmlValue } from '../../xml/index.js';
import { InvalidChangeBatchError, Route53SimError } from './errors.js';
import { setKey, type SimRecordSet, type SimZone } from './model.js';

/** One parsed change. */
export interface SimChangeItem {
  action: 'CREATE' | 'DELETE' | 'UPSERT';
  set: SimRecordSet;
}

function list(v: XmlValue | XmlValue[] | undefined, name: string): XmlObject[] {
  const o = xmlObject(v);
  const m = o?.[name];
  if (m === undefined) return [];
  return (Array.isArray(m) ? m : [m]).filter((x): x is XmlObject => typeof x === 'object');
}

/** Route 53's stored form of a name: lower case, trailing dot, `*` as `\052`. */
export function normalizeName(name: string): string {
  const n = name.toLowerCase().replace(/\*/g, '\\052');
  return n.endsWith('.') ? n : `${n}.`;
}

function invalidInput(message: string): Route53SimError {
  return new Route53SimError('InvalidInput', message);
}

function num(el: XmlObject, name: string): number | undefined {
  const t = xmlText(el[name]);
  if (t === undefined) return undefined;
  if (!/^\d+$/.test(t)) throw invalidInput(`Invalid XML ; cvc-datatype-valid: '${t}' is not a valid value for '${name}'.`);
  return Number(t);
}

/** Reads a `<ResourceRecordSet>` of a request. */
export function readRecordSet(el: XmlObject): SimRecordSet {
  const name = xmlText(el.Name);
  const type = xmlText(el.Type);
  if (name === undefined || type === undefined) throw invalidInput('Invalid XML ; a ResourceRecordSet needs Name and Type');
  const alias = xmlObject(el.AliasTarget);
  const geo = xmlObject(el.GeoLocation);
  const mva = xmlText(el.MultiValueAnswer);
  const set: SimRecordSet = {
    name: normalizeName(name),
    type,
    setIdentifier: xmlText(el.SetIdentifier),
    weight: num(el, 'Weight'),
    region: xmlText(el.Region),
    failover: xmlText(el.Failover),
    geoLocation: geo && {
      continentCode: xmlText(geo.ContinentCode),
      countryCode: xmlText(geo.CountryCode),
      subdivisionCode: xmlText(geo.SubdivisionCode),
    },
    multiValueAnswer: mva === undefined ? undefined : mva === 'true',
    healthCheckId: xmlText(el.HealthCheckId),
    ttl: num(el, 'TTL'),
    values: list(el.ResourceRecords, 'ResourceRecord').map((r) => (typeof r.Value === 'string' ? r.Value : '')),
    alias: alias && {
      hostedZoneId: xmlText(alias.HostedZoneId) ?? '',
      dnsName: normalizeName(xmlText(alias.DNSName) ?? ''),
      evaluateTargetHealth: xmlText(alias.EvaluateTargetHealth) === 'true',
    },
  };
  const policies = [set.weight, set.region, set.failover, set.geoLocation, set.multiValueAnswer].filter((x) => x !== undefined).length;
  if (set.setIdentifier !== undefined && policies !== 1)
    throw invalidInput(
      `Invalid request: Expected exactly one of [Weight, Region, Failover, GeoLocation, MultiValueAnswer], but found ${policies}.`,
    );
  if (set.setIdentifier === undefined && policies > 0) throw invalidInput("Invalid request: Missing field 'SetIdentifier' in Change.");
  if (set.alias) {
    if (set.ttl !== undefined || set.values.length > 0)
      throw invalidInput('Invalid request: an alias ResourceRecordSet has neither TTL nor ResourceRecords.');
  } else {
    if (set.ttl === undefined)
      throw invalidInput(
        'Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found none in Change.',
      );
    if (set.values.length === 0) throw invalidInput("Invalid request: Missing field 'ResourceRecords' in Change.");
  }
  return set;
}

/** Reads the `<ChangeBatch>` of a ChangeResourceRecordSets request. */
export function readChangeBatch(root: XmlObject): { comment: string | undefined; changes: SimChangeItem[] } {
  const batch = xmlObject(root.ChangeBatch);
  if (batch === undefined) throw invalidInput('Invalid XML ; missing ChangeBatch');
  const changes = list(batch.Changes, 'Change').map((c) => {
    const action = xmlText(c.Action);
    if (action !== 'CREATE' && action !== 'DELETE' && action !== 'UPSERT')
      throw invalidInput(
        `Invalid XML ; cvc-enumeration-valid: Value '${action ?? ''}' is not facet-valid with respect to enumeration '[CREATE, DELETE, UPSERT]'.`,
      );
    const el = xmlObject(c.ResourceRecordSet);
    if (el === undefined) throw invalidInput('Invalid XML ; a Change needs a ResourceRecordSet');
    return { action, set: readRecordSet(el) } as SimChangeItem;
  });
  if (changes.length === 0) throw invalidInput('Invalid XML ; ChangeBatch needs at least one Change');
  const values = changes.reduce((n, c) => n + c.set.values.length, 0);
  if (values > 1000) throw new InvalidChangeBatchError([`Number of records limit of 1000 exceeded.`]);
  const chars = changes.reduce((n, c) => n + c.set.values.reduce((m, v) => m + v.length, 0), 0);
  if (chars > 32_000) throw new InvalidChangeBatchError([`Number of characters limit of 32000 exceeded.`]);
  return { comment: xmlText(batch.Comment), changes };
}

function fatal(code: string, text: string, value: string): string {
  return `[Invalid Resource Record: 'FATAL problem: ${code} (${text}) encountered with '${value}'']`;
}

/** Character-string byte lengths of a quoted TXT value, or `undefined` when a string is not quoted. */
function txtLengths(value: string): number[] | undefined {
  const re = /\s*"((?:[^"\\]|\\[0-7]{3}|\\.)*)"\s*/y;
  const out: number[] = [];
  let pos = 0;
  while (pos < value.length) {
    re.lastIndex = pos;
    const m = re.exec(value);
    if (!m) return undefined;
    const body = (m[1] as string).replace(/\\[0-7]{3}/g, 'x').replace(/\\(.)/g, '$1');
    out.push(Buffer.byteLength(body, 'utf8'));
    pos = re.lastIndex;
  }
  return out.length > 0 ? out : undefined;
}

function checkValue(type: string, value: string): string | undefined {
  switch (type) {
    case 'A':
      return isIPv4(value) ? undefined : fatal('ARRDATAIllegalIPv4Address', 'Value is not a valid IPv4 address', value);
    case 'AAAA':
      return isIPv6(value) ? undefined : fatal('AAAARRDATAIllegalIPv6Address', 'Value is not a valid IPv6 address', value);
    case 'TXT':
    case 'SPF': {
      const lengths = txtLengths(value);
      if (lengths === undefined) return fatal('InvalidCharacterString', 'Value should be enclosed in quotation marks', value);
      return lengths.some((n) => n > 255) ? fatal('CharacterStringTooLong', 'Value is too long', value) : undefined;
    }
    case 'MX':
      return /^\d{1,5} \S+$/.test(value) ? undefined : fatal('MXRRDATAIncorrectNumberOfFields', 'Incorrect number of fields', value);
    case 'SRV':
      return /^\d{1,5} \d{1,5} \d{1,5} \S+$/.test(value)
        ? undefined
        : fatal('SRVRRDATAIncorrectNumberOfFields', 'Incorrect number of fields', value);
    case 'CNAME':
    case 'NS':
    case 'PTR':
      return /^[A-Za-z0-9_*.-]+$/.test(value) && !value.includes('..')
        ? undefined
        : fatal('DomainLabelEmpty', 'Domain label is empty', value);
    default:
      return value.trim() === '' ? fatal('EmptyValue', 'Value is empty', value) : undefined;
  }
}

const TYPES = new Set([
  'A',
  'AAAA',
  'CAA',
  'CNAME',
  'DS',
  'HTTPS',
  'MX',
  'NAPTR',
  'NS',
  'PTR',
  'SOA',
  'SPF',
  'SRV',
  'SSHFP',
  'SVCB',
  'TLSA',
  'TXT',
]);

function describe(s: SimRecordSet): string {
  return `[name='${s.name}', type='${s.type}'${s.setIdentifier !== undefined ? `, set-identifier='${s.setIdentifier}'` : ''}]`;
}

function same(a: SimRecordSet, b: SimRecordSet): boolean {
  const norm = (s: SimRecordSet): string =>
    JSON.stringify([
      s.ttl,
      [...s.values].sort(),
      s.alias,
      s.weight,
      s.region,
      s.failover,
      s.geoLocation,
      s.multiValueAnswer,
      s.healthCheckId,
    ]);
  return norm(a) === norm(b);
}

/**
 * Validates and applies a batch to a copy of the zone's sets, all or nothing: returns the new sets, or
 * throws {@link InvalidChangeBatchError} with every problem found (Route 53's messages).
 */
export function applyChangeBatch(zone: SimZone, changes: readonly SimChangeItem[]): Map<string, SimRecordSet> {
  const sets = new Map(zone.sets);
  const problems: string[] = [];
  const touched = new Set<string>();
  for (const { action, set } of changes) {
    if (!TYPES.has(set.type))
      throw new Route53SimError('InvalidInput', `Invalid XML ; cvc-enumeration-valid: Value '${set.type}' is not facet-valid.`);
    if (set.name !== zone.name && !set.name.endsWith(`.${zone.name}`)) {
      problems.push(`RRSet with DNS name ${set.name} is not permitted in zone ${zone.name}`);
      continue;
    }
    const key = setKey(set.name, set.type, set.setIdentifier);
    const current = sets.get(key);
    if (action === 'DELETE') {
      if (current === undefined) problems.push(`Tried to delete resource record set ${describe(set)} but it was not found`);
      else if (!same(current, set))
        problems.push(`Tried to delete resource record set ${describe(set)} but the values provided do not match the current values`);
      else sets.delete(key);
      continue;
    }
    if (action === 'CREATE' && current !== undefined) {
      problems.push(`Tried to create resource record set ${describe(set)} but it already exists`);
      continue;
    }
    const bad = set.values.map((v) => checkValue(set.type, v)).filter((m): m is string => m !== undefined);
    if (set.type === 'CNAME' && set.values.length > 1) bad.push(`RRSet of type CNAME with DNS name ${set.name} has more than one value`);
    if (set.type === 'SOA' && set.values.length > 1) bad.push(`RRSet of type SOA with DNS name ${set.name} has more than one value`);
    if (set.type === 'SOA' && set.name !== zone.name)
      bad.push(`RRSet of type SOA with DNS name ${set.name} is not permitted in zone ${zone.name}`);
    if (bad.length > 0) {
      problems.push(...bad);
      continue;
    }
    sets.set(key, set);
    touched.add(set.name);
  }
  for (const name of touched) {
    const here = [...sets.values()].filter((s) => s.name === name);
    if (here.some((s) => s.type === 'CNAME') && here.some((s) => s.type !== 'CNAME'))
      problems.push(
        `RRSet of type CNAME with DNS name ${name} is not permitted as it conflicts with other records with the same DNS name in zone ${zone.name}`,
      );
  }
  const apex = [...sets.values()].filter((s) => s.name === zone.name);
  if (!apex.some((s) => s.type === 'SOA')) problems.push('A HostedZone must contain exactly one SOA record.');
  if (!apex.some((s) => s.type === 'NS')) problems.push('A HostedZone must contain at least one NS record for the zone itself.');
  if (problems.length > 0) throw new InvalidChangeBatchError(problems);
  return sets;
}
