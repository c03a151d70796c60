/**
 * Public parts of the simulated Cloud DNS: its store (to seed state or tune job timing in tests).
 * @module
 */
export {
  dnsSimStore,
  DnsSimStore,
  DNS_SIM_NAMESERVERS,
  type DnsSimAccount,
  type DnsSimDomain,
  type DnsSimFault,
  type DnsSimJob,
  type DnsSimJobStatus,
  type DnsSimRecord,
} from './store.js';
export { DNS_SIM_RECORD_TYPES } from './validate.js';
