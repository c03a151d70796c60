import { generateKeyPairSync } from 'node:crypto';

/** A throwaway Ed25519 key pair: PKCS#8 PEM private key and OpenSSH public key line. */
export interface DemoKey {
  privatePem: string;
  publicOpenSsh: string;
}

/** Generates a fresh Ed25519 key for the demo account on the simulator. */
export function generateDemoKey(comment = 'demo@cloudmux'): DemoKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(String(publicKey.export({ format: 'jwk' }).x), 'base64url');
  const field = (b: Buffer): Buffer => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(b.length);
    return Buffer.concat([len, b]);
  };
  const blob = Buffer.concat([field(Buffer.from('ssh-ed25519')), field(raw)]);
  return {
    privatePem: String(privateKey.export({ type: 'pkcs8', format: 'pem' })),
    publicOpenSsh: `ssh-ed25519 ${blob.toString('base64')} ${comment}`,
  };
}
