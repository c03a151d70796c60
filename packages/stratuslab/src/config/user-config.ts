import { InvalidArgumentError } from '@cloudmux/core';
import { mergeInstanceTypes, parseInstanceType, type StratusLabInstanceType } from '../compute/instance-types.js';
import { marketplaceEndpoint, oneEndpoint, pdiskEndpoint } from './endpoints.js';
import type { IniDocument } from './ini.js';

/** One cloud (a `stratuslab-user.cfg` section, or a `locations` option entry) as given. */
export interface StratusLabLocationOptions {
  /** Display name (default: the location id). */
  name?: string | undefined;
  /** Country (default `unknown`). */
  country?: string | undefined;
  /** one-proxy endpoint: a host name (`cloud.lal.stratuslab.eu` → `https://…:2634/xmlrpc`) or a URL. */
  endpoint: string;
  /** PDisk endpoint: host name (port 8445) or URL; default: the endpoint's host, port 8445. */
  pdiskEndpoint?: string | undefined;
  /** Marketplace URL; default `https://marketplace.stratuslab.eu`. */
  marketplaceEndpoint?: string | undefined;
  /** User name (HTTP Basic on one-proxy and PDisk). */
  username?: string | undefined;
  /** Password (HTTP Basic). */
  password?: string | undefined;
  /** SSH public key file put in new machines' context (`user_public_key_file`). */
  userPublicKeyFile?: string | undefined;
}

/** A resolved location: normalised endpoints; the credentials stay inside the driver. */
export interface ResolvedLocation {
  /** Location id (section name). */
  readonly id: string;
  /** Display name. */
  readonly name: string;
  /** Country. */
  readonly country: string;
  /** one-proxy XML-RPC URL (without the `pswd/` context). */
  readonly endpoint: URL;
  /** PDisk base URL. */
  readonly pdiskEndpoint: string;
  /** Marketplace base URL. */
  readonly marketplaceEndpoint: string;
  /** User name, if configured. */
  readonly username: string | undefined;
  /** Password, if configured. */
  readonly password: string | undefined;
  /** Public key file for new machines, if configured. */
  readonly userPublicKeyFile: string | undefined;
}

/** All locations, the default one, and the instance types. */
export interface ResolvedConfig {
  /** Locations in file order. */
  readonly locations: readonly ResolvedLocation[];
  /** Id of the default location. */
  readonly defaultLocation: string;
  /** Instance types (built-in plus `[instance_types]`). */
  readonly instanceTypes: readonly StratusLabInstanceType[];
}

/** Config keys (snake_case, as in the file) → option names. */
const KEY_MAP: Readonly<Record<string, keyof StratusLabLocationOptions>> = {
  name: 'name',
  country: 'country',
  endpoint: 'endpoint',
  pdisk_endpoint: 'pdiskEndpoint',
  marketplace_endpoint: 'marketplaceEndpoint',
  username: 'username',
  password: 'password',
  user_public_key_file: 'userPublicKeyFile',
};

/** Section of the file that holds instance types, not a cloud. */
export const INSTANCE_TYPES_SECTION = 'instance_types';

/** Turns one section (overlaid on `[default]`) into location options. */
function sectionOptions(values: ReadonlyMap<string, string>): Partial<StratusLabLocationOptions> {
  const out: Partial<Record<keyof StratusLabLocationOptions, string>> = {};
  for (const [k, v] of values) {
    const option = KEY_MAP[k];
    if (option && v !== '') out[option] = v;
  }
  return out;
}

/** Resolves one location: endpoints normalised, `endpoint` required. */
export function resolveLocation(id: string, options: Partial<StratusLabLocationOptions>, source: string): ResolvedLocation {
  if (!options.endpoint) throw new InvalidArgumentError(`StratusLab location "${id}" (${source}) has no endpoint`);
  const endpoint = oneEndpoint(options.endpoint);
  return Object.freeze({
    id,
    name: options.name ?? id,
    country: options.country ?? 'unknown',
    endpoint,
    pdiskEndpoint: pdiskEndpoint(options.pdiskEndpoint, endpoint),
    marketplaceEndpoint: marketplaceEndpoint(options.marketplaceEndpoint),
    username: options.username,
    password: options.password,
    userPublicKeyFile: options.userPublicKeyFile,
  });
}

/**
 * Resolves a parsed `stratuslab-user.cfg`: `[default]` is mandatory and is the base every section
 * inherits; `selected_section` (or `defaultLocation`) names the default location; every other section
 * except `[instance_types]` is a cloud; `[default]` itself is a location only when it is the default.
 */
export function resolveIniConfig(doc: IniDocument, source: string, defaultLocation?: string): ResolvedConfig {
  const base = doc.get('default');
  if (!base) throw new InvalidArgumentError(`${source}: the mandatory [default] section is missing`);
  const chosen = defaultLocation ?? base.get('selected_section') ?? 'default';
  const ids = [...doc.keys()].filter((s) => s !== INSTANCE_TYPES_SECTION && (s !== 'default' || chosen === 'default'));
  if (!ids.includes(chosen)) {
    throw new InvalidArgumentError(
      `${source}: default location "${chosen}" has no section. Valid locations: ${ids.join(', ') || '(none)'}`,
    );
  }
  const locations = ids.map((id) =>
    resolveLocation(id, { ...sectionOptions(base), ...(id === 'default' ? {} : sectionOptions(doc.get(id)!)) }, `${source} [${id}]`),
  );
  const types: StratusLabInstanceType[] = [];
  for (const [name, value] of doc.get(INSTANCE_TYPES_SECTION) ?? []) {
    const t = parseInstanceType(name, value);
    if (t) types.push(t);
  }
  return { locations, defaultLocation: chosen, instanceTypes: mergeInstanceTypes(types) };
}

/** Resolves the `locations` constructor option. */
export function resolveLocationOptions(
  locations: Readonly<Record<string, StratusLabLocationOptions>>,
  defaultLocation: string | undefined,
): ResolvedConfig {
  const ids = Object.keys(locations);
  if (ids.length === 0) throw new InvalidArgumentError('StratusLab option "locations" must name at least one location');
  const chosen = defaultLocation ?? ids[0]!;
  if (!ids.includes(chosen))
    throw new InvalidArgumentError(`Unknown StratusLab default location "${chosen}". Valid locations: ${ids.join(', ')}`);
  return {
    locations: ids.map((id) => resolveLocation(id, locations[id]!, `locations.${id}`)),
    defaultLocation: chosen,
    instanceTypes: mergeInstanceTypes([]),
  };
}
