import { readFileSync, statSync } from 'node:fs';
import { CloudError, InvalidArgumentError } from '../errors/cloud-error.js';
import type { PricingApi, PricingDataFile, PricingOverrideFile, ProviderPricing, SizePrice } from './types.js';
import { checkDataFile, checkOverrideShape, priceForRegion } from './validate.js';
import { findDataFile, listDataFiles, overrideFilePath } from './locate.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The APIs price data can be for (see {@link PricingApi}). */
export const PRICING_APIS: readonly PricingApi[] = Object.freeze(['compute', 'storage']);

interface Cached<T> {
  key: string;
  value: T;
}

const bundledCache = new Map<string, PricingDataFile | null>();
let overrideCache: Cached<PricingOverrideFile | null> | undefined;
const mergedCache = new Map<string, ProviderPricing | null>();

/** Forgets every loaded price file (the next lookup reads the files again). */
export function clearPricingCache(): void {
  bundledCache.clear();
  mergedCache.clear();
  overrideCache = undefined;
}

function readJson(file: string, what: string): unknown {
  const text = readFileSync(file, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new InvalidArgumentError(`${what} ${file} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
}

function loadBundled(file: string): PricingDataFile {
  const cached = bundledCache.get(file);
  if (cached) return cached;
  const data = readJson(file, 'Pricing data file');
  const problem = checkDataFile(data);
  if (problem) throw new CloudError(`Pricing data file ${file} is invalid: ${problem}`);
  bundledCache.set(file, data as PricingDataFile);
  return data as PricingDataFile;
}

/** The override file's content (cached per path), or `null` when there is none. */
function loadOverride(): { file: string; data: PricingOverrideFile | null } {
  const file = overrideFilePath();
  if (overrideCache?.key === file) return { file, data: overrideCache.value };
  let data: unknown = null;
  try {
    if (!statSync(file).isFile()) throw new InvalidArgumentError(`Pricing override file ${file} is not a file`);
    data = readJson(file, 'Pricing override file');
  } catch (err) {
    if ((err as { code?: unknown }).code !== 'ENOENT') throw err;
  }
  if (data !== null) {
    const problem = checkOverrideShape(data);
    if (problem) throw new InvalidArgumentError(`Pricing override file ${file} is invalid: ${problem}`);
  }
  overrideCache = { key: file, value: data as PricingOverrideFile | null };
  return { file, data: data as PricingOverrideFile | null };
}

function merge(base: Readonly<Record<string, SizePrice>>, over: Readonly<Record<string, SizePrice>>): Record<string, SizePrice> {
  const out: Record<string, SizePrice> = { ...base };
  for (const [size, price] of Object.entries(over)) {
    const prev = out[size];
    out[size] = typeof price === 'object' && typeof prev === 'object' ? { ...prev, ...price } : price;
  }
  return out;
}

function checkName(kind: string, value: string): void {
  if (!NAME.test(value)) throw new InvalidArgumentError(`Invalid pricing ${kind} "${value}"`);
}

/**
 * Effective prices of a provider: the bundled `pricing/<api>/<provider>.json` with the user override
 * (`CLOUDMUX_PRICING_FILE` or `~/.cloudmux/pricing.json`) merged on top. `undefined` when neither has data
 * (so it is also the way to ask whether a provider is priced at all, without the error of {@link getSizePrice}).
 * Files are read lazily and cached (per `CLOUDMUX_PRICING_DIR`/`CLOUDMUX_PRICING_FILE` value; call
 * {@link clearPricingCache} after editing a file by hand). A corrupt override file throws {@link InvalidArgumentError} naming it.
 */
export function getPricing(api: PricingApi, provider: string): ProviderPricing | undefined {
  checkName('api', api);
  checkName('provider', provider);
  const env = process.env;
  const key = `${api}\0${provider}\0${env.CLOUDMUX_PRICING_DIR ?? ''}\0${env.CLOUDMUX_PRICING_FILE ?? ''}`;
  const cached = mergedCache.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const override = loadOverride();
  const dataFile = findDataFile(api, provider);
  const bundled = dataFile ? loadBundled(dataFile) : undefined;
  const extra = override.data?.[api]?.[provider];
  let result: ProviderPricing | null = null;
  if (bundled || extra) {
    const files: string[] = [];
    if (dataFile) files.push(dataFile);
    if (extra) files.push(override.file);
    result = Object.freeze({
      api,
      provider,
      currency: bundled?.currency ?? 'USD',
      unit: bundled?.unit ?? 'hour',
      updated: bundled?.updated,
      source: bundled?.source,
      prices: Object.freeze(extra ? merge(bundled?.prices ?? {}, extra) : { ...bundled!.prices }),
      files: Object.freeze(files),
    });
  }
  mergedCache.set(key, result);
  return result ?? undefined;
}

/**
 * Providers that have price data, per API: the bundled data files (every folder the lookup searches, see
 * `pricingDirCandidates`) plus every provider of the user override file. Every API of
 * {@link PRICING_APIS} is listed, with an empty list when nothing prices it. Ids are sorted.
 * Reads the folders and the override on each call (it is not on the lookup path).
 */
export function knownPricingProviders(): Record<string, string[]> {
  const known = new Map<string, Set<string>>(PRICING_APIS.map((api) => [api, new Set<string>()]));
  for (const [api, providers] of Object.entries(listDataFiles())) for (const p of providers) add(known, api, p);
  for (const [api, providers] of Object.entries(loadOverride().data ?? {})) {
    if (!known.has(api)) known.set(api, new Set());
    for (const p of Object.keys(providers)) add(known, api, p);
  }
  return Object.fromEntries([...known].map(([api, providers]) => [api, [...providers].sort()]));
}

function add(known: Map<string, Set<string>>, api: string, provider: string): void {
  const set = known.get(api) ?? new Set<string>();
  known.set(api, set.add(provider));
}

function unknownProvider(api: string, provider: string): InvalidArgumentError {
  const known = knownPricingProviders();
  const where = `bundled data files and the override file ${overrideFilePath()}`;
  if (!Object.hasOwn(known, api)) {
    return new InvalidArgumentError(`Unknown pricing api "${api}": known apis are ${Object.keys(known).sort().join(', ')} (${where})`);
  }
  const providers = known[api] ?? [];
  const list = providers.length > 0 ? providers.join(', ') : '(none)';
  return new InvalidArgumentError(`Unknown pricing provider "${provider}" for api "${api}": known providers are ${list} (${where})`);
}

/**
 * Price of a size per hour (in the data's currency), or `undefined` when the provider's data has no
 * figure for it: unknown is never reported as 0, and a `0` in the data means genuinely free.
 *
 * `region` matters for providers priced per region (EC2, for example): the region's own figure is
 * returned, else the size's `default` entry, else `undefined`. Without `region` only a single figure or
 * a `default` entry can answer. The bundled EC2 data has no `default` entry (prices differ by region
 * and a region may not offer a size), so EC2 lookups need the region; the EC2 driver passes its own.
 *
 * An api or provider that nothing prices (no bundled `pricing/<api>/<provider>.json` and no entry in the
 * user override) throws {@link InvalidArgumentError} listing the known ones (see
 * {@link knownPricingProviders}): a misspelt name is an error, not a silent `undefined`. Drivers, whose
 * provider id comes from a provider definition rather than from typing, use {@link findSizePrice}.
 */
export function getSizePrice(api: PricingApi, provider: string, sizeId: string, region?: string): number | undefined {
  const pricing = getPricing(api, provider);
  if (!pricing) throw unknownProvider(api, provider);
  return priceOf(pricing, sizeId, region);
}

/**
 * Like {@link getSizePrice}, but a provider that nothing prices answers `undefined` instead of throwing.
 * For drivers filling `NodeSize.price`: a custom provider definition, a private cloud or a third-party
 * driver may have no price data at all, and `listSizes()` must still work. A corrupt override file
 * still throws. Same `region` rules as {@link getSizePrice}.
 */
export function findSizePrice(api: PricingApi, provider: string, sizeId: string, region?: string): number | undefined {
  const pricing = getPricing(api, provider);
  return pricing ? priceOf(pricing, sizeId, region) : undefined;
}

function priceOf(pricing: ProviderPricing, sizeId: string, region: string | undefined): number | undefined {
  return Object.hasOwn(pricing.prices, sizeId) ? priceForRegion(pricing.prices[sizeId], region) : undefined;
}
