/**
 * Elastic Load Balancing simulator exports (classic and v2 on one endpoint).
 * @module
 */
export { ElbSimulator, type ElbActionFault } from './elb-simulator.js';
export type { ElbSimulatorOptions, ElbSimulatorSubnet } from './model.js';
export { ElbError, elbErrorBody, elbNamespace } from './errors.js';
