import { requireId, throwIfAborted } from '@cloudmux/core';
import type { KeyPair, NodeDriver } from '@cloudmux/core/compute';
import { AlreadyExistsError } from '@cloudmux/core/errors';
import { checkLabel } from '../common/validate.js';
import { notFound } from './errors.js';
import type { KeyPairRecord } from './records.js';
import { generateEd25519KeyPair, parseOpenSshPublicKey } from './ssh-keys.js';
import type { ComputeState } from './state.js';
import { toKeyPair } from './to-resources.js';
import type { DummyKeyPairExtra } from './types.js';

/** A key pair name argument, checked like every driver checks names that address a resource. */
function keyName(name: unknown, argName: string, method: string): string {
  return requireId(name, argName, { method, provider: 'dummy', what: 'key pair name' });
}

function checkNewName(state: ComputeState, name: unknown, method: string): string {
  const n = checkLabel('key pair name', keyName(name, 'name', method));
  if (state.keyPairs.has(n)) {
    throw new AlreadyExistsError(`Key pair "${n}" already exists`, { provider: 'dummy', status: 409, providerCode: 'KeyPairExists' });
  }
  return n;
}

/** `createKeyPair`: a fresh Ed25519 key; the result carries the OpenSSH private key. */
export function createKeyPair(state: ComputeState, driver: NodeDriver, name: unknown, signal?: AbortSignal): KeyPair<DummyKeyPairExtra> {
  throwIfAborted(signal);
  const n = checkNewName(state, name, 'createKeyPair');
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
export function importKeyPair(
  state: ComputeState,
  driver: NodeDriver,
  name: string,
  publicKey: string,
  signal?: AbortSignal,
): KeyPair<DummyKeyPairExtra> {
  throwIfAborted(signal);
  const n = checkNewName(state, name, 'importKeyPairFromString');
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
  const rec = state.keyPairs.get(keyName(name, 'name', 'getKeyPair'));
  if (!rec) throw notFound('Key pair', String(name));
  return toKeyPair(rec, driver);
}

/** `deleteKeyPair`: `NotFoundError` when absent. */
export function deleteKeyPair(state: ComputeState, keyPair: KeyPair | string): boolean {
  const name = keyName(typeof keyPair === 'object' && keyPair !== null ? keyPair.name : keyPair, 'keyPair', 'deleteKeyPair');
  if (!state.keyPairs.delete(name)) throw notFound('Key pair', name);
  return true;
}
