/**
 * Request validation of the simulated Cloud DNS: domain names, emails, TTLs, comments and type-specific record data.
 * @module
 */
import { isIPv4, isIPv6 } from 'node:net';

/** Record types a domain holds. */
export const DNS_SIM_RECORD_TYPES: readonly string[] = Object.freeze(['A', 'AAAA', 'CNAME', 'MX', 'NS', 'SRV', 'TXT']);

const HOST = /^(?=.{1,253}$)([a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/;

/** A domain name (lower case, no trailing dot), or an error message. */
export function checkDomainName(v: unknown): string {
  if (typeof v !== 'string' || v === '') invalid('Must provide a name for each domain.');
  const n = v.replace(/\.$/, '').toLowerCase();
  if (!DOMAIN.test(n)) invalid(`${v} is not a valid domain name.`);
  return n;
}

/** A failed check; its message goes into the 400's `validationErrors`. */
export class DnsValidationError extends Error {}

/** Throws a {@link DnsValidationError}. */
export function invalid(message: string): never {
  throw new DnsValidationError(message);
}

/** Collects validation messages. */
export class Checks {
  readonly messages: string[] = [];

  /** Runs `fn`; a thrown {@link DnsValidationError} becomes a message. */
  run<T>(fn: () => T): T | undefined {
    try {
      return fn();
    } catch (e) {
      if (!(e instanceof DnsValidationError)) throw e;
      this.messages.push(e.message);
      return undefined;
    }
  }
}

/** A TTL (integer ≥ 300). */
export function checkTtl(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 300 || v > 2_147_483_647)
    invalid(`${what} TTL must be an integer of at least 300 seconds, got ${String(v)}.`);
  return v;
}

/** An email address. */
export function checkEmail(v: unknown): string {
  if (typeof v !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v))
    invalid(`emailAddress ${JSON.stringify(v ?? null)} is not a valid email address.`);
  return v;
}

/** A comment (≤ 160 characters). */
export function checkComment(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.length > 160) invalid('Comment must be a string of at most 160 characters.');
  return v;
}

function host(v: string, what: string): string {
  const h = v.trim().replace(/\.$/, '').toLowerCase();
  if (!HOST.test(h)) invalid(`${what} ${JSON.stringify(v)} is not a valid host name.`);
  return h;
}

/** A checked record: fully qualified name inside `domain`, type-specific data and priority. */
export interface CheckedRecord {
  name: string;
  type: string;
  data: string;
  ttl: number | undefined;
  priority: number | undefined;
  comment: string | undefined;
}

/** Checks one record of a request (`partial` for a PUT: name/data/ttl/priority optional, type fixed). */
export function checkRecord(r: Record<string, unknown>, domain: string, fixedType?: string): CheckedRecord {
  const type = fixedType ?? r.type;
  if (typeof type !== 'string' || !DNS_SIM_RECORD_TYPES.includes(type))
    invalid(`Record type ${JSON.stringify(type ?? null)} is not supported. Supported types: ${DNS_SIM_RECORD_TYPES.join(', ')}.`);
  if (fixedType !== undefined && r.type !== undefined && r.type !== fixedType) invalid('The type of a record cannot be changed.');
  if (typeof r.name !== 'string' || r.name === '') invalid('Must provide a name for each record.');
  const name = host(r.name, 'Record name');
  if (name !== domain && !name.endsWith(`.${domain}`)) invalid(`Record name ${r.name} is not in the domain ${domain}.`);
  if (typeof r.data !== 'string' || r.data.trim() === '') invalid('Must provide data for each record.');
  const raw = r.data;
  let data: string;
  switch (type) {
    case 'A':
      if (!isIPv4(raw.trim())) invalid(`${raw} is not a valid IPv4 address.`);
      data = raw.trim();
      break;
    case 'AAAA':
      if (!isIPv6(raw.trim())) invalid(`${raw} is not a valid IPv6 address.`);
      data = raw.trim();
      break;
    case 'CNAME':
      if (name === domain) invalid('A CNAME record cannot be created at the domain apex.');
      data = host(raw, 'CNAME target');
      break;
    case 'NS':
    case 'MX':
      data = host(raw, `${type} target`);
      break;
    case 'SRV': {
      const f = raw.trim().split(/\s+/);
      const [w, p, t] = f.length === 1 ? ['0', '0', f[0]!] : f.length === 2 ? ['0', f[0]!, f[1]!] : [f[0]!, f[1]!, f[2]!];
      if (!/^\d+$/.test(w) || !/^\d+$/.test(p) || Number(w) > 65535 || Number(p) > 65535)
        invalid(`SRV data ${JSON.stringify(raw)} must be "weight port target".`);
      data = `${Number(w)} ${Number(p)} ${host(t, 'SRV target')}`;
      break;
    }
    default:
      if (raw.length > 4096) invalid('TXT data is longer than 4096 characters.');
      data = raw;
  }
  const needsPriority = type === 'MX' || type === 'SRV';
  let priority: number | undefined;
  if (needsPriority) {
    if (typeof r.priority !== 'number' || !Number.isInteger(r.priority) || r.priority < 0 || r.priority > 65535)
      invalid(`${type} records require a priority from 0 to 65535.`);
    priority = r.priority;
  } else if (r.priority !== undefined) invalid(`Priority is only allowed for MX and SRV records, not ${type}.`);
  const ttl = r.ttl === undefined ? undefined : checkTtl(r.ttl, 'Record');
  return { name, type, data, ttl, priority, comment: checkComment(r.comment) };
}

/** Whether two records would be duplicates (same name, type, data and priority). */
export function sameRecord(
  a: Pick<CheckedRecord, 'name' | 'type' | 'data' | 'priority'>,
  b: Pick<CheckedRecord, 'name' | 'type' | 'data' | 'priority'>,
): boolean {
  return (
    a.name === b.name && a.type === b.type && a.data.toLowerCase() === b.data.toLowerCase() && (a.priority ?? null) === (b.priority ?? null)
  );
}
