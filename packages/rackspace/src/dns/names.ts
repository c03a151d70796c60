/**
 * Names between cloudmux and Cloud DNS: zones are domain names without the trailing dot; record names on the
 * wire are fully qualified (`www.example.com`), portable ones are relative (`www`, `''` for the apex).
 * @module
 */
import { InvalidArgumentError } from '@cloudmux/core/errors';
import { P } from './options.js';

/** A domain name as Rackspace takes it: lower case, no trailing dot, at least two labels. */
export function wireDomain(domain: unknown, method: string): string {
  if (typeof domain !== 'string')
    throw new InvalidArgumentError(`${method}: "domain" must be a domain name such as example.com, got ${typeof domain}`, { provider: P });
  const d = domain.trim().replace(/\.$/, '').toLowerCase();
  if (
    d !== domain.replace(/\.$/, '').toLowerCase() ||
    !/^(?=.{1,253}$)([a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/.test(d)
  )
    throw new InvalidArgumentError(`${method}: "domain" must be a domain name such as example.com, got ${JSON.stringify(domain)}`, {
      provider: P,
    });
  return d;
}

/**
 * The wire (fully qualified) owner name of a portable record name in `zone`: `''` or `@` is the apex; a name
 * ending with a dot is absolute and must lie in the zone; any other name is relative to the zone.
 */
export function wireName(name: unknown, zone: string, method: string): string {
  if (name === undefined || name === '' || name === '@') return zone;
  if (typeof name !== 'string' || /\s/.test(name) || name.startsWith('.') || name.includes('..'))
    throw new InvalidArgumentError(
      `${method}: invalid record name ${JSON.stringify(name)}: expected a name relative to the zone ("www"), "" for the apex`,
      { provider: P },
    );
  const n = name.toLowerCase();
  if (!n.endsWith('.')) return `${n}.${zone}`;
  const abs = n.slice(0, -1);
  if (abs !== zone && !abs.endsWith(`.${zone}`))
    throw new InvalidArgumentError(`${method}: record name ${JSON.stringify(name)} is outside the zone ${zone}`, { provider: P });
  return abs;
}

/** The portable (relative) name of a wire owner name: `''` for the apex; a name outside the zone keeps a trailing dot. */
export function relativeName(fqdn: string, zone: string): string {
  const n = fqdn.replace(/\.$/, '');
  const lower = n.toLowerCase();
  if (lower === zone) return '';
  if (lower.endsWith(`.${zone}`)) return n.slice(0, n.length - zone.length - 1);
  return `${n}.`;
}

/** A host name in record data as Rackspace takes it: `@`/`''` is the zone, no trailing dot. */
export function wireHost(name: string, zone: string): string {
  const n = name.trim();
  if (n === '' || n === '@') return zone;
  return n.replace(/\.$/, '');
}
