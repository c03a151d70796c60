import type { SimulatorReply } from '@cloudmux/core/testing';
import { parseXml, xmlObject, xmlText, type XmlObject } from '../../xml/index.js';
import { XmlWriter } from '../xml-writer.js';
import { normalizeName, readChangeBatch } from './change-batch.js';
import { R53_CONTENT_TYPE, R53_XMLNS, Route53SimError } from './errors.js';
import { sortKey, type SimChange, type SimRecordSet, type SimZone } from './model.js';
import type { Route53SimState } from './state.js';

/** What a handler gets. */
export interface Route53Call {
  state: Route53SimState;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Buffer;
  requestId: string;
}

/** A handler: builds the response document. */
export type Route53Handler = (call: Route53Call) => SimulatorReply;

function reply(w: XmlWriter, requestId: string, status = 200, extra: Record<string, string> = {}): SimulatorReply {
  return { status, headers: { 'content-type': R53_CONTENT_TYPE, 'x-amzn-requestid': requestId, ...extra }, body: w.finish() };
}

function invalidInput(message: string): Route53SimError {
  return new Route53SimError('InvalidInput', message);
}

function maxItems(query: URLSearchParams, fallback: number, max: number): number {
  const raw = query.get('maxitems');
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1)
    throw invalidInput(
      `1 validation error detected: Value '${raw}' at 'maxItems' failed to satisfy constraint: Member must be a positive integer`,
    );
  return Math.min(Number(raw), max);
}

function requestBody(call: Route53Call, root: string): XmlObject {
  let doc: XmlObject;
  try {
    doc = parseXml(call.body.toString('utf8'), new Set(['Change', 'ResourceRecord']));
  } catch (err) {
    throw invalidInput(`Invalid XML ; ${err instanceof Error ? err.message : String(err)}`);
  }
  const el = xmlObject(doc[root]);
  if (el === undefined) throw invalidInput(`Invalid XML ; expected a <${root}> document`);
  return el;
}

function writeZone(w: XmlWriter, z: SimZone): void {
  w.element('HostedZone', (x) => {
    x.leaf('Id', `/hostedzone/${z.id}`).leaf('Name', z.name).leaf('CallerReference', z.callerReference);
    x.element('Config', (c) => c.leaf('Comment', z.comment).leaf('PrivateZone', z.privateZone));
    x.leaf('ResourceRecordSetCount', z.sets.size);
  });
}

function writeDelegation(w: XmlWriter, z: SimZone): void {
  if (z.privateZone) {
    w.element('VPCs', (v) => {
      for (const vpc of z.vpcs) v.element('VPC', (x) => x.leaf('VPCRegion', vpc.vpcRegion).leaf('VPCId', vpc.vpcId));
    });
    return;
  }
  w.element('DelegationSet', (d) => d.element('NameServers', (n) => z.nameServers.forEach((s) => n.leaf('NameServer', s))));
}

function writeChange(w: XmlWriter, state: Route53SimState, c: SimChange): void {
  w.element('ChangeInfo', (x) => {
    x.leaf('Id', `/change/${c.id}`).leaf('Status', state.statusOf(c)).leaf('SubmittedAt', new Date(c.submittedAt).toISOString());
    if (c.comment !== undefined) x.leaf('Comment', c.comment);
  });
}

function writeSet(w: XmlWriter, s: SimRecordSet): void {
  w.element('ResourceRecordSet', (x) => {
    x.leaf('Name', s.name).leaf('Type', s.type).leaf('SetIdentifier', s.setIdentifier).leaf('Weight', s.weight).leaf('Region', s.region);
    const g = s.geoLocation;
    if (g)
      x.element('GeoLocation', (y) =>
        y.leaf('ContinentCode', g.continentCode).leaf('CountryCode', g.countryCode).leaf('SubdivisionCode', g.subdivisionCode),
      );
    x.leaf('Failover', s.failover).leaf('MultiValueAnswer', s.multiValueAnswer).leaf('TTL', s.ttl);
    if (!s.alias) x.element('ResourceRecords', (r) => s.values.forEach((v) => r.element('ResourceRecord', (y) => y.leaf('Value', v))));
    const a = s.alias;
    if (a)
      x.element('AliasTarget', (y) =>
        y.leaf('HostedZoneId', a.hostedZoneId).leaf('DNSName', a.dnsName).leaf('EvaluateTargetHealth', a.evaluateTargetHealth),
      );
    x.leaf('HealthCheckId', s.healthCheckId);
  });
}

