import type { Capabilities, ProviderDefinition } from '@cloudmux/core';
import type { DnsMethod } from '@cloudmux/core/dns';

/** Route 53's global endpoint. */
export const ROUTE53_ENDPOINT = 'https://route53.amazonaws.com';

/** Amazon Route 53: one global endpoint, SigV4 scoped to `us-east-1`, REST-XML API 2013-04-01. */
export const ROUTE53_PROVIDER: ProviderDefinition = Object.freeze({
  id: 'route53',
  name: 'Amazon Route 53',
  api: 'route53',
  defaultRegion: 'us-east-1',
  defaultEndpoint: ROUTE53_ENDPOINT,
  regions: [],
  docsUrl: 'https://docs.aws.amazon.com/Route53/latest/APIReference/Welcome.html',
});

/**
 * Every portable DNS method except `updateZone`: a hosted zone has no type or default TTL to change
 * (its comment is changed with `exUpdateZoneComment`).
 */
export const ROUTE53_CAPABILITIES: Capabilities<DnsMethod> = Object.freeze([
  'listRecordTypes',
  'listZones',
  'getZone',
  'createZone',
  'deleteZone',
  'listRecords',
  'getRecord',
  'createRecord',
  'updateRecord',
  'deleteRecord',
  'exportZoneToBindFormat',
] as const);
