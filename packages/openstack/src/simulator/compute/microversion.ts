/**
 * Nova microversion handling in the simulator: the requested version from `OpenStack-API-Version: compute X`
 * or `X-OpenStack-Nova-API-Version: X` (default the minimum, `latest` the maximum), refused with 400 when
 * malformed and 406 when out of range.
 * @module
 */
import type { SimulatorRequest } from '@cloudmux/core/testing';
import { novaError } from './errors.js';

/** Lowest microversion the simulated Nova serves. */
export const SIM_MIN_MICROVERSION = '2.1';
/** Highest microversion the simulated Nova serves. */
export const SIM_MAX_MICROVERSION = '2.96';

/** A microversion as `[major, minor]`. */
export type Microversion = readonly [number, number];

/** Parses `2.79` → `[2, 79]`, or `undefined`. */
export function parseMicroversion(text: string): Microversion | undefined {
  const m = /^(\d+)\.(\d+)$/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** Compares two microversions. */
export function compareMicroversions(a: Microversion, b: Microversion): number {
  return a[0] - b[0] || a[1] - b[1];
}

function header(req: SimulatorRequest, name: string): string | undefined {
  const raw = req.headers[name];
  return Array.isArray(raw) ? raw[0] : raw;
}

/** The microversion a request asks for (checked against the simulator's range). */
export function requestedMicroversion(req: SimulatorRequest): Microversion {
  const min = parseMicroversion(SIM_MIN_MICROVERSION)!;
  const max = parseMicroversion(SIM_MAX_MICROVERSION)!;
  let text: string | undefined;
  const generic = header(req, 'openstack-api-version');
  if (generic !== undefined) {
    for (const part of generic.split(',')) {
      const [service, version] = part.trim().split(/\s+/);
      if (service?.toLowerCase() === 'compute' && version !== undefined) text = version;
    }
  }
  text ??= header(req, 'x-openstack-nova-api-version');
  if (text === undefined) return min;
  if (text.toLowerCase() === 'latest') return max;
  const v = parseMicroversion(text);
  if (!v) novaError(400, `Invalid API version request string ${text}`);
  if (compareMicroversions(v, min) < 0 || compareMicroversions(v, max) > 0) {
    novaError(
      406,
      `Version ${text} is not supported by the API. Minimum is ${SIM_MIN_MICROVERSION} and maximum is ${SIM_MAX_MICROVERSION}.`,
    );
  }
  return v;
}

/** Whether `v` is at least `major.minor`. */
export function atLeast(v: Microversion, major: number, minor: number): boolean {
  return compareMicroversions(v, [major, minor]) >= 0;
}

/** Response headers naming the version served. */
export function versionHeaders(v: Microversion): Record<string, string> {
  const text = `${v[0]}.${v[1]}`;
  return {
    'openstack-api-version': `compute ${text}`,
    'x-openstack-nova-api-version': text,
    vary: 'OpenStack-API-Version, X-OpenStack-Nova-API-Version',
  };
}
