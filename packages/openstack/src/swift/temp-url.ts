import { createHmac } from 'node:crypto';
import type { TempUrlMethod } from '@cloudmux/core/storage';
import type { SwiftClient } from './client.js';
import { encodeObjectPath, encodeSegment } from './names.js';

/** HMAC digests a temp URL can be signed with. */
export type TempUrlDigest = 'sha1' | 'sha256';

/** The `/info` URL of a storage URL: the path before `/v1/<account>` plus `/info`. */
export function infoUrlOf(storageUrl: string): string {
  const u = new URL(storageUrl);
  const i = u.pathname.search(/\/v1(\/|$)/);
  const base = i < 0 ? '' : u.pathname.slice(0, i);
  return `${u.origin}${base}/info`;
}

/**
 * The digest to sign with: SHA-256 when `/info` lists it in `tempurl.allowed_digests` (or lists no
 * digests), SHA-1 when only that is allowed or `/info` is unavailable (old clusters).
 */
export async function tempUrlDigest(client: SwiftClient, signal?: AbortSignal): Promise<TempUrlDigest> {
  const url = infoUrlOf(await client.storageUrl(signal));
  try {
    const res = await client.connection(new URL(url).origin).request<unknown>({
      method: 'GET',
      path: url,
      responseType: 'json',
      signal,
      errorContext: { action: 'GET /info' },
    });
    const tempurl = (res.body as { tempurl?: { allowed_digests?: unknown } } | null)?.tempurl;
    const digests = tempurl?.allowed_digests;
    if (!Array.isArray(digests)) return 'sha256';
    return digests.includes('sha256') ? 'sha256' : 'sha1';
  } catch {
    return 'sha1';
  }
}

/** The `temp_url_sig` of `method`, `expires` (epoch seconds) and the object's decoded path (`/v1/AUTH_x/c/o`). */
export function tempUrlSignature(key: string, digest: TempUrlDigest, method: TempUrlMethod, expires: number, path: string): string {
  return createHmac(digest, key).update(`${method}\n${expires}\n${path}`).digest('hex');
}

/** The account's temp URL key and digest, read once and cached; signs temp URLs. */
export class TempUrlSigner {
  readonly #client: SwiftClient;
  #key: string | undefined;
  #digest: TempUrlDigest | undefined;

  constructor(client: SwiftClient) {
    this.#client = client;
  }

  /** Sets `X-Account-Meta-Temp-URL-Key`. */
  async setKey(key: string, signal?: AbortSignal): Promise<void> {
    await this.#client.send({ method: 'POST', headers: { 'x-account-meta-temp-url-key': key }, action: 'set temp URL key', signal });
    this.#key = key;
  }

  /** The account's key (cached unless `fresh`), or `undefined`. */
  async key(signal?: AbortSignal, fresh = false): Promise<string | undefined> {
    if (this.#key !== undefined && !fresh) return this.#key;
    const res = await this.#client.send({ method: 'HEAD', action: 'read account metadata', signal });
    const key = res.headers['x-account-meta-temp-url-key'];
    this.#key = typeof key === 'string' && key.length > 0 ? key : undefined;
    return this.#key;
  }

  /** A temp URL of `container/name` for `method`, or `undefined` when the account has no key. */
  async url(
    container: string,
    name: string,
    method: TempUrlMethod,
    expiresInMs: number,
    signal?: AbortSignal,
  ): Promise<string | undefined> {
    const key = await this.key(signal);
    if (key === undefined) return undefined;
    this.#digest ??= await tempUrlDigest(this.#client, signal);
    const storage = new URL(await this.#client.storageUrl(signal));
    const expires = Math.ceil((Date.now() + expiresInMs) / 1000);
    const accountPath = storage.pathname.replace(/\/+$/, '');
    const sig = tempUrlSignature(key, this.#digest, method, expires, `${decodeURIComponent(accountPath)}/${container}/${name}`);
    return `${storage.origin}${accountPath}/${encodeSegment(container)}/${encodeObjectPath(name)}?temp_url_sig=${sig}&temp_url_expires=${expires}`;
  }
}
