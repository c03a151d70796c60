import type { ProviderDefinition } from '@cloudmux/core';

/**
 * StratusLab: OpenNebula 3.x XML-RPC behind StratusLab's one-proxy (machines), the Marketplace
 * (images) and PDisk (volumes). Clouds are locations read from `stratuslab-user.cfg`, so the
 * definition lists no fixed regions; the reference cloud at LAL is the default endpoint.
 */
export const STRATUSLAB_PROVIDER: ProviderDefinition = {
  id: 'stratuslab',
  name: 'StratusLab',
  api: 'opennebula-xmlrpc',
  defaultEndpoint: 'https://cloud.lal.stratuslab.eu:2634/xmlrpc',
  regions: [],
  defaults: { auth: 'http-basic', marketplace: 'https://marketplace.stratuslab.eu', pdiskPort: 8445 },
  docsUrl: 'https://github.com/StratusLab/libcloud-drivers',
};
