/**
 * CreateMachine input validation: image/dataset, package, name, networks, flattened metadata and
 * tags, affinity rules.
 * @module
 */
import { CloudApiError, invalidArgument } from './errors.js';
import type { SimAccount, SimImage, SimPackage } from './model.js';
import { prefixed, str, type Params } from './params.js';
import type { SimStore } from './store.js';

/** Machine names CloudAPI accepts. */
export const NAME_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,188}$/;
const AFFINITY_RE = /^(instance|container|[A-Za-z0-9_.:-]+)\s*(==~|!=~|==|!=)\s*(\S.*)$/;

/** Resolves `image` (or 6.5/7.x `dataset`): 409 when missing, both given, or unknown. */
export function resolveImage(store: SimStore, account: SimAccount, input: Params): SimImage {
  const image = str(input, 'image');
  const dataset = str(input, 'dataset');
  if (image !== undefined && dataset !== undefined) invalidArgument('image and dataset are mutually exclusive parameters.');
  const ref = image ?? dataset;
  if (ref === undefined) throw new CloudApiError('MissingParameter', 'image must be specified');
  const img = store.findImage(ref, account);
  if (!img || img.state !== 'active') invalidArgument(`${ref} is not a valid image`);
  return img;
}

/** Resolves `package` by id or name: 409 when missing or unknown. */
export function resolvePackage(store: SimStore, input: Params): SimPackage {
  const ref = str(input, 'package');
  if (ref === undefined) throw new CloudApiError('MissingParameter', 'package must be specified');
  return store.findPackage(ref) ?? invalidArgument(`${ref} is not a valid package`);
}

/** Validates a machine name (after `{{shortId}}` expansion). */
export function machineName(raw: string | undefined, id: string): string {
  if (raw === undefined || raw === '') return id.slice(0, 8);
  const name = raw.replace(/\{\{\s*shortId\s*\}\}/g, id.slice(0, 8));
  if (!NAME_RE.test(name))
    invalidArgument(`name "${name}" is invalid: use up to 189 letters, digits, "_", "." and "-", starting with a letter or digit`);
  return name;
}

/** `networks`: uuids or `{ ipv4_uuid, ipv4_ips }` objects, not both; every network must exist. */
export function requestedNetworks(store: SimStore, input: Params): Array<{ id: string; ip?: string | undefined }> {
  let raw = input['networks'];
  if (raw === undefined || raw === null) return [];
  if (typeof raw === 'string')
    raw = raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (!Array.isArray(raw)) invalidArgument('networks must be an array');
  const objects = raw.filter((n) => typeof n === 'object' && n !== null);
  if (objects.length > 0 && objects.length !== raw.length) invalidArgument('networks: cannot mix network UUIDs and network objects');
  return raw.map((n: unknown) => {
    let id: unknown;
    let ip: string | undefined;
    if (typeof n === 'object' && n !== null) {
      const o = n as Record<string, unknown>;
      id = o['ipv4_uuid'];
      const ips = o['ipv4_ips'];
      if (ips !== undefined) {
        if (!Array.isArray(ips) || ips.length !== 1 || typeof ips[0] !== 'string')
          invalidArgument('networks: ipv4_ips must be an array with one address');
        ip = ips[0] as string;
      }
    } else {
      id = n;
    }
    if (typeof id !== 'string' || !store.findNetwork(id)) invalidArgument(`${String(id)} is not a valid network`);
    return { id, ip };
  });
}

/** Flattened `metadata.<k>` keys (plus a `metadata` object): values become strings. */
export function metadataInput(input: Params): Record<string, string> {
  const out: Record<string, string> = {};
  const obj = input['metadata'];
  const all = {
    ...(obj && typeof obj === 'object' && !Array.isArray(obj) ? (obj as Record<string, unknown>) : {}),
    ...prefixed(input, 'metadata.'),
  };
  for (const [k, v] of Object.entries(all)) {
    if (k === 'credentials' || /_pw$/.test(k)) continue;
    out[k] = metadataValue(k, v);
  }
  return out;
}

/** A metadata value as stored: strings as-is, numbers and booleans stringified. */
export function metadataValue(key: string, v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return invalidArgument(`metadata ${key} must be a string`);
}

/** Flattened `tag.<k>` keys (plus a `tags` object): string, number or boolean values. */
export function tagsInput(input: Params, prefix = 'tag.'): Record<string, string | number | boolean> {
  const obj = input['tags'];
  const all = {
    ...(obj && typeof obj === 'object' && !Array.isArray(obj) ? (obj as Record<string, unknown>) : {}),
    ...prefixed(input, prefix),
  };
  return tagValues(all);
}

/** Validates tag values. */
export function tagValues(all: Record<string, unknown>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(all)) {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')
      invalidArgument(`tag ${k} must be a string, number or boolean`);
    out[k] = v;
  }
  return out;
}

/** Affinity rules (`instance==web*`, `role!=~db`, ...). */
export function affinityInput(input: Params): string[] {
  const raw = input['affinity'];
  if (raw === undefined || raw === null) return [];
  const rules = Array.isArray(raw) ? raw : [raw];
  return rules.map((r: unknown) => {
    if (typeof r !== 'string' || !AFFINITY_RE.test(r.trim())) invalidArgument(`invalid affinity rule: ${String(r)}`);
    return r.trim();
  });
}

/** Brand for an image (bhyve/kvm may be chosen for zvol images). */
export function brandFor(image: SimImage, requested: string | undefined): string {
  if (image.type === 'zvol') {
    if (requested !== undefined && requested !== 'bhyve' && requested !== 'kvm')
      invalidArgument(`${requested} is not a valid brand for image ${image.id}`);
    return requested ?? (typeof image.requirements['brand'] === 'string' ? image.requirements['brand'] : 'kvm');
  }
  if (requested !== undefined) invalidArgument(`brand can only be given for hardware virtual machine images`);
  return image.type === 'lx-dataset' ? 'lx' : 'joyent';
}
