/** Portable DNS methods. */
export const DNS_METHODS = [
  'listRecordTypes',
  'listZones',
  'getZone',
  'createZone',
  'updateZone',
  'deleteZone',
  'listRecords',
  'getRecord',
  'createRecord',
  'updateRecord',
  'deleteRecord',
  'exportZoneToBindFormat',
] as const;

/** A portable DNS method name. */
export type DnsMethod = (typeof DNS_METHODS)[number];
