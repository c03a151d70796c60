import { isIP } from 'node:net';

/** Address classes: not an address, public, private. */
const NOT_IP = 0;
const PUBLIC = 1;
const PRIVATE = 2;
type IpClass = typeof NOT_IP | typeof PUBLIC | typeof PRIVATE;

function isPrivateV4(a: number, b: number): boolean {
  return (
    a === 10 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254)
  );
}

function classifyV6(ip: string): IpClass {
  if (isIP(ip) !== 6) return NOT_IP;
  const first = parseInt(ip.slice(0, ip.indexOf(':')) || '0', 16);
  return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80 ? PRIVATE : PUBLIC;
}

/** Classifies an address; dotted quads are checked without regexes (this runs for every machine listed). */
function classify(ip: string): IpClass {
  if (ip.indexOf(':') >= 0) return classifyV6(ip);
  const n = ip.length;
  if (n > 15) return NOT_IP;
  let octet = -1;
  let index = 0;
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    const c = ip.charCodeAt(i);
    if (c === 46 /* . */) {
      if (octet < 0 || index === 3) return NOT_IP;
      if (index === 0) a = octet;
      else if (index === 1) b = octet;
      index++;
      octet = -1;
    } else if (c >= 48 && c <= 57) {
      if (octet === 0) return NOT_IP; // no leading zeros
      octet = octet < 0 ? c - 48 : octet * 10 + (c - 48);
      if (octet > 255) return NOT_IP;
    } else {
      return NOT_IP;
    }
  }
  if (index !== 3 || octet < 0) return NOT_IP;
  return isPrivateV4(a, b) ? PRIVATE : PUBLIC;
}

/**
 * Whether `ip` is a private address: RFC 1918, RFC 6598 shared space (100.64/10), link-local,
 * IPv6 unique-local (fc00::/7) or link-local (fe80::/10). Everything else counts as public.
 */
export function isPrivateIp(ip: string): boolean {
  return classify(ip) === PRIVATE;
}

/** Public and private addresses of a machine. */
export interface SplitIps {
  /** Public addresses, IPv4 first. */
  publicIps: readonly string[];
  /** Private addresses, IPv4 first. */
  privateIps: readonly string[];
}

const NONE: readonly string[] = Object.freeze([]);
const v4first = (a: string, b: string): number => Number(a.includes(':')) - Number(b.includes(':'));

function seal(list: string[] | undefined, v6: boolean): readonly string[] {
  if (list === undefined) return NONE;
  if (v6 && list.length > 1) list.sort(v4first);
  return Object.freeze(list);
}

/**
 * Splits addresses into frozen `publicIps` and `privateIps` lists (non-addresses such as `dhcp`
 * are dropped, duplicates too; IPv4 first). An empty side is one shared frozen empty list, so a
 * `Node` takes both as they are, without copying.
 */
export function splitIps(ips: readonly (string | null | undefined)[]): SplitIps {
  let pub: string[] | undefined;
  let priv: string[] | undefined;
  let v6 = false;
  for (let i = 0; i < ips.length; i++) {
    const ip = ips[i];
    if (typeof ip !== 'string' || ip.length === 0) continue;
    const cls = classify(ip);
    if (cls === NOT_IP) continue;
    if (ip.indexOf(':') >= 0) v6 = true;
    if (cls === PUBLIC) {
      if (pub === undefined) pub = [ip];
      else if (!pub.includes(ip)) pub.push(ip);
    } else if (priv === undefined) {
      priv = [ip];
    } else if (!priv.includes(ip)) {
      priv.push(ip);
    }
  }
  return { publicIps: seal(pub, v6), privateIps: seal(priv, v6) };
}
