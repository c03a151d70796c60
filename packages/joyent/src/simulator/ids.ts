/**
 * Deterministic identifiers and addresses: UUIDs for catalog entries, MACs and IPs by counter.
 * @module
 */
import { createHash } from 'node:crypto';
import type { SimNetwork } from './model.js';

/** A stable UUID (version 5 layout) derived from `kind` and `name`. */
export function stableUuid(kind: string, name: string): string {
  const h = createHash('sha1').update(`cloudmux-cloudapi-simulator:${kind}:${name}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The `n`th MAC address (`90:b8:d0:xx:xx:xx`). */
export function macAddress(n: number): string {
  const b = [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff].map((x) => x.toString(16).padStart(2, '0'));
  return `90:b8:d0:${b.join(':')}`;
}

const TEST_NETS = ['192.0.2', '198.51.100', '203.0.113'];

/**
 * The `n`th address of `network`: public networks cycle through the three TEST-NET blocks
 * (192.0.2.x, 198.51.100.x, 203.0.113.x), private ones count through 10.0.0.0/8 and fabrics
 * through 192.168.128.0/22.
 */
export function allocateIp(network: SimNetwork, n: number): string {
  switch (network.allocator) {
    case 'public':
      return `${TEST_NETS[Math.floor(n / 250) % TEST_NETS.length]}.${(n % 250) + 5}`;
    case 'private': {
      const rest = Math.floor(n / 250);
      return `10.${(rest >> 8) & 0xff}.${rest & 0xff}.${(n % 250) + 5}`;
    }
    case 'fabric':
      return `192.168.${128 + (Math.floor(n / 250) % 4)}.${(n % 250) + 5}`;
  }
}

/** MAC as a path segment: hex without separators. */
export function macForPath(mac: string): string {
  return mac.replace(/[:-]/g, '').toLowerCase();
}
