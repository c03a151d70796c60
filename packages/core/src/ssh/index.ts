/**
 * SSH key formats shared by drivers, simulators and deployment: the RFC 4251 wire format,
 * OpenSSH public key lines and blobs, fingerprints, and OpenSSH Ed25519 private keys.
 * @module
 */
export * from './wire.js';
export * from './public-key.js';
