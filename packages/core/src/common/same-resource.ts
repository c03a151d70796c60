/**
 * Equality of result objects (`node.equals(other)`, Libcloud's `__eq__`): the same provider, the
 * same place and the same id. The place is the resource's own location when it has one (a node's
 * `locationId`), else the driver's region, endpoint URL or datacenter; two objects from two driver
 * instances for the same provider and place are equal, whatever their other fields say.
 */

/** What {@link sameResource} reads of a driver. */
interface ScopedDriver {
  readonly providerId?: unknown;
  readonly region?: unknown;
  readonly url?: unknown;
  readonly datacenter?: unknown;
}

/** The place a driver works in: its region, else its endpoint URL, else its datacenter. */
export function driverScope(driver: unknown): string | undefined {
  if (driver === null || typeof driver !== 'object') return undefined;
  const d = driver as ScopedDriver;
  for (const v of [d.region, d.url, d.datacenter]) if (typeof v === 'string' && v !== '') return v;
  return undefined;
}

function providerOf(driver: unknown): unknown {
  return driver !== null && typeof driver === 'object' ? (driver as ScopedDriver).providerId : undefined;
}

/**
 * Whether `a` and `b` are the same resource: `b` is an instance of `a`'s class, both come from the
 * same provider and place, and `key` (the id, or the name for key pairs and containers) is equal
 * for both. `location` reads a resource's own location, when it has one.
 */
export function sameResource<T extends { readonly driver?: unknown }>(
  a: T,
  b: unknown,
  key: (r: T) => unknown,
  location?: (r: T) => string | undefined,
): boolean {
  if (a === b) return true;
  if (b === null || typeof b !== 'object' || b.constructor !== a.constructor) return false;
  const other = b as T;
  if (key(a) !== key(other)) return false;
  if (providerOf(a.driver) !== providerOf(other.driver)) return false;
  const where = (r: T): string | undefined => location?.(r) ?? driverScope(r.driver);
  return where(a) === where(other);
}
