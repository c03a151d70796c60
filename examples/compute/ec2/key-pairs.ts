/**
 * Key pairs: has EC2 generate one (the private key is returned once), imports an existing public key,
 * lists and fetches them, and deletes both.
 */
import { generateKeyPairSync } from 'node:crypto';
import { connect } from './_connect.js';

/** An OpenSSH `ssh-ed25519` public key line for a fresh key (what `ssh-keygen -t ed25519` would give). */
function newPublicKey(): string {
  const jwk = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' });
  const field = (b: Buffer): Buffer => Buffer.concat([Buffer.from([0, 0, 0, b.length]), b]);
  const blob = Buffer.concat([field(Buffer.from('ssh-ed25519')), field(Buffer.from(jwk.x as string, 'base64url'))]);
  return `ssh-ed25519 ${blob.toString('base64')} example@cloudmux`;
}

const { driver, close } = await connect();
try {
  const stamp = Date.now();
  const generated = await driver.createKeyPair({ name: `cloudmux-generated-${stamp}` });
  console.log(`created ${generated.name} ${generated.fingerprint}; private key: ${generated.privateKey?.split('\n')[0] ?? '(none)'}`);

  const imported = await driver.importKeyPairFromString({ name: `cloudmux-imported-${stamp}`, publicKey: newPublicKey() });
  console.log(`imported ${imported.name} ${imported.fingerprint}`);

  for (const key of await driver.listKeyPairs()) console.log(`- ${key.name} (${key.extra.keyType ?? '?'})`);
  console.log('fetched:', (await driver.getKeyPair(imported.name)).name);

  await driver.deleteKeyPair(generated);
  await driver.deleteKeyPair(imported.name);
  console.log('deleted both');
} finally {
  await close();
}
