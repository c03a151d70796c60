/**
 * `@cloudmux/stratuslab/simulator`: a simulated StratusLab cloud (one-proxy + OpenNebula XML-RPC,
 * Marketplace, PDisk) for tests and examples, on `@cloudmux/core/testing`.
 * @module
 */
export { DEFAULT_USER, StratusLabSimulator } from './stratuslab-simulator.js';
export type { SimulatedImage, SimulatedUser, StratusLabSimulatorOptions } from './options.js';
export { DEFAULT_IMAGES, marketplaceId, SimState, type SimDisk, type SimImage } from './state.js';
export { SimVm } from './vm-model.js';
export { parseTemplate, TemplateSyntaxError, type ParsedTemplate } from './template-parser.js';
