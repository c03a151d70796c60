/**
 * The Amazon S3 REST simulator (a separate loopback server).
 * @module
 */
export {
  S3Simulator,
  DEFAULT_S3_CREDENTIALS,
  type S3SimulatorOptions,
  type S3CallLogEntry,
  type S3SimulatorCredentials,
} from './s3-simulator.js';
