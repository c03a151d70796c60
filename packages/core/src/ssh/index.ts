/**
 * SSH key formats shared by drivers, simulators and deployment: the RFC 4251 wire format,
 * OpenSSH public key lines and blobs, fingerprints, and OpenSSH Ed25519 private keys.
 * @module
 */
export { sshMpint, SshReader, sshString } from './wire.js';
export {
  type DecodedPublicKey,
  decodePublicKeyBlob,
  ed25519OpenSshPrivateKey,
  md5Fingerprint,
  publicKeyBlob,
  sha256Fingerprint,
  SSH_PUBLIC_KEY_TYPES,
  toOpenSshPublicKey,
} from './public-key.js';
