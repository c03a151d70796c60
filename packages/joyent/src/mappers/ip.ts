import { isIP } from 'node:net';

/** Address classes: not an address, public, private. */
const IpClass = { None: 0, Public: 1, Private: 2 } as const;
type IpClass = (typeof IpClass)[keyof typeof IpClass];

/** Classifies a dotted-quad IPv4 address without regexes (this runs for every machine listed). */
function classifyV4(ip: string): IpClass {
  let octet = -1;
  let index = 0;
  let a = 0;
  let b = 0;
  for (let i = 0; i < ip.length; i++) {
    const c = ip.charCodeAt(i);
    if (c === 46 /* . */) {
      if (octet < 0 || index === 3) return IpClass.None;
      if (index === 0) a = octet;
      else if (index === 1) b = octet;
      index++;
      octet = -1;
    } else if (c >= 48 && c <= 57) {
      if (octet === 0) return IpClass.None; // no leading zeros
      octet = octet < 0 ? c - 48 : octet * 10 + (c - 48);
      if (octet > 255) return IpClass.None;
    } else {
      return IpClass.None;
    }
  }
  if (index !== 3 || octet < 0) return IpClass.None;
  const priv = a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254);
  return priv ? IpClass.Private : IpClass.Public;
}

function classify(ip: string): IpClass {
  if (ip.indexOf(':') < 0) return classifyV4(ip);
  if (isIP(ip) !== 6) return IpClass.None;
  const first = parseInt(ip.slice(0, ip.indexOf(':')) || '0', 16);
  return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80 ? IpClass.Private : IpClass.Public;
}

/**
 * Whether `ip` is a private address: RFC 1918, RFC 6598 shared space (100.64/10), link-local,
 * IPv6 unique-local (fc00::/7) or link-local (fe80::/10). Everything else counts as public.
 */
export function isPrivateIp(ip: string): boolean {
  return classify(ip) === IpClass.Private;
}

const v4first = (a: string, b: string): number => Number(a.includes(':')) - Number(b.includes(':'));

/**
 * Splits addresses into `publicIps` and `privateIps` (cleared first; non-addresses such as
 * `dhcp` are dropped; IPv4 first). Writing into caller-owned arrays lets the node mapper reuse
 * two scratch arrays instead of allocating per machine.
 */
export function splitIpsInto(ips: readonly (string | null | undefined)[], publicIps: string[], privateIps: string[]): void {
  publicIps.length = 0;
  privateIps.length = 0;
  let v6 = false;
  for (const ip of ips) {
    if (!ip) continue;
    const cls = classify(ip);
    if (cls === IpClass.None) continue;
    const list = cls === IpClass.Private ? privateIps : publicIps;
    if (list.length > 0 && list.includes(ip)) continue;
    if (ip.indexOf(':') >= 0) v6 = true;
    list.push(ip);
  }
  if (v6) {
    publicIps.sort(v4first);
    privateIps.sort(v4first);
  }
}

/** Splits addresses into public and private (non-addresses such as `dhcp` are dropped), IPv4 first. */
export function splitIps(ips: readonly (string | null | undefined)[]): { publicIps: string[]; privateIps: string[] } {
  const out = { publicIps: [] as string[], privateIps: [] as string[] };
  splitIpsInto(ips, out.publicIps, out.privateIps);
  return out;
}

/** Parses a CloudAPI timestamp; `undefined` when absent or invalid. */
export function toDate(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
