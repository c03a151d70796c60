/**
 * Version discovery: reading a service's version document (`GET /` of Nova, Glance, Cinder, Neutron,
 * Keystone) and choosing the version to talk to, with its microversion range.
 * @module
 */
import type { DiscoveredVersion } from './types.js';

type Json = Record<string, unknown>;

const VERSION_SEGMENT = /^v\d+(?:\.\d+)?$/i;

function obj(v: unknown): Json | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
}

function s(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Removes trailing slashes. */
export function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * The URL up to and including its version segment (`http://h/volume/v3/abc` → `http://h/volume/v3`), or
 * `undefined` when no path segment is a version (`v2`, `v2.1`): the catalog URL is unversioned.
 */
export function versionRoot(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const segments = parsed.pathname.split('/');
  const i = segments.findIndex((seg) => VERSION_SEGMENT.test(seg));
  if (i < 0) return undefined;
  return `${parsed.origin}${segments.slice(0, i + 1).join('/')}`;
}

/** The version segment of a versioned URL (`v2.1`), or `undefined`. */
export function versionOfUrl(url: string): string | undefined {
  const root = versionRoot(url);
  return root === undefined ? undefined : root.slice(root.lastIndexOf('/') + 1);
}

function toVersion(raw: unknown): DiscoveredVersion | undefined {
  const v = obj(raw);
  const id = s(v?.id);
  if (!v || id === undefined) return undefined;
  const links = Array.isArray(v.links) ? v.links : [];
  const self = links.map(obj).find((l) => l !== undefined && l.rel === 'self');
  const max = s(v.version) ?? s(v.max_version);
  const min = s(v.min_version);
  return {
    id,
    status: s(v.status),
    // Services without microversions send "" for both.
    minMicroversion: min,
    maxMicroversion: max,
    url: self ? s(self.href) : undefined,
  };
}

/**
 * The versions a version document lists: `{"versions": [...]}` (Nova, Glance, Cinder, Neutron),
 * `{"versions": {"values": [...]}}` (Keystone) or `{"version": {...}}` (a version's own document).
 */
export function parseVersionDocument(body: unknown): DiscoveredVersion[] {
  const doc = obj(body);
  if (!doc) return [];
  let list: unknown[] = [];
  if (Array.isArray(doc.versions)) list = doc.versions;
  else if (Array.isArray(obj(doc.versions)?.values)) list = obj(doc.versions)!.values as unknown[];
  else if (obj(doc.version)) list = [doc.version];
  return list.map(toVersion).filter((v): v is DiscoveredVersion => v !== undefined);
}

function parts(id: string): [number, number] {
  const m = /^v?(\d+)(?:\.(\d+))?/i.exec(id);
  return m ? [Number(m[1]), Number(m[2] ?? 0)] : [NaN, NaN];
}

const STATUS_RANK: Readonly<Record<string, number>> = { CURRENT: 0, STABLE: 0, SUPPORTED: 1, DEPRECATED: 2, EXPERIMENTAL: 3 };

/**
 * Chooses the version matching `wanted`: with a minor number (`v2.1`, `v2.0`) exactly that version (`v3` and
 * `v3.0` are the same id); with a major number only (`v2`, `v3`), the `CURRENT` version of that major, else the
 * highest (Glance lists v2.0 … v2.17 with one CURRENT).
 */
export function chooseVersion(versions: readonly DiscoveredVersion[], wanted: string): DiscoveredVersion | undefined {
  const [wMajor, wMinor] = parts(wanted);
  if (/\.\d+$/.test(wanted)) {
    return versions.find((v) => {
      const [major, minor] = parts(v.id);
      return major === wMajor && minor === wMinor;
    });
  }
  const same = versions.filter((v) => parts(v.id)[0] === wMajor);
  same.sort((a, b) => {
    const ra = STATUS_RANK[(a.status ?? '').toUpperCase()] ?? 4;
    const rb = STATUS_RANK[(b.status ?? '').toUpperCase()] ?? 4;
    if (ra !== rb) return ra - rb;
    return parts(b.id)[1] - parts(a.id)[1];
  });
  return same[0];
}
