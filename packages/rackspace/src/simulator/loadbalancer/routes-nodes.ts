/**
 * Node routes of the simulated Cloud Load Balancers API (`/loadbalancers/{id}/nodes`).
 * @module
 */
import { jsonReply, type Router } from '@cloudmux/core/testing';
import type { SimulatorWorld } from '@cloudmux/openstack/simulator';
import { CLB_PREFIX, balancerOf } from './routes-balancers.js';
import { accepted, arrayBody, authorize, clbFail, invalid, objectBody } from './faults.js';
import { requireActive, startUpdate } from './lifecycle.js';
import { clbStore, type ClbSimBalancer, type ClbSimNode } from './store.js';
import { nodeErrors, nodeUpdateErrors } from './validate.js';
import { nodeView } from './views.js';

function nodeOf(b: ClbSimBalancer, nodeId: string): ClbSimNode {
  const n = /^\d+$/.test(nodeId) ? b.nodes.find((x) => x.id === Number(nodeId)) : undefined;
  if (!n) clbFail(404, 'Node not found');
  return n;
}

/** Adds the node routes. */
export function registerNodeRoutes(router: Router, world: SimulatorWorld): void {
  const store = clbStore(world);
  const base = `${CLB_PREFIX}/loadbalancers/:id/nodes`;

  router.add('GET', base, (req, p) => {
    authorize(world, req, p.account!);
    return jsonReply(200, { nodes: balancerOf(world, p.account!, p.id!).nodes.map(nodeView) });
  });

  router.add('POST', base, (req, p) => {
    authorize(world, req, p.account!);
    const b = balancerOf(world, p.account!, p.id!);
    requireActive(b);
    const nodes = arrayBody(req, 'nodes');
    const errors = nodeErrors(nodes, b.nodes);
    if (errors.length > 0) invalid(errors);
    const added = nodes.map((n) => {
      const o = n as Record<string, unknown>;
      return {
        id: store.nodeId(),
        address: o.address as string,
        port: o.port as number,
        condition: (o.condition as string | undefined) ?? 'ENABLED',
        status: 'ONLINE',
        weight: (o.weight as number | undefined) ?? 1,
        type: (o.type as string | undefined) ?? 'PRIMARY',
      };
    });
    b.nodes.push(...added);
    startUpdate(world, b);
    return accepted({ nodes: added.map(nodeView) });
  });

  router.add('GET', `${base}/:nodeId`, (req, p) => {
    authorize(world, req, p.account!);
    return jsonReply(200, { node: nodeView(nodeOf(balancerOf(world, p.account!, p.id!), p.nodeId!)) });
  });

  router.add('PUT', `${base}/:nodeId`, (req, p) => {
    authorize(world, req, p.account!);
    const b = balancerOf(world, p.account!, p.id!);
    const n = nodeOf(b, p.nodeId!);
    requireActive(b);
    const body = objectBody(req, 'node');
    const errors = nodeUpdateErrors(body);
    if (errors.length > 0) invalid(errors);
    if (body.condition !== undefined) n.condition = body.condition as string;
    if (body.weight !== undefined) n.weight = body.weight as number;
    if (body.type !== undefined) n.type = body.type as string;
    startUpdate(world, b);
    return accepted();
  });

  router.add('DELETE', `${base}/:nodeId`, (req, p) => {
    authorize(world, req, p.account!);
    const b = balancerOf(world, p.account!, p.id!);
    const n = nodeOf(b, p.nodeId!);
    requireActive(b);
    b.nodes = b.nodes.filter((x) => x !== n);
    startUpdate(world, b);
    return accepted();
  });
}
