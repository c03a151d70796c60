import { Ec2Error, invalidValue } from '../errors.js';
import { compileFilters, parseFilters, type FilterField } from '../filters.js';
import { newId } from '../ids.js';
import { generateEc2KeyPair, importPublicKey } from '../keys.js';
import type { KeyPairRecord } from '../model.js';
import { tagSpecifications } from '../params.js';
import type { Ec2State } from '../state.js';
import type { XmlWriter } from '../xml-writer.js';
import { isoTime, type ActionContext, type ActionTable } from './context.js';

const KEY_FIELDS: Record<string, FilterField<KeyPairRecord>> = {
  'key-pair-id': (k) => k.id,
  'key-name': (k) => k.name,
  fingerprint: (k) => k.fingerprint,
  'key-type': (k) => k.type,
};

function checkNewName(state: Ec2State, name: string): void {
  if (name.length > 255 || !/^[\x20-\x7e]+$/.test(name)) throw invalidValue('KeyName', name);
  if (state.keyPairs.has(name)) throw new Ec2Error('InvalidKeyPair.Duplicate', `The keypair '${name}' already exists.`);
}

function store(ctx: ActionContext, name: string, type: KeyPairRecord['type'], fingerprint: string, publicKey: string): KeyPairRecord {
  const key: KeyPairRecord = {
    id: newId('key'),
    name,
    fingerprint,
    type,
    createTime: ctx.now,
    publicKey,
    tags: tagSpecifications(ctx.params, ['key-pair']).get('key-pair') ?? new Map(),
  };
  ctx.state.keyPairs.set(name, key);
  return key;
}

async function createKeyPair(ctx: ActionContext, w: XmlWriter): Promise<void> {
  const name = ctx.params.require('KeyName');
  const type = ctx.params.get('KeyType') ?? 'rsa';
  if (type !== 'rsa' && type !== 'ed25519') throw invalidValue('KeyType', type);
  const format = ctx.params.get('KeyFormat') ?? 'pem';
  if (format !== 'pem') throw invalidValue('KeyFormat', format, 'Only pem is supported by this simulator.');
  checkNewName(ctx.state, name);
  tagSpecifications(ctx.params, ['key-pair']);
  const generated = await generateEc2KeyPair(type, name);
  checkNewName(ctx.state, name); // a concurrent request may have taken the name meanwhile
  const key = store(ctx, name, type, generated.fingerprint, generated.publicKey);
  w.leaf('keyName', key.name).leaf('keyFingerprint', key.fingerprint).leaf('keyMaterial', generated.privateKey).leaf('keyPairId', key.id);
  w.tags(key.tags);
}

function importKeyPair(ctx: ActionContext, w: XmlWriter): void {
  const name = ctx.params.require('KeyName');
  const material = ctx.params.require('PublicKeyMaterial');
  checkNewName(ctx.state, name);
  const imported = importPublicKey(material);
  const key = store(ctx, name, imported.type, imported.fingerprint, imported.publicKey);
  w.leaf('keyName', key.name).leaf('keyFingerprint', key.fingerprint).leaf('keyPairId', key.id);
  w.tags(key.tags);
}

function describeKeyPairs(ctx: ActionContext, w: XmlWriter): void {
  const { params, state } = ctx;
  const names = params.list('KeyName');
  const ids = params.list('KeyPairId');
  const match = compileFilters(parseFilters(params), KEY_FIELDS, (k) => k.tags);
  let keys = [...state.keyPairs.values()];
  if (names.length > 0 || ids.length > 0) {
    const missing = [...names.filter((n) => !state.keyPairs.has(n)), ...ids.filter((id) => !keys.some((k) => k.id === id))];
    if (missing.length > 0) {
      throw new Ec2Error(
        'InvalidKeyPair.NotFound',
        missing.length === 1 ? `The key pair '${missing[0]}' does not exist` : `The key pairs '${missing.join(', ')}' do not exist`,
      );
    }
    keys = keys.filter((k) => names.includes(k.name) || ids.includes(k.id));
  }
  const includePublic = params.bool('IncludePublicKey') ?? false;
  w.list('keySet', keys.filter(match), (k, x) => {
    x.leaf('keyPairId', k.id).leaf('keyName', k.name).leaf('keyFingerprint', k.fingerprint).leaf('keyType', k.type);
    x.tags(k.tags);
    if (includePublic) x.leaf('publicKey', k.publicKey);
    x.leaf('createTime', isoTime(k.createTime));
  });
}

function deleteKeyPair(ctx: ActionContext, w: XmlWriter): void {
  const { params, state } = ctx;
  const id = params.get('KeyPairId');
  const name = id === undefined ? params.require('KeyName') : undefined;
  // Like AWS, deleting an unknown key *name* succeeds; an unknown key pair *id* is an error.
  const key = id !== undefined ? state.keyPairById(id) : state.keyPairs.get(name as string);
  if (key) state.keyPairs.delete(key.name);
  w.leaf('return', true);
  if (key) w.leaf('keyPairId', key.id);
}

/** Key pair actions. */
export const keyPairActions: ActionTable = {
  CreateKeyPair: createKeyPair,
  ImportKeyPair: importKeyPair,
  DescribeKeyPairs: describeKeyPairs,
  DeleteKeyPair: deleteKeyPair,
};
