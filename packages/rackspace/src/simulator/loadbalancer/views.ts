/**
 * JSON views of simulated balancers: the detail view (`GET /loadbalancers/{id}`), the list view, nodes.
 * @module
 */
import type { ClbSimBalancer, ClbSimNode } from './store.js';

/** A node as the API shows it. */
export function nodeView(n: ClbSimNode): Record<string, unknown> {
  return { id: n.id, address: n.address, port: n.port, condition: n.condition, status: n.status, weight: n.weight, type: n.type };
}

/** The list view: the limited attribute set of `GET /loadbalancers`. */
export function listView(b: ClbSimBalancer): Record<string, unknown> {
  return {
    name: b.name,
    id: b.id,
    protocol: b.protocol,
    port: b.port,
    algorithm: b.algorithm,
    status: b.status,
    nodeCount: b.nodes.length,
    timeout: b.timeout,
    virtualIps: b.virtualIps.map((v) => ({ ...v })),
    created: { time: b.created },
    updated: { time: b.updated },
  };
}

/** The detail view. */
export function detailView(b: ClbSimBalancer): Record<string, unknown> {
  return {
    id: b.id,
    name: b.name,
    protocol: b.protocol,
    port: b.port,
    algorithm: b.algorithm,
    status: b.status,
    timeout: b.timeout,
    halfClosed: b.halfClosed,
    httpsRedirect: b.httpsRedirect,
    virtualIps: b.virtualIps.map((v) => ({ ...v })),
    ...(b.nodes.length > 0 ? { nodes: b.nodes.map(nodeView) } : {}),
    ...(b.sessionPersistence !== undefined ? { sessionPersistence: { persistenceType: b.sessionPersistence } } : {}),
    ...(b.connectionThrottle !== undefined ? { connectionThrottle: { ...b.connectionThrottle } } : {}),
    ...(b.healthMonitor !== undefined ? { healthMonitor: { ...b.healthMonitor } } : {}),
    cluster: { name: 'ztm-n01.dfw1.lbaas.rackspace.net' },
    created: { time: b.created },
    updated: { time: b.updated },
    sourceAddresses: { ipv6Public: '2001:db8:4801:7901::1/64', ipv4Servicenet: '10.183.252.1', ipv4Public: '192.0.2.201' },
    connectionLogging: { enabled: b.connectionLogging },
    contentCaching: { enabled: false },
  };
}
