/** APIs that have price data. */
export type PricingApi = 'compute' | 'storage';

/** Price of one size: one figure everywhere, or per region (a `default` key applies to unlisted regions). */
export type SizePrice = number | Readonly<Record<string, number>>;

/** A bundled data file, `pricing/<api>/<provider>.json`. */
export interface PricingDataFile {
  /** Provider id. */
  provider: string;
  /** API the prices are for. */
  api: PricingApi;
  /** ISO 4217 currency (`USD`). */
  currency: string;
  /** Billing unit of the figures (`hour`). */
  unit: string;
  /** Date the figures were taken, `YYYY-MM-DD`. */
  updated: string;
  /** Where the figures come from. */
  source: string;
  /** Price per size id. */
  prices: Readonly<Record<string, SizePrice>>;
}

/** The user override / downloaded file: `{ "<api>": { "<provider>": { "<sizeId>": price } } }`. */
export type PricingOverrideFile = Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, SizePrice>>>>>>;

/** Effective prices of one provider: bundled data with the user override merged on top. */
export interface ProviderPricing {
  /** API. */
  api: PricingApi;
  /** Provider id. */
  provider: string;
  /** Currency (`USD` when only the override has data). */
  currency: string;
  /** Billing unit (`hour` when only the override has data). */
  unit: string;
  /** Date of the bundled data, if any. */
  updated: string | undefined;
  /** Source of the bundled data, if any. */
  source: string | undefined;
  /** Price per size id. */
  prices: Readonly<Record<string, SizePrice>>;
  /** Files the prices were read from, bundled first. */
  files: readonly string[];
}

/** Options of `downloadPricingFile`. */
export interface DownloadPricingOptions {
  /** Cancels the download. */
  signal?: AbortSignal | undefined;
  /** Per-attempt timeout (30000 ms). */
  timeoutMs?: number | undefined;
}
