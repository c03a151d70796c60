/**
 * Validation rules of the simulated Cloud Load Balancers API; each returns the messages of a 400.
 * @module
 */
import { isIP } from 'node:net';
import { isObject } from './faults.js';
import { CLB_SIM_ALGORITHMS, CLB_SIM_PROTOCOLS, type ClbSimNode } from './store.js';

const CONDITIONS = ['ENABLED', 'DISABLED', 'DRAINING'];
const NODE_TYPES = ['PRIMARY', 'SECONDARY'];

function isInt(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

/** Checks a port. */
export function portErrors(v: unknown, what = 'port'): string[] {
  return isInt(v, 1, 65535) ? [] : [`Must provide a valid ${what} (1 to 65535).`];
}

/** Checks a balancer name. */
export function nameErrors(v: unknown): string[] {
  return typeof v === 'string' && v.trim() !== '' && v.length <= 128 ? [] : ['Load balancer name must be 1 to 128 characters long.'];
}

/** Checks a protocol name. */
export function protocolErrors(v: unknown): string[] {
  return CLB_SIM_PROTOCOLS.some((p) => p.name === v)
    ? []
    : [`Protocol ${JSON.stringify(v)} is not supported. Supported protocols: ${CLB_SIM_PROTOCOLS.map((p) => p.name).join(', ')}`];
}

/** Checks an algorithm name. */
export function algorithmErrors(v: unknown): string[] {
  return CLB_SIM_ALGORITHMS.includes(v as string)
    ? []
    : [`Algorithm ${JSON.stringify(v)} is not supported. Supported algorithms: ${CLB_SIM_ALGORITHMS.join(', ')}`];
}

/** Checks nodes to add (and that none duplicates an existing or another new `address:port`). */
export function nodeErrors(nodes: unknown[], existing: readonly ClbSimNode[]): string[] {
  const errors: string[] = [];
  const keys = new Set(existing.map((n) => `${n.address}:${n.port}`));
  for (const n of nodes) {
    if (!isObject(n)) {
      errors.push('Each node must be an object.');
      continue;
    }
    if (typeof n.address !== 'string' || isIP(n.address) === 0) errors.push('Node ip is invalid. Please specify a valid ip.');
    errors.push(...portErrors(n.port, 'node port'));
    if (n.condition !== undefined && !CONDITIONS.includes(n.condition as string))
      errors.push(`Node condition must be one of ${CONDITIONS.join(', ')}.`);
    if (n.weight !== undefined && !isInt(n.weight, 1, 100)) errors.push('Node weight must be an integer from 1 to 100.');
    if (n.type !== undefined && !NODE_TYPES.includes(n.type as string)) errors.push(`Node type must be one of ${NODE_TYPES.join(', ')}.`);
    const key = `${String(n.address)}:${String(n.port)}`;
    if (keys.has(key)) errors.push('Duplicate nodes detected. One or more nodes already configured on load balancer.');
    keys.add(key);
  }
  return [...new Set(errors)];
}

/** Checks a node update (condition, weight, type only). */
export function nodeUpdateErrors(n: Record<string, unknown>): string[] {
  const errors: string[] = [];
  for (const k of Object.keys(n)) if (!['condition', 'weight', 'type'].includes(k)) errors.push(`Node attribute ${k} may not be updated.`);
  if (n.condition !== undefined && !CONDITIONS.includes(n.condition as string))
    errors.push(`Node condition must be one of ${CONDITIONS.join(', ')}.`);
  if (n.weight !== undefined && !isInt(n.weight, 1, 100)) errors.push('Node weight must be an integer from 1 to 100.');
  if (n.type !== undefined && !NODE_TYPES.includes(n.type as string)) errors.push(`Node type must be one of ${NODE_TYPES.join(', ')}.`);
  if (Object.keys(n).length === 0) errors.push('Must provide at least one of condition, weight, type.');
  return errors;
}

/** Checks a health monitor. */
export function monitorErrors(m: Record<string, unknown>): string[] {
  const errors: string[] = [];
  if (!['CONNECT', 'HTTP', 'HTTPS'].includes(m.type as string)) errors.push('Health monitor type must be one of CONNECT, HTTP, HTTPS.');
  if (m.delay !== undefined && !isInt(m.delay, 1, 3600)) errors.push('delay must be an integer from 1 to 3600.');
  if (m.timeout !== undefined && !isInt(m.timeout, 1, 300)) errors.push('timeout must be an integer from 1 to 300.');
  if (m.attemptsBeforeDeactivation !== undefined && !isInt(m.attemptsBeforeDeactivation, 1, 10))
    errors.push('attemptsBeforeDeactivation must be an integer from 1 to 10.');
  if ((m.type === 'HTTP' || m.type === 'HTTPS') && (typeof m.path !== 'string' || !m.path.startsWith('/')))
    errors.push('Must provide a path starting with / for an HTTP(S) monitor.');
  if (m.type === 'CONNECT' && ['path', 'statusRegex', 'bodyRegex', 'hostHeader'].some((k) => m[k] !== undefined))
    errors.push('A CONNECT monitor may not have path, statusRegex, bodyRegex or hostHeader.');
  return errors;
}

/** Checks a connection throttle. */
export function throttleErrors(t: Record<string, unknown>): string[] {
  const ranges: Record<string, [number, number]> = {
    minConnections: [0, 1000],
    maxConnections: [0, 100000],
    maxConnectionRate: [0, 100000],
    rateInterval: [1, 3600],
  };
  const errors: string[] = [];
  for (const k of Object.keys(t)) {
    const r = ranges[k];
    if (!r) errors.push(`Unknown connection throttle attribute ${k}.`);
    else if (!isInt(t[k], r[0], r[1])) errors.push(`${k} must be an integer from ${r[0]} to ${r[1]}.`);
  }
  if (Object.keys(t).length === 0) errors.push('Must provide at least one connection throttle attribute.');
  return errors;
}

function isNetwork(address: unknown): boolean {
  if (typeof address !== 'string') return false;
  const [ip, bits, extra] = address.split('/');
  if (extra !== undefined || ip === undefined) return false;
  const v = isIP(ip);
  if (v === 0) return false;
  return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (v === 4 ? 32 : 128));
}

