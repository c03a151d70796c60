import { isIPv4, isIPv6 } from 'node:net';
import { SimulatorHttpError, jsonReply } from '@cloudmux/core/testing';

/** A 422 reply with PowerDNS's `{"error": …}` body. */
export function unprocessable(message: string): SimulatorHttpError {
  return new SimulatorHttpError(jsonReply(422, { error: message }), message);
}

/** Whether a name is canonical (ends with a dot) and has no empty label. */
export function checkCanonical(name: string): string {
  if (!name.endsWith('.') || name.includes('..') || name.length > 254) throw unprocessable(`DNS Name '${name}' is not canonical`);
  return name.toLowerCase();
}

/** Whether `name` is `zone` or below it. */
export function inZone(name: string, zone: string): boolean {
  return name === zone || name.endsWith(`.${zone}`);
}

/** Types the simulator knows (PowerDNS knows more; these are the ones cloudmux maps plus a few DNSSEC ones). */
export const KNOWN_TYPES: ReadonlySet<string> = new Set([
  'A',
  'AAAA',
  'ALIAS',
  'CAA',
  'CNAME',
  'DNAME',
  'DNSKEY',
  'DS',
  'HINFO',
  'LOC',
  'MX',
  'NAPTR',
  'NS',
  'PTR',
  'SOA',
  'SPF',
  'SRV',
  'SSHFP',
  'TLSA',
  'TXT',
]);

const HOST_FIELD: Readonly<Record<string, number>> = { CNAME: 0, DNAME: 0, NS: 0, PTR: 0, ALIAS: 0, MX: 1, SRV: 3 };

function expectedFormat(name: string, type: string, content: string, parsed: string): SimulatorHttpError {
  return unprocessable(`Record ${name}/${type} '${content}': Not in expected format (parsed as '${parsed}')`);
}

function parseError(name: string, type: string, content: string, detail: string): SimulatorHttpError {
  return unprocessable(`Record ${name}/${type} '${content}': Parsing record content (try 'pdnsutil check-zone'): ${detail}`);
}

/**
 * Checks record content the way PowerDNS does for the common types and returns it normalised
 * (IPv6 compressed and lower case). Host names must be canonical: PowerDNS parses `mail.example.com`
 * as `mail.example.com.` and refuses the difference.
 */
export function checkContent(name: string, type: string, content: string): string {
  switch (type) {
    case 'A':
      if (!isIPv4(content))
        throw parseError(name, type, content, `while parsing IP address, expected digits at position 0 in '${content}'`);
      return content;
    case 'AAAA':
      if (!isIPv6(content)) throw unprocessable(`Record ${name}/${type} '${content}': Invalid IPv6 address`);
      return new URL(`http://[${content}]/`).hostname.slice(1, -1);
    case 'TXT':
    case 'SPF':
      if (!content.startsWith('"'))
        throw parseError(name, type, content, `Data field in DNS should start with quote (") at position 0 of '${content}'`);
      return content;
    case 'SOA': {
      const f = content.split(/\s+/);
      if (f.length !== 7 || !f.slice(2).every((x) => /^\d+$/.test(x)))
        throw parseError(name, type, content, 'SOA record has wrong number of fields');
      const fixed = [f[0]!.endsWith('.') ? f[0] : `${f[0]}.`, f[1]!.endsWith('.') ? f[1] : `${f[1]}.`, ...f.slice(2)].join(' ');
      if (fixed !== content) throw expectedFormat(name, type, content, fixed);
      return content;
    }
    default: {
      const idx = HOST_FIELD[type];
      if (idx === undefined) return content;
      const f = content.trim().split(/\s+/);
      const host = f[idx];
      if (host === undefined || f.length !== idx + 1 || (idx > 0 && !f.slice(0, idx).every((x) => /^\d+$/.test(x))))
        throw parseError(name, type, content, 'Not enough fields or bad numbers');
      if (!host.endsWith('.')) throw expectedFormat(name, type, content, [...f.slice(0, idx), `${host}.`].join(' '));
      return content;
    }
  }
}
