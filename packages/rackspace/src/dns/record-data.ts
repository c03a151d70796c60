/**
 * Portable record fields → the Cloud DNS record body, checked before any request.
 * @module
 */
import { isIPv4, isIPv6 } from 'node:net';
import type { RecordType } from '@cloudmux/core/dns';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import { wireHost } from './names.js';
import { P } from './options.js';
import { isRackspaceType, RACKSPACE_RECORD_TYPES } from './to-record.js';

const HOST_TYPES: ReadonlySet<string> = new Set(['CNAME', 'NS']);

/** A record type Cloud DNS serves, else `InvalidArgumentError` listing the valid ones. */
export function checkRecordType(type: unknown, method: string): RecordType {
  if (!isRackspaceType(type))
    throw new InvalidArgumentError(
      `${method}: invalid record type ${JSON.stringify(type)}. Valid types: ${RACKSPACE_RECORD_TYPES.join(', ')} (PTR records go through the separate reverse-DNS API)`,
      { provider: P },
    );
  return type;
}

function bad(method: string, type: string, data: unknown, why: string): never {
  throw new InvalidArgumentError(`${method}: invalid ${type} record data ${JSON.stringify(data)}: ${why}`, { provider: P });
}

/**
 * Portable data + priority → Cloud DNS `data` and `priority`: A/AAAA addresses checked, host names (CNAME, NS,
 * MX and SRV targets) without the trailing dot (`@` or `''` is the zone), SRV `weight port target`, TXT as is.
 * MX and SRV need a priority from 0 to 65535; other types take none.
 */
export function toWireData(
  type: RecordType,
  data: unknown,
  priority: unknown,
  zone: string,
  method: string,
): { data: string; priority: number | undefined } {
  if (typeof data !== 'string' || data.trim() === '') bad(method, type, data, 'expected a non-empty string');
  // eslint-disable-next-line no-control-regex
  if (type !== 'TXT' && /[\u0000-\u001f\u007f]/.test(data)) bad(method, type, data, 'control characters');
  const needsPriority = type === 'MX' || type === 'SRV';
  if (needsPriority && (typeof priority !== 'number' || !Number.isInteger(priority) || priority < 0 || priority > 65535))
    throw new InvalidArgumentError(
      `${method}: a ${type} record needs "priority", an integer from 0 to 65535; got ${JSON.stringify(priority)}`,
      {
        provider: P,
      },
    );
  if (!needsPriority && priority !== undefined)
    throw new InvalidArgumentError(`${method}: a ${type} record has no priority (only MX and SRV records do)`, { provider: P });
  const p = needsPriority ? (priority as number) : undefined;
  const d = data.trim();
  const fields = d.split(/\s+/);
  switch (type) {
    case 'A':
      if (!isIPv4(d)) bad(method, type, data, 'expected an IPv4 address');
      return { data: d, priority: p };
    case 'AAAA':
      if (!isIPv6(d)) bad(method, type, data, 'expected an IPv6 address');
      return { data: d, priority: p };
    case 'MX':
      if (fields.length !== 1) bad(method, type, data, 'expected a host name (the preference goes in `priority`)');
      return { data: wireHost(d, zone), priority: p };
    case 'SRV': {
      if (fields.length !== 3 || !/^\d+$/.test(fields[0]!) || !/^\d+$/.test(fields[1]!))
        bad(method, type, data, 'expected "weight port target" (the priority goes in `priority`)');
      return { data: `${fields[0]} ${fields[1]} ${wireHost(fields[2]!, zone)}`, priority: p };
    }
    case 'TXT':
      return { data, priority: p };
    default:
      if (HOST_TYPES.has(type)) {
        if (fields.length !== 1) bad(method, type, data, 'expected one host name');
        return { data: wireHost(d, zone), priority: p };
      }
      return { data: d, priority: p };
  }
}
