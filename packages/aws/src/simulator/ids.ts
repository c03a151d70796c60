import { randomBytes, randomUUID } from 'node:crypto';

/** A new EC2-style id: `prefix-` and 17 hex digits (`i-0123456789abcdef0`). */
export function newId(prefix: string): string {
  return `${prefix}-0${randomBytes(8).toString('hex')}`;
}

/** A new request id (UUID, as EC2 uses). */
export function newRequestId(): string {
  return randomUUID();
}

/** Whether `id` is a well-formed EC2 id with this prefix (8 or 17 hex digits). */
export function isWellFormedId(id: string, prefix: string): boolean {
  if (!id.startsWith(`${prefix}-`)) return false;
  const hex = id.slice(prefix.length + 1);
  return (hex.length === 8 || hex.length === 17) && /^[0-9a-f]+$/.test(hex);
}

/** Dotted IPv4 for a 32-bit number. */
export function ipv4(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** 32-bit number of a dotted IPv4 address (`undefined` when malformed). */
export function parseIpv4(text: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  const octets = m.slice(1).map(Number);
  if (octets.some((o) => o > 255)) return undefined;
  return (((octets[0] as number) << 24) | ((octets[1] as number) << 16) | ((octets[2] as number) << 8) | (octets[3] as number)) >>> 0;
}

/** Whether `text` is an IPv4 CIDR block (`10.0.0.0/8`). */
export function isIpv4Cidr(text: string): boolean {
  const slash = text.indexOf('/');
  if (slash < 0) return false;
  const bits = text.slice(slash + 1);
  return parseIpv4(text.slice(0, slash)) !== undefined && /^\d{1,2}$/.test(bits) && Number(bits) <= 32;
}

/** Whether `text` looks like an IPv6 CIDR block (`::/0`, `2001:db8::/32`). */
export function isIpv6Cidr(text: string): boolean {
  const m = /^([0-9a-fA-F:]+)\/(\d{1,3})$/.exec(text);
  return m !== null && (m[1] as string).includes(':') && Number(m[2]) <= 128;
}
