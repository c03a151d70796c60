/**
 * IPv4 arithmetic for the Neutron simulator's address pools.
 * @module
 */

/** `10.0.0.1` → its 32-bit number. */
export function ipToInt(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

/** A 32-bit number → dotted quad. */
export function intToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

/** Whether an IPv4 address lies in a CIDR. */
export function inCidr(ip: string, cidr: string): boolean {
  if (ip.includes(':') || cidr.includes(':')) return false;
  const [base, bits] = cidr.split('/') as [string, string];
  const size = 2 ** (32 - Number(bits));
  const first = Math.floor(ipToInt(base) / size) * size;
  const n = ipToInt(ip);
  return n >= first && n < first + size;
}

/** The `n`th MAC address in OpenStack's `fa:16:3e` range. */
export function macAddress(n: number): string {
  return `fa:16:3e:${[n >> 16, n >> 8, n].map((b) => (b & 255).toString(16).padStart(2, '0')).join(':')}`;
}
