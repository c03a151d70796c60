import { InvalidArgumentError } from '@cloudmux/core';

const PROVIDER = { provider: 'powerdns' };

/**
 * A zone domain as PowerDNS wants it: canonical (trailing dot), lower case. Users may pass
 * `example.com` or `example.com.`.
 */
export function canonicalZone(domain: unknown): string {
  if (
    typeof domain !== 'string' ||
    domain.trim() !== domain ||
    domain === '' ||
    domain === '.' ||
    /[\s/]/.test(domain) ||
    domain.includes('..')
  )
    throw new InvalidArgumentError(`Invalid zone domain ${JSON.stringify(domain)}: expected a domain name such as example.com`, PROVIDER);
  return (domain.endsWith('.') ? domain : `${domain}.`).toLowerCase();
}

/** The portable domain of a canonical name: no trailing dot. */
export function portableDomain(name: string): string {
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

/**
 * The canonical owner name of a record name: `''` or `@` is the apex; a name ending with a dot is
 * absolute and must lie inside the zone; any other name is relative to the zone (BIND's rule, so
 * `www` in zone `example.com.` is `www.example.com.`).
 */
export function ownerFqdn(name: unknown, zone: string): string {
  if (name === undefined || name === '' || name === '@') return zone;
  if (typeof name !== 'string' || /\s/.test(name) || name.startsWith('.') || name.includes('..'))
    throw new InvalidArgumentError(
      `Invalid record name ${JSON.stringify(name)}: expected a name relative to the zone ("www"), "" for the apex`,
      PROVIDER,
    );
  if (!name.endsWith('.')) return `${name}.${zone}`.toLowerCase();
  const n = name.toLowerCase();
  if (n !== zone && !n.endsWith(`.${zone}`))
    throw new InvalidArgumentError(`Record name ${JSON.stringify(name)} is outside the zone ${portableDomain(zone)}`, PROVIDER);
  return n;
}

/** The portable (relative) name of a canonical owner name: `''` for the apex. */
export function relativeName(fqdn: string, zone: string): string {
  const n = fqdn.toLowerCase();
  if (n === zone) return '';
  return n.endsWith(`.${zone}`) ? fqdn.slice(0, fqdn.length - zone.length - 1) : fqdn;
}

/**
 * A host name inside record data made canonical: `@` or `''` is the apex, a name ending with a
 * dot is kept, any other is taken as fully qualified (portable data names are; `mail.example.com`
 * becomes `mail.example.com.`).
 */
export function dataFqdn(name: string, zone: string): string {
  if (name === '' || name === '@') return zone;
  return name.endsWith('.') ? name : `${name}.`;
}