/** Checks access list entries. */
export function accessErrors(items: unknown[]): string[] {
  const errors: string[] = [];
  for (const it of items) {
    if (!isObject(it) || !isNetwork(it.address)) errors.push('Access list address must be an IP address or CIDR network.');
    else if (!['ALLOW', 'DENY'].includes(it.type as string)) errors.push('Access list type must be ALLOW or DENY.');
  }
  return [...new Set(errors)];
}

/** Checks SSL termination settings against the balancer's port. */
export function sslErrors(s: Record<string, unknown>, balancerPort: number, configured: boolean): string[] {
  const errors: string[] = [];
  if (!isInt(s.securePort, 1, 65535)) errors.push('Must provide a valid securePort (1 to 65535).');
  else if (s.securePort === balancerPort) errors.push('Secure port may not be the same as the load balancer port.');
  if (!configured && (typeof s.certificate !== 'string' || typeof s.privatekey !== 'string'))
    errors.push('Must provide a certificate and a privatekey.');
  for (const k of ['certificate', 'intermediateCertificate'] as const)
    if (s[k] !== undefined && (typeof s[k] !== 'string' || !s[k].includes('-----BEGIN CERTIFICATE-----')))
      errors.push(`${k} is not a PEM certificate.`);
  if (s.privatekey !== undefined && (typeof s.privatekey !== 'string' || !/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(s.privatekey)))
    errors.push('privatekey is not a PEM private key.');
  for (const k of ['enabled', 'secureTrafficOnly'] as const)
    if (s[k] !== undefined && typeof s[k] !== 'boolean') errors.push(`${k} must be true or false.`);
  return errors;
}
