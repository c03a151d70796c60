/**
 * Rackspace's regions (provider data) and their validation.
 * @module
 */
import { InvalidArgumentError } from '@cloudmux/core/errors';

/** Which identity endpoint serves a region's accounts. */
export type RackspaceIdentityLocation = 'us' | 'uk';

/** One Rackspace region. */
export interface RackspaceRegionInfo {
  /** Region id as the catalog names it (`DFW`). */
  readonly id: string;
  /** Where it is. */
  readonly name: string;
  /** Country code. */
  readonly country: string;
  /** Identity endpoint of accounts homed there (`uk` for London). */
  readonly identity: RackspaceIdentityLocation;
}

/** Every region of the Rackspace public cloud, in Rackspace's own order. */
export const RACKSPACE_REGIONS: readonly RackspaceRegionInfo[] = Object.freeze([
  { id: 'DFW', name: 'Dallas-Fort Worth, Texas', country: 'US', identity: 'us' },
  { id: 'ORD', name: 'Chicago, Illinois', country: 'US', identity: 'us' },
  { id: 'IAD', name: 'Northern Virginia', country: 'US', identity: 'us' },
  { id: 'LON', name: 'London', country: 'GB', identity: 'uk' },
  { id: 'SYD', name: 'Sydney', country: 'AU', identity: 'us' },
  { id: 'HKG', name: 'Hong Kong', country: 'HK', identity: 'us' },
]);

/** The region ids (`DFW`, `ORD`, `IAD`, `LON`, `SYD`, `HKG`). */
export type RackspaceRegion = 'DFW' | 'ORD' | 'IAD' | 'LON' | 'SYD' | 'HKG';

/**
 * The region for `value` (case-insensitive: `dfw` is `DFW`). Throws `InvalidArgumentError` naming the bad value
 * and listing the valid regions.
 */
export function rackspaceRegion(value: unknown, provider = 'rackspace'): RackspaceRegionInfo {
  const id = typeof value === 'string' ? value.trim().toUpperCase() : '';
  const found = RACKSPACE_REGIONS.find((r) => r.id === id);
  if (!found)
    throw new InvalidArgumentError(
      `${provider}: unknown region ${JSON.stringify(value)}. Valid regions: ${RACKSPACE_REGIONS.map((r) => `${r.id} (${r.name})`).join(', ')}`,
      { provider },
    );
  return found;
}
