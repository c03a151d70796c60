/**
 * Amazon Route 53 DNS driver (internal barrel; the package entry re-exports what is public).
 * @module
 */
export { Route53DnsDriver } from './driver.js';
export { ROUTE53_PROVIDER, ROUTE53_CAPABILITIES, ROUTE53_ENDPOINT } from './provider.js';
export { ROUTE53_RECORD_TYPES, type Route53RecordType } from './record-data.js';
export { ROUTE53_API_VERSION, ROUTE53_XMLNS, type Route53ChangeInfo } from './wire.js';
export type { Route53DriverOptions } from './options.js';
export type {
  Route53AliasTarget,
  Route53Change,
  Route53ChangeRecordsOptions,
  Route53CreateZoneEx,
  Route53GeoLocation,
  Route53RecordEx,
  Route53RecordExtra,
  Route53RecordSet,
  Route53Routing,
  Route53Vpc,
  Route53WaitOptions,
  Route53ZoneExtra,
} from './types.js';
