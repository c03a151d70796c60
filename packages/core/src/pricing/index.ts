/**
 * Size prices: bundled per-provider data files (`pricing/<api>/<provider>.json`) with a user override
 * (`CLOUDMUX_PRICING_FILE` or `~/.cloudmux/pricing.json`) merged on top. Unknown prices are `undefined`;
 * an api or provider that nothing prices is an `InvalidArgumentError` from `getSizePrice`.
 * @module
 */
export type * from './types.js';
export { getPricing, getSizePrice, findSizePrice, clearPricingCache, knownPricingProviders, PRICING_APIS } from './load.js';
export { downloadPricingFile } from './download.js';
export { checkOverrideShape, checkDataFile, priceForRegion } from './validate.js';
export { pricingDirCandidates, findDataFile, listDataFiles, overrideFilePath } from './locate.js';
