import { requireId, requireRefId } from '@cloudmux/core';

/**
 * Checks of every id, name and key the CloudAPI driver puts in a URL path, made before any request
 * with the core helper (`requireId`): an empty key would turn `DELETE …/tags/<key>` into "delete every
 * tag", an empty id `GET …/machines/<id>` into a listing.
 */

/** The id of a machine argument (a `Node` or its id), checked. */
export function machineId(node: unknown, method: string, argName = 'node'): string {
  return requireRefId(node, argName, { method, provider: 'joyent', what: 'machine id' });
}

/** A path segment argument (`key`, `name`, `id`…), checked. */
export function segment(value: unknown, argName: string, method: string, what: string): string {
  return requireId(value, argName, { method, provider: 'joyent', what });
}
