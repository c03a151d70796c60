/** One region of a provider: an id, a display name and the endpoint serving it. */
export interface RegionDefinition {
  /** Region id as users pass it (`us-east-1`, `eu-ams-1`). */
  readonly id: string;
  /** Human-readable name. */
  readonly name: string;
  /** Base URL of the API in this region. */
  readonly endpoint: string;
  /** Country code or free-form location, if known. */
  readonly country?: string | undefined;
}

/**
 * A provider is data, not a class: which API it speaks, where, and with which defaults.
 * Rackspace is OpenStack with its own definition; Eucalyptus is EC2 with its own. `TDefaults` is
 * the API's own typed settings (EC2's `Ec2ProviderDefaults`: API version, path, signature version…).
 */
export interface ProviderDefinition<TDefaults extends object = Readonly<Record<string, unknown>>> {
  /** Registry id (`joyent`, `ec2`, `eucalyptus`). */
  readonly id: string;
  /** Display name (`Joyent Triton`). */
  readonly name: string;
  /** API family the driver speaks (`cloudapi`, `ec2`). */
  readonly api: string;
  /** Default endpoint when no region or URL is given. */
  readonly defaultEndpoint?: string | undefined;
  /** Default region id. */
  readonly defaultRegion?: string | undefined;
  /** Known regions, empty when the provider has none. */
  readonly regions: readonly RegionDefinition[];
  /** API defaults (API version, path prefix, auth scheme), typed by the API's driver. */
  readonly defaults?: TDefaults | undefined;
  /** Link to the provider's API documentation. */
  readonly docsUrl?: string | undefined;
}
