import { InvalidArgumentError } from '@cloudmux/core';

/** one-proxy's default port when `endpoint` is a bare host name. */
export const ONE_PROXY_PORT = 2634;
/** The PDisk service's default port when `pdisk_endpoint` is a bare host name. */
export const PDISK_PORT = 8445;
/** The public StratusLab Marketplace, used when `marketplace_endpoint` is absent. */
export const DEFAULT_MARKETPLACE = 'https://marketplace.stratuslab.eu';

function parseUrl(value: string, what: string): URL {
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http(s)');
    return url;
  } catch {
    throw new InvalidArgumentError(`Invalid StratusLab ${what} ${JSON.stringify(value)}: expected a host name or an http(s) URL`);
  }
}

const HOST = /^[A-Za-z0-9.-]+(:\d+)?$|^\[[0-9A-Fa-f:.]+\](:\d+)?$/;

function bareHost(value: string, what: string): boolean {
  if (value.includes('://')) return false;
  if (!HOST.test(value))
    throw new InvalidArgumentError(`Invalid StratusLab ${what} ${JSON.stringify(value)}: expected a host name or an http(s) URL`);
  return true;
}

/**
 * The one-proxy XML-RPC URL of an `endpoint` value: a bare host becomes `https://<host>:2634/xmlrpc`,
 * a URL is used as is (as the StratusLab client did).
 */
export function oneEndpoint(value: string): URL {
  if (bareHost(value, 'endpoint'))
    return parseUrl(`https://${value.includes(':') ? value : `${value}:${ONE_PROXY_PORT}`}/xmlrpc`, 'endpoint');
  return parseUrl(value, 'endpoint');
}

/**
 * The password-authenticated URL of a one-proxy endpoint: `pswd/` goes before the last path segment
 * (`https://host:2634/xmlrpc` → `https://host:2634/pswd/xmlrpc`).
 */
export function passwordContextUrl(endpoint: URL): URL {
  const url = new URL(endpoint.href);
  const parts = url.pathname.split('/');
  const last = parts.pop() ?? '';
  url.pathname = `${parts.join('/')}/pswd/${last}`.replace(/\/{2,}/g, '/');
  return url;
}

/**
 * The PDisk base URL: a bare host gets `https://` and port 8445; absent, the host of the one-proxy
 * endpoint with port 8445; a URL is used as is. Trailing slashes are removed.
 */
export function pdiskEndpoint(value: string | undefined, endpoint: URL): string {
  if (value === undefined || value === '')
    return `https://${endpoint.hostname.includes(':') ? `[${endpoint.hostname}]` : endpoint.hostname}:${PDISK_PORT}`;
  if (bareHost(value, 'pdisk_endpoint')) return `https://${value.includes(':') ? value : `${value}:${PDISK_PORT}`}`;
  return parseUrl(value, 'pdisk_endpoint').href.replace(/\/+$/, '');
}

/** The Marketplace base URL: the public Marketplace when absent; trailing slashes removed. */
export function marketplaceEndpoint(value: string | undefined): string {
  if (value === undefined || value === '') return DEFAULT_MARKETPLACE;
  const url = bareHost(value, 'marketplace_endpoint') ? `https://${value}` : value;
  return parseUrl(url, 'marketplace_endpoint').href.replace(/\/+$/, '');
}
