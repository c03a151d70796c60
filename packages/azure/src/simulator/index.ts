/**
 * `@cloudmux/azure/simulator`: an Azure Blob service on loopback that verifies SharedKey and SAS
 * signatures, for tests and examples.
 * @module
 */
export { AzureBlobSimulator, type AzureBlobSimulatorOptions } from './blob-simulator.js';
