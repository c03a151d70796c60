/**
 * Container and object names in CDN URLs.
 * @module
 */
import { InvalidArgumentError } from '@cloudmux/core/errors';

/** Percent-encodes one path segment (RFC 3986 unreserved characters kept). */
export function encodeSegment(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Percent-encodes an object name for a URL path, keeping its `/` (as the CDN serves `<uri>/<a/b.txt>`). */
export function encodeObjectName(name: string): string {
  return name.split('/').map(encodeSegment).join('/');
}

/** Checks a container name for a CDN call: 1-256 bytes without `/`. */
export function cdnContainerName(method: string, name: unknown, provider: string): string {
  if (typeof name !== 'string' || name.length === 0 || Buffer.byteLength(name) > 256 || name.includes('/'))
    throw new InvalidArgumentError(`${method}: invalid container name ${JSON.stringify(name)}: expected 1-256 bytes without "/"`, {
      provider,
    });
  return name;
}

/** Checks an object name for a CDN call: 1-1024 bytes. */
export function cdnObjectName(method: string, name: unknown, provider: string): string {
  if (typeof name !== 'string' || name.length === 0 || Buffer.byteLength(name) > 1024)
    throw new InvalidArgumentError(`${method}: invalid object name ${JSON.stringify(name)}: expected a string of 1-1024 bytes`, {
      provider,
    });
  return name;
}
