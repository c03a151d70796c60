import { generateKeyPairSync } from 'node:crypto';
import { toOpenSshPublicKey } from '@cloudmux/core/ssh';

/** A throwaway Ed25519 key pair: PKCS#8 PEM private key and OpenSSH public key line. */
export interface DemoKey {
  privatePem: string;
  publicOpenSsh: string;
}

/** Generates a fresh Ed25519 key for the demo account on the simulator. */
export function generateDemoKey(comment = 'demo@cloudmux'): DemoKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privatePem: String(privateKey.export({ type: 'pkcs8', format: 'pem' })), publicOpenSsh: toOpenSshPublicKey(publicKey, comment) };
}
