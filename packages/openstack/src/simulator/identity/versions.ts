/**
 * Keystone's version documents: `GET /identity` (300 Multiple Choices), `GET /identity/v3`, `GET /identity/v2.0`.
 * @module
 */
import { jsonReply, type Router } from '@cloudmux/core/testing';
import type { SimulatorWorld } from '../world.js';

function v3(world: SimulatorWorld): Record<string, unknown> {
  return {
    id: 'v3.14',
    status: 'stable',
    updated: '2020-04-07T00:00:00Z',
    links: [{ rel: 'self', href: `${world.identityUrl}/v3/` }],
    'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.identity-v3+json' }],
  };
}

function v2(world: SimulatorWorld): Record<string, unknown> {
  return {
    id: 'v2.0',
    status: 'deprecated',
    updated: '2016-08-04T00:00:00Z',
    links: [
      { rel: 'self', href: `${world.identityUrl}/v2.0/` },
      { rel: 'describedby', type: 'text/html', href: 'https://docs.openstack.org/' },
    ],
    'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.identity-v2.0+json' }],
  };
}

/** Adds the version documents. */
export function registerIdentityVersionRoutes(router: Router, world: SimulatorWorld): void {
  router.add('GET', '/identity', () => jsonReply(300, { versions: { values: [v3(world), v2(world)] } }));
  router.add('GET', '/identity/v3', () => jsonReply(200, { version: v3(world) }));
  router.add('GET', '/identity/v2.0', () => jsonReply(200, { version: v2(world) }));
}
