/**
 * Glance routes of the OpenStack simulator, under `/image` (version document) and `/image/v2`.
 * @module
 */
import { SimulatorHttpError, jsonReply, type Router, type SimulatorReply, type SimulatorRequest } from '@cloudmux/core/testing';
import type { ProjectToken, SimulatorWorld } from '../world.js';
import { glanceHandlers } from './routes.js';

export { ImageStore, imageStore, type SimImage } from './store.js';

/** Adds every Glance route and creates the image store. */
export function registerImageRoutes(router: Router, world: SimulatorWorld): void {
  const h = glanceHandlers(world);
  const versions = (status: number) => (): SimulatorReply =>
    jsonReply(status, {
      versions: ['2.17', '2.16', '2.15', '2.9', '2.0'].map((v, i) => ({
        id: `v${v}`,
        status: i === 0 ? 'CURRENT' : 'SUPPORTED',
        links: [{ rel: 'self', href: `${world.url}/image/v2/` }],
      })),
    });
  router.add('GET', '/image', versions(300));
  router.add('GET', '/image/versions', versions(200));
  const authed =
    (fn: (req: SimulatorRequest, token: ProjectToken, id: string) => SimulatorReply) =>
    (req: SimulatorRequest, params: Record<string, string>): SimulatorReply => {
      const requestId = world.requestId();
      let reply: SimulatorReply;
      try {
        reply = fn(req, world.authenticate(req), params.id ?? '');
      } catch (err) {
        if (!(err instanceof SimulatorHttpError)) throw err;
        reply = err.reply;
      }
      return { ...reply, headers: { ...reply.headers, 'x-openstack-request-id': requestId } };
    };
  router.add(
    'GET',
    '/image/v2/images',
    authed((req, token) => h.list(req, token)),
  );
  router.add('GET', '/image/v2/images/:id', authed(h.get));
  router.add('DELETE', '/image/v2/images/:id', authed(h.remove));
  router.add('PATCH', '/image/v2/images/:id', authed(h.patch));
}
