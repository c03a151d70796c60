import { checkExKeys } from '@cloudmux/core';
import type { QueryValue } from '@cloudmux/core/http';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import { LIST_NODES_FILTERS, type JoyentListNodesEx } from './options.js';

/** CloudAPI's largest (and default) ListMachines page. */
export const MAX_PAGE_SIZE = 1000;

/** Builds the ListMachines / HEAD machines query from `ex` filters (tags become `tag.<k>`). */
export function listMachinesQuery(
  filters: JoyentListNodesEx | undefined,
  legacy65: boolean,
): { query: Record<string, QueryValue>; pageSize: number } {
  checkExKeys(filters, LIST_NODES_FILTERS, { method: 'listNodes', provider: 'joyent' });
  const f = filters ?? {};
  const pageSize = f.pageSize ?? MAX_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new InvalidArgumentError(`Invalid pageSize ${String(f.pageSize)}: CloudAPI pages hold 1 to ${MAX_PAGE_SIZE} machines`);
  }
  const query: Record<string, QueryValue> = {
    name: f.name,
    state: f.state,
    image: f.image,
    memory: f.memory,
    type: f.type,
    brand: f.brand,
    docker: f.docker,
    credentials: f.credentials,
  };
  if (f.tombstone !== undefined) {
    if (legacy65 && typeof f.tombstone === 'boolean') throw new InvalidArgumentError('In legacy65 mode tombstone is a number of minutes');
    query['tombstone'] = f.tombstone;
  }
  if (f.tags === '*') query['tags'] = '*';
  else if (f.tags) for (const [k, v] of Object.entries(f.tags)) query[`tag.${k}`] = String(v);
  return { query, pageSize };
}
