/**
 * Rackspace's `RAX-KSKEY:apiKeyCredentials` as an OpenStack `custom` credential type.
 * @module
 */
import type { CustomCredentials } from '@cloudmux/openstack';

/** The v2.0 auth member Rackspace API keys go in. */
export const RAX_KSKEY = 'RAX-KSKEY:apiKeyCredentials';

/**
 * Username + API key credentials (`{"auth": {"RAX-KSKEY:apiKeyCredentials": {"username", "apiKey"}}}`), for
 * an OpenStack `IdentitySession`. The key stays in a closure: never enumerable, never in messages.
 */
export function rackspaceApiKeyCredentials(username: string, apiKey: string): CustomCredentials {
  return Object.freeze({
    type: 'custom' as const,
    name: 'rax-apikey',
    identityApiVersion: '2.0' as const,
    authBody: (): Record<string, unknown> => ({ [RAX_KSKEY]: { username, apiKey } }),
  });
}
