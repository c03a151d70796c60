/**
 * Serializes a server for the call's microversion.
 * @module
 */
import type { NovaCall } from './handler.js';
import type { SimServer } from './model.js';
import { serverJson } from './serialize.js';

/** The server as the call's microversion shows it. */
export function serializeServer(call: NovaCall, s: SimServer): Record<string, unknown> & { links?: unknown } {
  return serverJson(s, call.store.flavors.get(s.flavorId), call.version, call.base);
}
