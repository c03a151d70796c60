import { readFileSync, statSync } from 'node:fs';
import { CloudError, InvalidArgumentError } from '../errors/cloud-error.js';
import type { PricingApi, PricingDataFile, PricingOverrideFile, ProviderPricing, SizePrice } from './types.js';
import { checkDataFile, checkOverrideShape, priceForRegion } from './validate.js';
import { findDataFile, overrideFilePath } from './locate.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

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
    throw new InvalidArgumentError(`${what} ${file} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
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
 * (`CLOUDMUX_PRICING_FILE` or `~/.cloudmux/pricing.json`) merged on top. `undefined` when neither has data.
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
 * Price of a size (per hour, in the data's currency) or `undefined` when unknown — never 0 for unknown.
 * With per-region data, `region` selects the figure (falling back to the `default` key).
 */
export function getSizePrice(api: PricingApi, provider: string, sizeId: string, region?: string): number | undefined {
  const pricing = getPricing(api, provider);
  if (!pricing || !Object.hasOwn(pricing.prices, sizeId)) return undefined;
  return priceForRegion(pricing.prices[sizeId], region);
}
