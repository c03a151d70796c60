import type { QueryValue } from './types.js';

/** Encodes query parameters: arrays repeat the key, `undefined` is skipped, booleans and numbers are stringified. */
export function encodeQuery(query: Readonly<Record<string, QueryValue>>): string {
  let out = '';
  for (const key in query) {
    const value = query[key];
    if (value === undefined) continue;
    const k = encodeURIComponent(key);
    if (typeof value === 'object') {
      for (const v of value) out += `${out ? '&' : ''}${k}=${encodeURIComponent(v)}`;
    } else {
      out += `${out ? '&' : ''}${k}=${encodeURIComponent(String(value))}`;
    }
  }
  return out;
}

/**
 * Joins a base URL (no trailing slash) and a request path, appending the query.
 * A path that is already an absolute `http(s)://` URL is used as is.
 */
export function joinUrl(base: string, path: string, query: Readonly<Record<string, QueryValue>> | undefined): string {
  let url: string;
  if (path.startsWith('http://') || path.startsWith('https://')) url = path;
  else if (path === '') url = base;
  else url = path.charCodeAt(0) === 47 /* / */ ? base + path : `${base}/${path}`;
  if (query !== undefined) {
    const qs = encodeQuery(query);
    if (qs !== '') url += (url.includes('?') ? '&' : '?') + qs;
  }
  return url;
}
