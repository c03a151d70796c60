import type { Capabilities } from '@cloudmux/core';
import { DNS_METHODS, type DnsMethod } from '@cloudmux/core/dns';

/** PowerDNS supports every portable DNS method. */
export const POWERDNS_CAPABILITIES: Capabilities<DnsMethod> = Object.freeze([...DNS_METHODS]);
