import type { PricingOverrideFile, SizePrice } from './types.js';

function isPrice(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks one size price; returns a problem description or `undefined`. */
export function checkSizePrice(v: unknown, where: string): string | undefined {
  if (isPrice(v)) return undefined;
  if (!isObject(v)) return `${where} must be a non-negative number or an object of region -> number`;
  for (const [region, p] of Object.entries(v)) if (!isPrice(p)) return `${where}.${region} must be a non-negative number`;
  return undefined;
}

/** Checks a `sizeId -> price` map. */
export function checkPriceMap(v: unknown, where: string): string | undefined {
  if (!isObject(v)) return `${where} must be an object of size id -> price`;
  for (const [size, price] of Object.entries(v)) {
    const problem = checkSizePrice(price, `${where}.${size}`);
    if (problem) return problem;
  }
  return undefined;
}

/** Checks the override shape `api -> provider -> sizeId -> number | { region: number }`; returns a problem or `undefined`. */
export function checkOverrideShape(v: unknown): string | undefined {
  if (!isObject(v)) return 'top level must be an object of api -> provider -> size id -> price';
  for (const [api, providers] of Object.entries(v)) {
    if (!isObject(providers)) return `${api} must be an object of provider -> prices`;
    for (const [provider, prices] of Object.entries(providers)) {
      const problem = checkPriceMap(prices, `${api}.${provider}`);
      if (problem) return problem;
    }
  }
  return undefined;
}

/** Type guard over {@link checkOverrideShape}. */
export function isOverrideFile(v: unknown): v is PricingOverrideFile {
  return checkOverrideShape(v) === undefined;
}

/** Checks a bundled data file (`{ provider, api, currency, unit, updated, source, prices }`). */
export function checkDataFile(v: unknown): string | undefined {
  if (!isObject(v)) return 'top level must be an object';
  for (const key of ['provider', 'api', 'currency', 'unit', 'updated', 'source'] as const) {
    if (v[key] !== undefined && typeof v[key] !== 'string') return `"${key}" must be a string`;
  }
  return checkPriceMap(v.prices, 'prices');
}

/** The figure for a region: the region's own, else `default`, else `undefined`; a plain number applies everywhere. */
export function priceForRegion(price: SizePrice | undefined, region: string | undefined): number | undefined {
  if (price === undefined) return undefined;
  if (typeof price === 'number') return price;
  const v = (region !== undefined ? price[region] : undefined) ?? price.default;
  return typeof v === 'number' ? v : undefined;
}
