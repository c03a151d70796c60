/**
 * Simulator kit: a loopback HTTP server with fault injection and a request log, a small router,
 * and reply helpers. Provider simulators (`@cloudmux/<provider>/simulator`) are built on it.
 * @module
 */
export type * from './types.js';
export { SimulatorServer, type SimulatorServerOptions } from './simulator-server.js';
export { Router, type RouteHandler, type RouterOptions } from './router.js';
export { jsonReply, textReply, parseJsonBody, SimulatorHttpError, InvalidJsonBodyError } from './reply.js';
export { faultMatches } from './faults.js';
export { runSimulatorCommand } from './command.js';
export { joinedOnFirstRead } from './joined-parts.js';
