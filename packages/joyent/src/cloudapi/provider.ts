import type { ProviderDefinition, RegionDefinition } from '@cloudmux/core';

/** Default `Accept-Version` range: CloudAPI 9, 8 or 7, newest first. */
export const DEFAULT_API_VERSION = '~9||~8||~7';

/** `X-Api-Version` sent in legacy 6.5 mode. */
export const LEGACY_API_VERSION = '~6.5';

/**
 * Historical public CloudAPI datacenters (Joyent's public cloud, shut down in 2022, and the
 * Telefónica InstantServers locations the `smartdc` Python library knew). Any private Triton
 * cloud works through the `url` option instead.
 */
export const JOYENT_REGIONS: readonly RegionDefinition[] = [
  { id: 'us-east-1', name: 'US East 1 (Ashburn, VA)', endpoint: 'https://us-east-1.api.joyent.com', country: 'US' },
  { id: 'us-east-2', name: 'US East 2', endpoint: 'https://us-east-2.api.joyentcloud.com', country: 'US' },
  { id: 'us-east-3', name: 'US East 3', endpoint: 'https://us-east-3.api.joyentcloud.com', country: 'US' },
  { id: 'us-east-3b', name: 'US East 3b', endpoint: 'https://us-east-3b.api.joyent.com', country: 'US' },
  { id: 'us-sw-1', name: 'US Southwest 1 (Las Vegas, NV)', endpoint: 'https://us-sw-1.api.joyent.com', country: 'US' },
  { id: 'us-west-1', name: 'US West 1 (San Francisco, CA)', endpoint: 'https://us-west-1.api.joyent.com', country: 'US' },
  { id: 'eu-ams-1', name: 'EU Amsterdam 1', endpoint: 'https://eu-ams-1.api.joyent.com', country: 'NL' },
  {
    id: 'eu-lon-1',
    name: 'London (Telefónica InstantServers)',
    endpoint: 'https://api-eu-lon-1.instantservers.telefonica.com',
    country: 'GB',
  },
  {
    id: 'eu-mad-1',
    name: 'Madrid (Telefónica InstantServers)',
    endpoint: 'https://api-eu-mad-1.instantservers.telefonica.com',
    country: 'ES',
  },
];

/**
 * Whether a version range admits only CloudAPI 6.x and older (`~6.5`, `6.5`, `^6`, `~6||~5`): then
 * the driver speaks the legacy 6.5 protocol (datasets, packages by name, `X-Api-Version`) without
 * `legacy65: true`, as when `SDC_API_VERSION=~6.5` comes from the environment. A range that also
 * admits 7.x or later (`~7||~6.5`) is not legacy: the server answers with its newest match.
 */
export function isLegacyRange(range: string): boolean {
  const alternatives = range.split('||').map((a) => a.trim());
  return alternatives.every((a) => {
    const major = /^[~^=v]*\s*(\d+)/.exec(a)?.[1];
    return major !== undefined && Number(major) < 7;
  });
}

/** The Joyent Triton provider: CloudAPI with HTTP Signature auth. */
export const JOYENT_PROVIDER: ProviderDefinition = {
  id: 'joyent',
  name: 'Joyent Triton',
  api: 'cloudapi',
  defaultRegion: 'us-east-1',
  defaultEndpoint: 'https://us-east-1.api.joyent.com',
  regions: JOYENT_REGIONS,
  defaults: { apiVersion: DEFAULT_API_VERSION, auth: 'http-signature', maxPageSize: 1000 },
  docsUrl: 'https://github.com/TritonDataCenter/sdc-cloudapi/blob/master/docs/index.md',
};

/** Looks up a region by id. */
export function findRegion(id: string): RegionDefinition | undefined {
  return JOYENT_REGIONS.find((r) => r.id === id);
}
