import http from 'node:http';
import https from 'node:https';

/**
 * got's `request` option: calls `http.request`/`https.request` with got's native options minus
 * the keys got leaves `undefined` (about 20 of its 35, mostly TLS knobs). Node's agent and
 * `ClientRequest` each copy the options object again, so dropping the empty keys saves work
 * on every request. The meaning is unchanged: Node treats a missing key like an undefined one.
 */
export function nativeRequest(
  url: URL,
  options: http.RequestOptions & https.RequestOptions,
  callback?: (res: http.IncomingMessage) => void,
): http.ClientRequest {
  const lean: Record<string, unknown> = {};
  for (const key in options) {
    const value = (options as Record<string, unknown>)[key];
    if (value !== undefined) lean[key] = value;
  }
  return url.protocol === 'https:' ? https.request(url, lean, callback) : http.request(url, lean, callback);
}
