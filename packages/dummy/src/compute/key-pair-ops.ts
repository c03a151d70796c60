import { throwIfAborted } from '@cloudmux/core';
import type { KeyPair, NodeDriver } from '@cloudmux/core/compute';
import { AlreadyExistsError } from '@cloudmux/core/errors';
import { checkLabel } from '../common/validate.js';
import { notFound } from './errors.js';
import type { KeyPairRecord } from './records.js';
import { generateEd25519KeyPair, parseOpenSshPublicKey } from './ssh-keys.js';
import type { ComputeState } from './state.js';
import { toKeyPair } from './to-resources.js';
import type { DummyKeyPairExtra } from './types.js';

function checkNewName(state: ComputeState, name: unknown): string {
  const n = checkLabel('key pair name', name);
  if (state.keyPairs.has(n)) {
    throw new AlreadyExistsError(`Key pair "${n}" already exists`, { provider: 'dummy', status: 409, providerCode: 'KeyPairExists' });
  }
  return n;
}

/** `createKeyPair`: a fresh Ed25519 key; the result carries the OpenSSH private key. */
export function createKeyPair(state: ComputeState, driver: NodeDriver, name: string, signal?: AbortSignal): KeyPair<DummyKeyPairExtra> {
  throwIfAborted(signal);
  const n = checkNewName(state, name);
  const gen = generateEd25519KeyPair(n);
  const rec: KeyPairRecord = {
    name: n,
    publicKey: gen.publicKey,
    type: gen.parsed.type,
    bits: gen.parsed.bits,
    sha256Fingerprint: gen.parsed.sha256Fingerprint,
    md5Fingerprint: gen.parsed.md5Fingerprint,
    created: new Date(),
  };
  state.keyPairs.set(n, rec);
  return toKeyPair(rec, driver, gen.privateKey);
}

/** `importKeyPairFromString`: parses and checks the OpenSSH public key, computes its fingerprints. */
export function importKeyPair(state: ComputeState, driver: NodeDriver, name: string, publicKey: string, signal?: AbortSignal): KeyPair<DummyKeyPairExtra> {
  throwIfAborted(signal);
  const n = checkNewName(state, name);
  const parsed = parseOpenSshPublicKey(publicKey);
  const rec: KeyPairRecord = {
    name: n,
    publicKey: `${parsed.type} ${parsed.blob.toString('base64')}${parsed.comment ? ` ${parsed.comment}` : ''}`,
    type: parsed.type,
    bits: parsed.bits,
    sha256Fingerprint: parsed.sha256Fingerprint,
    md5Fingerprint: parsed.md5Fingerprint,
    created: new Date(),
  };
  state.keyPairs.set(n, rec);
  return toKeyPair(rec, driver);
}

/** `getKeyPair`: `NotFoundError` when absent. */
export function getKeyPair(state: ComputeState, driver: NodeDriver, name: string): KeyPair<DummyKeyPairExtra> {
  const rec = state.keyPairs.get(name);
  if (!rec) throw notFound('Key pair', String(name));
  return toKeyPair(rec, driver);
}

/** `deleteKeyPair`: `NotFoundError` when absent. */
export function deleteKeyPair(state: ComputeState, keyPair: KeyPair | string): boolean {
  const name = typeof keyPair === 'string' ? keyPair : keyPair?.name;
  if (typeof name !== 'string' || !state.keyPairs.delete(name)) throw notFound('Key pair', String(name));
  return true;
}
