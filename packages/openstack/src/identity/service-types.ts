/**
 * Service types and their aliases, after the OpenStack service-types authority: the canonical type of a
 * catalog entry, the catalog types to try for a requested type, and the API version wanted by default.
 * @module
 */

/** Canonical service type → the catalog types that mean it, in order of preference after the requested one. */
const ALIASES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  'block-storage': ['block-storage', 'volumev3', 'volume', 'volumev2', 'block-store'],
  compute: ['compute'],
  image: ['image'],
  network: ['network'],
  'object-store': ['object-store'],
  identity: ['identity'],
  'load-balancer': ['load-balancer', 'octavia'],
  dns: ['dns'],
  orchestration: ['orchestration'],
  placement: ['placement'],
  'shared-file-system': ['shared-file-system', 'sharev2', 'share'],
});

const CANONICAL: ReadonlyMap<string, string> = new Map(
  Object.entries(ALIASES).flatMap(([canonical, types]) => types.map((t) => [t, canonical] as const)),
);

/** Default major API version per canonical service type (used by version discovery). */
const DEFAULT_VERSIONS: Readonly<Record<string, string>> = Object.freeze({
  compute: 'v2.1',
  image: 'v2',
  'block-storage': 'v3',
  network: 'v2.0',
  identity: 'v3',
  'object-store': 'v1',
  'load-balancer': 'v2',
  dns: 'v2',
  placement: 'v1',
  orchestration: 'v1',
  'shared-file-system': 'v2',
});

/** The canonical service type of a catalog or requested type (`volumev3` → `block-storage`); unknown types are their own. */
export function canonicalServiceType(type: string): string {
  return CANONICAL.get(type.toLowerCase()) ?? type.toLowerCase();
}

/**
 * Catalog types to look for, best first: the requested one, then the other aliases of its canonical type
 * (`volumev3` → `volumev3`, `block-storage`, `volume`, `volumev2`, `block-store`).
 */
export function serviceTypeCandidates(type: string): readonly string[] {
  const requested = type.toLowerCase();
  const all = ALIASES[canonicalServiceType(requested)] ?? [requested];
  return [requested, ...all.filter((t) => t !== requested)];
}

/** Default API version for discovery, e.g. `v2.1` for compute; `undefined` for unknown types. */
export function defaultServiceVersion(type: string): string | undefined {
  return DEFAULT_VERSIONS[canonicalServiceType(type)];
}
