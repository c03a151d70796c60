import { generateKeyPairSync, sign } from 'node:crypto';
import http from 'node:http';
import sshpk from 'sshpk';
import { CloudApiSimulator, type CloudApiSimulatorOptions } from '../../src/simulator/index.js';

/** Key kinds used by the simulator tests. */
export type KeyKind = 'rsa' | 'p256' | 'p384' | 'p521' | 'ed25519';

/** A generated key pair. */
export interface Key {
  kind: KeyKind;
  private: sshpk.PrivateKey;
  /** PKCS#8 PEM as node:crypto generated it. */
  pem: string;
  /** OpenSSH public key line. */
  publicKey: string;
  /** MD5 colon hex. */
  md5: string;
  /** The algorithm a client would pick. */
  algorithm: string;
}

const cache = new Map<KeyKind, Key>();
const CURVES: Record<string, string> = { p256: 'prime256v1', p384: 'secp384r1', p521: 'secp521r1' };
const ALGORITHMS: Record<KeyKind, string> = {
  rsa: 'rsa-sha256',
  p256: 'ecdsa-sha256',
  p384: 'ecdsa-sha384',
  p521: 'ecdsa-sha512',
  ed25519: 'ed25519-sha512',
};

/** A key of `kind` (generated once per test file). */
export function key(kind: KeyKind): Key {
  const hit = cache.get(kind);
  if (hit) return hit;
  const pair =
    kind === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : kind === 'ed25519'
        ? generateKeyPairSync('ed25519')
        : generateKeyPairSync('ec', { namedCurve: CURVES[kind]! });
  const pem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const priv = sshpk.parsePrivateKey(pem, 'pem');
  const k: Key = {
    kind,
    private: priv,
    pem,
    publicKey: `${priv.toPublic().toString('ssh')} ${kind}@test`,
    md5: priv.fingerprint('md5').toString('hex'),
    algorithm: ALGORITHMS[kind],
  };
  cache.set(kind, k);
  return k;
}

/** A fresh key that is never cached (for "unknown key" cases). */
export function freshKey(): Key {
  const pair = generateKeyPairSync('ed25519', {
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const priv = sshpk.parsePrivateKey(pair.privateKey, 'pem');
  return {
    kind: 'ed25519',
    private: priv,
    pem: pair.privateKey,
    publicKey: priv.toPublic().toString('ssh'),
    md5: priv.fingerprint('md5').toString('hex'),
    algorithm: 'ed25519-sha512',
  };
}

/** How to sign a request. */
export interface SignOptions {
  key: Key;
  /** Default `/demo/keys/<md5>`. */
  keyId?: string;
  /** Default the key's natural algorithm. */
  algorithm?: string;
  /** Default `modern`. */
  dialect?: 'modern' | 'legacy';
  /** Signed header names; default `['(request-target)', 'date']` (modern) or `['date']` (legacy). `null` omits the param. */
  headers?: string[] | null;
  /** Hash used to sign (default from the algorithm). */
  hash?: string;
  /** Alter the signature after signing. */
  tamper?: boolean;
  /** Sign this path instead of the real one. */
  signPath?: string;
}

/** One request. */
export interface CallOptions {
  method?: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Date header value (default now); `null` sends none. */
  date?: string | null;
  sign?: SignOptions;
}

/** A response with the JSON body parsed when possible. */
export interface CallResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  body: unknown;
}

/** Builds the Authorization header for `method path` with `headers`. */
export function signatureHeader(method: string, path: string, headers: Record<string, string>, o: SignOptions): string {
  const dialect = o.dialect ?? 'modern';
  const names = o.headers === null ? ['date'] : (o.headers ?? (dialect === 'modern' ? ['(request-target)', 'date'] : ['date']));
  const lines = names.map((h) => {
    if (h === '(request-target)') return `(request-target): ${method.toLowerCase()} ${o.signPath ?? path}`;
    if (h === 'request-line') return `${method} ${o.signPath ?? path} HTTP/1.1`;
    const v = headers[h] ?? '';
    return dialect === 'modern' ? `${h}: ${v}` : v;
  });
  const algorithm = o.algorithm ?? o.key.algorithm;
  const hash = o.hash ?? algorithm.split('-')[1] ?? 'sha256';
  // node:crypto signs (PKCS#1 v1.5 for RSA, DER for ECDSA, raw for Ed25519); the simulator verifies with sshpk.
  let sig = sign(o.key.kind === 'ed25519' ? null : hash, Buffer.from(lines.join('\n')), o.key.pem).toString('base64');
  if (o.tamper) sig = `${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`;
  const keyId = o.keyId ?? `/demo/keys/${o.key.md5}`;
  const headersParam = o.headers === null ? '' : `,headers="${names.join(' ')}"`;
  return dialect === 'modern'
    ? `Signature keyId="${keyId}",algorithm="${algorithm}"${headersParam},signature="${sig}"`
    : `Signature keyId="${keyId}",algorithm="${algorithm}"${headersParam} ${sig}`;
}

/** Sends a request to `baseUrl` (signed when `sign` is given). */
export function call(baseUrl: string, o: CallOptions): Promise<CallResult> {
  const method = o.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', ...o.headers };
  if (o.date !== null) headers['date'] = o.date ?? new Date().toUTCString();
  let payload: Buffer | undefined;
  if (o.body !== undefined) {
    payload = Buffer.from(typeof o.body === 'string' ? o.body : JSON.stringify(o.body));
    headers['content-type'] ??= 'application/json';
    headers['content-length'] = String(payload.length);
  }
  if (o.sign) headers['authorization'] = signatureHeader(method, o.path, headers, o.sign);
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path: o.path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = text === '' ? undefined : JSON.parse(text);
        } catch {
          /* keep text */
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** A simulator with account `demo` (Ed25519 key `main`) and a signed-call helper. */
export interface Sim {
  sim: CloudApiSimulator;
  /** Signed call as `demo` with the ed25519 key. */
  api(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<CallResult>;
  close(): Promise<void>;
}

/** Starts a simulator with quick transitions. */
export async function startSim(options: CloudApiSimulatorOptions = {}): Promise<Sim> {
  const k = key('ed25519');
  const sim = await CloudApiSimulator.start({
    accounts: [{ login: 'demo', keys: [{ name: 'main', key: k.publicKey }] }],
    provisionDelayMs: 20,
    stopDelayMs: 20,
    startDelayMs: 20,
    deleteDelayMs: 20,
    ...options,
  });
  return {
    sim,
    api: (method, path, body, headers) => call(sim.url, { method, path, body, headers, sign: { key: k } }),
    close: () => sim.close(),
  };
}

/** Polls `fn` until `check` passes (or throws after `timeoutMs`). */
export async function until<T>(fn: () => Promise<T>, check: (v: T) => boolean, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (check(v)) return v;
    if (Date.now() > end) throw new Error(`condition not met in ${timeoutMs} ms; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