/** GET /2013-04-01/hostedzone */
export const listHostedZones: Route53Handler = ({ state, query, requestId }) => {
  const max = maxItems(query, 100, 100);
  const zones = state.sortedZones();
  const marker = query.get('marker');
  let start = 0;
  if (marker !== null) {
    start = zones.findIndex((z) => z.id === marker);
    if (start < 0) throw invalidInput(`Invalid marker: ${marker}`);
  }
  const page = zones.slice(start, start + max);
  const next = zones[start + max];
  const w = new XmlWriter('ListHostedZonesResponse', R53_XMLNS);
  w.element('HostedZones', (x) => page.forEach((z) => writeZone(x, z)));
  if (marker !== null) w.leaf('Marker', marker);
  w.leaf('IsTruncated', next !== undefined)
    .leaf('NextMarker', next?.id)
    .leaf('MaxItems', max);
  return reply(w, requestId);
};

/** GET /2013-04-01/hostedzonesbyname */
export const listHostedZonesByName: Route53Handler = ({ state, query, requestId }) => {
  const max = maxItems(query, 100, 100);
  const dnsName = query.get('dnsname');
  const key = (z: SimZone): string => `${sortKey(z.name, '', undefined)}\u0002${z.id}`;
  const zones = [...state.zones.values()].sort((a, b) => (key(a) < key(b) ? -1 : 1));
  const from = dnsName === null ? undefined : sortKey(normalizeName(dnsName), '', undefined);
  const rest = from === undefined ? zones : zones.filter((z) => key(z) >= from);
  const page = rest.slice(0, max);
  const next = rest[max];
  const w = new XmlWriter('ListHostedZonesByNameResponse', R53_XMLNS);
  w.element('HostedZones', (x) => page.forEach((z) => writeZone(x, z)));
  if (dnsName !== null) w.leaf('DNSName', normalizeName(dnsName));
  w.leaf('IsTruncated', next !== undefined)
    .leaf('NextDNSName', next?.name)
    .leaf('NextHostedZoneId', next?.id)
    .leaf('MaxItems', max);
  return reply(w, requestId);
};

/** GET /2013-04-01/hostedzone/:id */
export const getHostedZone: Route53Handler = ({ state, params, requestId }) => {
  const z = state.zone(params.id ?? '');
  const w = new XmlWriter('GetHostedZoneResponse', R53_XMLNS);
  writeZone(w, z);
  writeDelegation(w, z);
  return reply(w, requestId);
};

/** POST /2013-04-01/hostedzone */
export const createHostedZone: Route53Handler = (call) => {
  const req = requestBody(call, 'CreateHostedZoneRequest');
  const name = xmlText(req.Name);
  const ref = xmlText(req.CallerReference);
  if (name === undefined || ref === undefined) throw invalidInput('Invalid XML ; CreateHostedZoneRequest needs Name and CallerReference');
  if (!/^([a-z0-9_-]{1,63}\.)+[a-z0-9-]{1,63}\.?$/i.test(name))
    throw new Route53SimError('InvalidDomainName', `${name} is not a valid domain name.`);
  const config = xmlObject(req.HostedZoneConfig);
  const vpcEl = xmlObject(req.VPC);
  const vpc = vpcEl && { vpcId: xmlText(vpcEl.VPCId) ?? '', vpcRegion: xmlText(vpcEl.VPCRegion) ?? '' };
  if (vpc && (vpc.vpcId === '' || vpc.vpcRegion === '')) throw invalidInput('Invalid request: a VPC needs VPCId and VPCRegion');
  if (xmlText(config?.PrivateZone) === 'true' && !vpc) throw invalidInput('Invalid request: a private hosted zone needs a VPC');
  const z = call.state.createZone({ name, callerReference: ref, comment: xmlText(config?.Comment), vpc });
  const change = call.state.newChange();
  const w = new XmlWriter('CreateHostedZoneResponse', R53_XMLNS);
  writeZone(w, z);
  writeChange(w, call.state, change);
  if (vpc) w.element('VPC', (x) => x.leaf('VPCRegion', vpc.vpcRegion).leaf('VPCId', vpc.vpcId));
  else writeDelegation(w, z);
  return reply(w, call.requestId, 201, { location: `https://route53.amazonaws.com/2013-04-01/hostedzone/${z.id}` });
};

