/**
 * Size prices: bundled per-provider data files (`pricing/<api>/<provider>.json`) with a user override
 * (`CLOUDMUX_PRICING_FILE` or `~/.cloudmux/pricing.json`) merged on top. Unknown prices are `undefined`.
 * @module
 */
export type * from './types.js';
export { getPricing, getSizePrice, clearPricingCache } from './load.js';
export { downloadPricingFile } from './download.js';
export { checkOverrideShape, checkDataFile, priceForRegion } from './validate.js';
export { pricingDirCandidates, findDataFile, overrideFilePath } from './locate.js';
