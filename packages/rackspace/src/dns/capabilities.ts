/**
 * What the Rackspace Cloud DNS driver supports.
 * @module
 */
import type { Capabilities } from '@cloudmux/core';
import { DNS_METHODS, type DnsMethod } from '@cloudmux/core/dns';

/** Rackspace Cloud DNS supports every portable DNS method. */
export const RACKSPACE_DNS_CAPABILITIES: Capabilities<DnsMethod> = Object.freeze([...DNS_METHODS]);
