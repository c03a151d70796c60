import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from '@jest/globals';
import { KeyPair } from '@cloudmux/core/compute';
import type { ComputeContext } from './compute-context.js';
import { expectDriverRef, expectNotFound, expectRefused, uniqueName } from './harness.js';
import { publicKeyBlob } from '@cloudmux/core/ssh';
import { blobOfLine, checkPrivateKey, generateTestPublicKey, isFingerprintOf } from './ssh-keys.js';

/** A key pair made for a check, with the material its fingerprint may be computed from. */
interface Material {
  keyPair: KeyPair;
  sources: Buffer[];
}

function expectKeyPair(kp: KeyPair, name: string, ctx: ComputeContext): void {
  expect(kp).toBeInstanceOf(KeyPair);
  expect(kp.name).toBe(name);
  expect(typeof kp.fingerprint).toBe('string');
  expect(kp.fingerprint.length).toBeGreaterThan(0);
  expectDriverRef(kp, ctx.driver);
}

function track(ctx: ComputeContext, name: string): void {
  if (ctx.driver.supports('deleteKeyPair')) ctx.cleanup.push(() => ctx.driver.deleteKeyPair(name));
}

async function imported(ctx: ComputeContext, name = uniqueName('cmx-key')): Promise<Material> {
  const key = generateTestPublicKey(name);
  const keyPair = await ctx.driver.importKeyPairFromString({ name, publicKey: key.line });
  track(ctx, name);
  return { keyPair, sources: [key.blob, key.spki] };
}

async function created(ctx: ComputeContext, name = uniqueName('cmx-key')): Promise<Material & { privateKey: string }> {
  const keyPair = await ctx.driver.createKeyPair({ name });
  track(ctx, name);
  const privateKey = keyPair.privateKey;
  if (typeof privateKey !== 'string') throw new Error('createKeyPair must return the private key');
  const keys = checkPrivateKey(privateKey);
  const sources = [
    publicKeyBlob(keys.publicKey),
    keys.publicKey.export({ format: 'der', type: 'spki' }),
    keys.privateKey.export({ format: 'der', type: 'pkcs8' }),
  ];
  return { keyPair, privateKey, sources };
}

/** Some key pair, imported when the driver can, generated otherwise. */
async function anyMaterial(ctx: ComputeContext, forWhat: string): Promise<Material> {
  if (ctx.driver.supports('importKeyPairFromString')) return imported(ctx);
  if (ctx.driver.supports('createKeyPair')) return created(ctx);
  throw new Error(`The conformance check of ${forWhat} needs importKeyPairFromString or createKeyPair`);
}

/** `importKeyPairFromString`: the name, a real fingerprint of the key, the same public key; a taken name is refused. */
export async function checkImportKeyPairFromString(ctx: ComputeContext): Promise<void> {
  const name = uniqueName('cmx-key');
  const key = generateTestPublicKey(name);
  const kp = await ctx.driver.importKeyPairFromString({ name, publicKey: key.line });
  track(ctx, name);
  expectKeyPair(kp, name, ctx);
  expect(isFingerprintOf(kp.fingerprint, [key.blob, key.spki])).toBe(true);
  if (kp.publicKey !== undefined) expect(blobOfLine(kp.publicKey).equals(key.blob)).toBe(true);
  await expectRefused('importing a second key under a taken name', () =>
    ctx.driver.importKeyPairFromString({ name, publicKey: generateTestPublicKey(name).line }),
  );
  await expectRefused('importing something that is not a public key', () =>
    ctx.driver.importKeyPairFromString({ name: uniqueName('cmx-key'), publicKey: 'ssh-rsa bm90IGEga2V5 junk' }),
  );
}

/** `importKeyPairFromFile`: reads an OpenSSH public key file. */
export async function checkImportKeyPairFromFile(ctx: ComputeContext): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cmx-conf-key-'));
  try {
    const name = uniqueName('cmx-key');
    const key = generateTestPublicKey(name);
    const file = path.join(dir, 'id_rsa.pub');
    await writeFile(file, `${key.line}\n`);
    const kp = await ctx.driver.importKeyPairFromFile({ name, path: file });
    track(ctx, name);
    expectKeyPair(kp, name, ctx);
    expect(isFingerprintOf(kp.fingerprint, [key.blob, key.spki])).toBe(true);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `createKeyPair`: a usable private key (never serialized), matching the public key and fingerprint. */
export async function checkCreateKeyPair(ctx: ComputeContext): Promise<void> {
  const name = uniqueName('cmx-key');
  const m = await created(ctx, name);
  expectKeyPair(m.keyPair, name, ctx);
  expect(JSON.stringify(m.keyPair)).not.toContain(m.privateKey.trim().split('\n')[1] ?? 'never');
  expect(Object.keys(m.keyPair)).not.toContain('privateKey');
  if (m.keyPair.publicKey !== undefined) expect(blobOfLine(m.keyPair.publicKey).equals(m.sources[0]!)).toBe(true);
  expect(isFingerprintOf(m.keyPair.fingerprint, m.sources)).toBe(true);
  await expectRefused('creating a key pair under a taken name', () => ctx.driver.createKeyPair({ name }));
}

/** `listKeyPairs`: typed entries; a new key pair is listed. */
export async function checkListKeyPairs(ctx: ComputeContext): Promise<void> {
  const canMake = ctx.driver.supports('importKeyPairFromString') || ctx.driver.supports('createKeyPair');
  const m = canMake ? await anyMaterial(ctx, 'listKeyPairs') : undefined;
  const list = await ctx.driver.listKeyPairs();
  for (const kp of list) {
    expect(kp).toBeInstanceOf(KeyPair);
    expect(typeof kp.name).toBe('string');
    expect(typeof kp.fingerprint).toBe('string');
    expectDriverRef(kp, ctx.driver);
  }
  if (m) expect(list.find((k) => k.name === m.keyPair.name)?.fingerprint).toBe(m.keyPair.fingerprint);
}

/** `getKeyPair`: the same fingerprint as at creation; NotFoundError for an unknown name. */
export async function checkGetKeyPair(ctx: ComputeContext): Promise<void> {
  await expectNotFound('getKeyPair of an unknown name', () => ctx.driver.getKeyPair(uniqueName('cmx-missing')));
  const m = await anyMaterial(ctx, 'getKeyPair');
  const got = await ctx.driver.getKeyPair(m.keyPair.name);
  expectKeyPair(got, m.keyPair.name, ctx);
  expect(got.fingerprint).toBe(m.keyPair.fingerprint);
  expect(got.privateKey).toBeUndefined();
}

/** `deleteKeyPair`: resolves true; the key pair is gone. */
export async function checkDeleteKeyPair(ctx: ComputeContext): Promise<void> {
  const m = await anyMaterial(ctx, 'deleteKeyPair');
  expect(await ctx.driver.deleteKeyPair(m.keyPair)).toBe(true);
  if (ctx.driver.supports('getKeyPair'))
    await expectNotFound('getKeyPair after deleteKeyPair', () => ctx.driver.getKeyPair(m.keyPair.name));
  if (ctx.driver.supports('listKeyPairs')) expect((await ctx.driver.listKeyPairs()).map((k) => k.name)).not.toContain(m.keyPair.name);
}