/** POST /2013-04-01/hostedzone/:id (UpdateHostedZoneComment) */
export const updateHostedZoneComment: Route53Handler = (call) => {
  const z = call.state.zone(call.params.id ?? '');
  const req = requestBody(call, 'UpdateHostedZoneCommentRequest');
  const comment = typeof req.Comment === 'string' ? req.Comment : undefined;
  z.comment = comment === '' ? undefined : comment;
  const w = new XmlWriter('UpdateHostedZoneCommentResponse', R53_XMLNS);
  writeZone(w, z);
  return reply(w, call.requestId);
};

/** DELETE /2013-04-01/hostedzone/:id */
export const deleteHostedZone: Route53Handler = ({ state, params, requestId }) => {
  state.deleteZone(params.id ?? '');
  const w = new XmlWriter('DeleteHostedZoneResponse', R53_XMLNS);
  writeChange(w, state, state.newChange());
  return reply(w, requestId);
};

/** GET /2013-04-01/hostedzone/:id/rrset */
export const listResourceRecordSets: Route53Handler = ({ state, params, query, requestId }) => {
  const z = state.zone(params.id ?? '');
  const max = maxItems(query, 300, 300);
  const name = query.get('name') ?? undefined;
  const type = query.get('type') ?? undefined;
  const identifier = query.get('identifier') ?? undefined;
  if (type !== undefined && name === undefined) throw invalidInput('The input is not valid: a type requires a name');
  if (identifier !== undefined && type === undefined) throw invalidInput('The input is not valid: an identifier requires a type');
  const sets = state.setsFrom(z, { name, type, identifier }, max + 1);
  const page = sets.slice(0, max);
  const next = sets[max];
  const w = new XmlWriter('ListResourceRecordSetsResponse', R53_XMLNS);
  w.element('ResourceRecordSets', (x) => page.forEach((s) => writeSet(x, s)));
  w.leaf('IsTruncated', next !== undefined);
  if (next) w.leaf('NextRecordName', next.name).leaf('NextRecordType', next.type).leaf('NextRecordIdentifier', next.setIdentifier);
  w.leaf('MaxItems', max);
  return reply(w, requestId);
};

/** POST /2013-04-01/hostedzone/:id/rrset/ */
export const changeResourceRecordSets: Route53Handler = (call) => {
  call.state.zone(call.params.id ?? '');
  const { comment, changes } = readChangeBatch(requestBody(call, 'ChangeResourceRecordSetsRequest'));
  const change = call.state.change(call.params.id ?? '', changes, comment);
  const w = new XmlWriter('ChangeResourceRecordSetsResponse', R53_XMLNS);
  writeChange(w, call.state, change);
  return reply(w, call.requestId);
};

/** GET /2013-04-01/change/:id */
export const getChange: Route53Handler = ({ state, params, requestId }) => {
  const c = state.changes.get(params.id ?? '');
  if (!c) throw new Route53SimError('NoSuchChange', `Could not find resource with ID: ${params.id ?? ''}`, 404);
  const w = new XmlWriter('GetChangeResponse', R53_XMLNS);
  writeChange(w, state, c);
  return reply(w, requestId);
};
