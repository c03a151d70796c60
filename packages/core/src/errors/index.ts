/**
 * The cloudmux error hierarchy. Every error is a {@link CloudError} with a stable `code`.
 * @module
 */
export * from './cloud-error.js';
export * from './provider-error.js';
