import { InvalidArgumentError, requireId, requireRefId } from '@cloudmux/core';

/** A node or volume id split into its location and the id the cloud knows. */
export interface LocatedId {
  /** Location (cloud) id. */
  readonly location: string;
  /** OpenNebula VM id (digits) or PDisk UUID. */
  readonly local: string;
}

/**
 * Node and volume ids carry their location, because OpenNebula VM ids (and PDisk UUIDs) are only
 * unique per cloud: `<location>:<vmId>` (`lal:42`), `<location>:<uuid>`.
 */
export function formatId(location: string, local: string | number): string {
  return `${location}:${local}`;
}

/**
 * Parses and checks an id (or a resource's id) before any request: hostile values (empty, `/`, `..`)
 * and unknown locations are an `InvalidArgumentError` naming `method` and listing the valid locations.
 */
export function parseId(ref: unknown, argName: string, method: string, locations: readonly string[], kind: 'node' | 'volume'): LocatedId {
  const id = requireRefId(ref, argName, { method, provider: 'stratuslab', what: `${kind} id` });
  const at = id.lastIndexOf(':');
  const location = at > 0 ? id.slice(0, at) : '';
  const local = at > 0 ? id.slice(at + 1) : '';
  const shape = kind === 'node' ? /^\d{1,10}$/ : /^[A-Za-z0-9-]{1,64}$/;
  if (!locations.includes(location) || !shape.test(local)) {
    throw new InvalidArgumentError(
      `${method}: ${argName} must be a ${kind} id "<location>:<${kind === 'node' ? 'vmId' : 'uuid'}>" with a known location, got ${JSON.stringify(id)}. Valid locations: ${locations.join(', ')}`,
      { provider: 'stratuslab' },
    );
  }
  return { location, local };
}

/** Checks an image id (a Marketplace identifier) before it goes into a URL path. */
export function checkImageId(id: unknown, argName: string, method: string): string {
  return requireId(id, argName, { method, provider: 'stratuslab', what: 'image id' });
}
