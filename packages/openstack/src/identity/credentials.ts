/**
 * Credential helpers: which Keystone API a credential type needs, its name for messages, and sharing one
 * authentication among callers with their own abort signals.
 * @module
 */
import { AbortError, InvalidArgumentError } from '@cloudmux/core/errors';
import type { IdentityCredentials } from './types.js';

/** Copies `signal`'s abort onto a shared promise, without cancelling the shared work. */
export function raced<T>(work: Promise<T>, signal: AbortSignal | undefined, provider: string): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(new AbortError(`${provider}: authentication aborted`, { provider, cause: signal.reason }));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new AbortError(`${provider}: authentication aborted`, { provider, cause: signal.reason }));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** The Keystone API a credential type needs; unknown types are an `InvalidArgumentError` listing the valid ones. */
export function credentialApiVersion(provider: string, c: IdentityCredentials): '2.0' | '3' {
  switch (c.type) {
    case 'v3password':
    case 'v3applicationcredential':
    case 'v3token':
      return '3';
    case 'v2password':
    case 'v2token':
      return '2.0';
    case 'custom':
      if (c.identityApiVersion === '2.0' || c.identityApiVersion === '3') return c.identityApiVersion;
      throw new InvalidArgumentError(`${provider}: custom credentials need identityApiVersion "2.0" or "3"`, { provider });
    default: {
      const type = (c as { type?: unknown }).type;
      throw new InvalidArgumentError(
        `${provider}: unknown credentials type "${String(type)}"; valid: v3password, v3applicationcredential, v3token, v2password, v2token, custom`,
        { provider },
      );
    }
  }
}

/** Names a credential type for messages (no secrets). */
export function credentialLabel(c: IdentityCredentials): string {
  return c.type === 'custom' ? `custom ${c.name}` : c.type;
}
