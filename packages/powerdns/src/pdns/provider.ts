import type { ProviderDefinition } from '@cloudmux/core';

/** API defaults of PowerDNS. */
export type PowerDnsProviderDefaults = {
  /** Server id in `/servers/{id}` (`localhost` on a stand-alone server). */
  readonly serverId: string;
  /** Authentication header. */
  readonly auth: 'x-api-key';
};

/** Default API base URL: a PowerDNS webserver on this host. */
export const DEFAULT_POWERDNS_URL = 'http://127.0.0.1:8081/api/v1';

/** The PowerDNS Authoritative Server provider (self-hosted: no regions). */
export const POWERDNS_PROVIDER: ProviderDefinition<PowerDnsProviderDefaults> = {
  id: 'powerdns',
  name: 'PowerDNS',
  api: 'powerdns',
  defaultEndpoint: DEFAULT_POWERDNS_URL,
  regions: [],
  defaults: { serverId: 'localhost', auth: 'x-api-key' },
  docsUrl: 'https://doc.powerdns.com/authoritative/http-api/index.html',
};
