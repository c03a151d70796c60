/**
 * HTTP Signature authentication as CloudAPI performs it: parser checks (400 InvalidHeader), then
 * algorithm, keyId shape, key lookup and signature verification (401 InvalidCredentials).
 * @module
 */
import { verify as cryptoVerify } from 'node:crypto';
import type { SimulatorRequest } from '@cloudmux/core/testing';
import { CloudApiError } from './errors.js';
import type { SimAccount, SimKey, SimUser } from './model.js';
import { compareVersions } from './semver.js';
import { parseSignatureHeader, SignatureHeaderError, signingString, type ParsedSignature } from './signature.js';
import { findKey, type SimStore } from './store.js';

/** Who made an authenticated request. */
export interface Caller {
  account: SimAccount;
  user?: SimUser | undefined;
  key: SimKey;
  keyId: string;
  /** Client address. */
  ip: string;
}

/** Algorithms CloudAPI accepts (lib/auth.js SIGN_ALGOS). */
export const SIGN_ALGOS = [
  'rsa-sha1',
  'rsa-sha256',
  'rsa-sha384',
  'rsa-sha512',
  'dsa-sha1',
  'dsa-sha256',
  'ecdsa-sha256',
  'ecdsa-sha384',
  'ecdsa-sha512',
  'ed25519-sha512',
];
const PARSER_KEY_TYPES = ['rsa', 'dsa', 'ecdsa', 'ed25519', 'hmac'];
const PARSER_HASHES = ['sha1', 'sha256', 'sha384', 'sha512'];

const INVALID_CREDENTIALS = 'Invalid authorization credentials supplied';

function invalidHeader(message: string): never {
  throw new CloudApiError('InvalidHeader', `Authorization header invalid: ${message}`);
}

function header(req: SimulatorRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

/** Parser stage: header syntax, signing string, Date presence/skew/signed, algorithm syntax. */
function parse(req: SimulatorRequest, auth: string, maxSkewSec: number): { parsed: ParsedSignature; text: string } {
  let parsed: ParsedSignature;
  let text: string;
  try {
    parsed = parseSignatureHeader(auth, req.headers);
    text = signingString(parsed, { method: req.method, rawPath: req.rawPath, httpVersion: req.raw.httpVersion, headers: req.headers });
  } catch (err) {
    if (err instanceof SignatureHeaderError) invalidHeader(err.message);
    throw err;
  }
  const dateHeader = req.headers['x-date'] !== undefined ? 'x-date' : 'date';
  const date = header(req, dateHeader);
  if (date !== undefined) {
    const at = Date.parse(date);
    if (Number.isNaN(at)) invalidHeader(`${dateHeader} header "${date}" is not a valid HTTP date`);
    const skew = Math.abs(Date.now() - at);
    if (skew > maxSkewSec * 1000) invalidHeader(`clock skew of ${skew / 1000}s was greater than ${maxSkewSec}s`);
  }
  if (!parsed.headers.includes(dateHeader)) invalidHeader(`${dateHeader} was not a signed header`);
  const [type, hash, ...more] = parsed.algorithm.split('-');
  if (more.length > 0 || !type || !hash) invalidHeader(`${parsed.algorithm.toUpperCase()} is not a supported algorithm`);
  if (!PARSER_KEY_TYPES.includes(type)) invalidHeader(`${type.toUpperCase()} type keys are not supported`);
  if (!PARSER_HASHES.includes(hash)) invalidHeader(`${hash.toUpperCase()} is not a supported hash algorithm`);
  return { parsed, text };
}

/** Resolves the keyId to an account (and sub-user) and key; 401 when anything is unknown. */
function resolveKey(store: SimStore, keyId: string, apiVersion: string): { account: SimAccount; user?: SimUser; key: SimKey } {
  const parts = keyId.split('/');
  const badKeyId = (): never => {
    throw new CloudApiError('InvalidCredentials', `Invalid KeyId ${keyId} in authorization header`);
  };
  const unknown = (): never => {
    throw new CloudApiError('InvalidCredentials', INVALID_CREDENTIALS);
  };
  if (parts[0] !== '') badKeyId();
  if (parts.length === 4 && parts[2] === 'keys') {
    const account = store.accounts.get(parts[1]!) ?? unknown();
    const key = findKey(account.keys, parts[3]!) ?? unknown();
    return { account, key };
  }
  if (parts.length === 6 && parts[2] === 'users' && parts[4] === 'keys') {
    if (compareVersions(apiVersion, '7.2.0') < 0) badKeyId();
    const account = store.accounts.get(parts[1]!) ?? unknown();
    const user = account.users.get(parts[3]!) ?? unknown();
    const key = findKey(user.keys, parts[5]!) ?? unknown();
    return { account, user, key };
  }
  return badKeyId();
}

/**
 * Verifies the signature with node:crypto (PKCS#1 v1.5 for RSA, DER for ECDSA/DSA, raw Ed25519);
 * the algorithm's key type must match the key's.
 */
function verify(key: SimKey, algorithm: string, text: string, signature: string): boolean {
  const [type, hash] = algorithm.split('-') as [string, string];
  if (type !== key.parsed.type) return false;
  try {
    return cryptoVerify(type === 'ed25519' ? null : hash, Buffer.from(text, 'utf8'), key.publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** Authenticates `req` or throws the CloudAPI error reply. `apiVersion` is the negotiated route version. */
export function authenticate(req: SimulatorRequest, store: SimStore, apiVersion: string): Caller {
  const auth = header(req, 'authorization');
  if (auth === undefined || auth.trim() === '') {
    throw new CloudApiError('InvalidCredentials', 'You must make authenticated requests to use CloudAPI');
  }
  const scheme = auth.trim().split(/\s+/, 1)[0]!.toLowerCase();
  if (scheme === 'basic') throw new CloudApiError('InvalidCredentials', INVALID_CREDENTIALS);
  const { parsed, text } = parse(req, auth.trim(), store.settings.maxClockSkewSec);
  if (!SIGN_ALGOS.includes(parsed.algorithm)) {
    throw new CloudApiError('InvalidCredentials', `${parsed.algorithm.toUpperCase()} is not a supported signing algorithm`);
  }
  const { account, user, key } = resolveKey(store, parsed.keyId, apiVersion);
  if (!verify(key, parsed.algorithm, text, parsed.signature)) {
    throw new CloudApiError('InvalidCredentials', INVALID_CREDENTIALS);
  }
  return { account, user, key, keyId: parsed.keyId, ip: req.raw.socket.remoteAddress ?? '127.0.0.1' };
}
