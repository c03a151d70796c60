/** OpenSSH-style SHA256 fingerprint of a public key blob: `SHA256:` + unpadded base64. */
export { sha256Fingerprint } from '@cloudmux/core/ssh';

/** Normalizes a fingerprint the user typed (`SHA256:abc=`, `sha256:abc`) for comparison. */
export function normalizeFingerprint(fp: string): string {
  const trimmed = fp.trim();
  const m = /^sha256:(.*)$/i.exec(trimmed);
  return `SHA256:${(m ? m[1]! : trimmed).replace(/=+$/, '')}`;
}

/** Reads the key type (`ssh-ed25519`, `ssh-rsa`, `ecdsa-sha2-nistp256`...) from a public key blob. */
export function keyTypeOfBlob(keyBlob: Buffer): string {
  if (keyBlob.length < 4) return 'unknown';
  const len = keyBlob.readUInt32BE(0);
  if (len > keyBlob.length - 4 || len > 64) return 'unknown';
  return keyBlob.subarray(4, 4 + len).toString('latin1');
}
