import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { JoyentNodeDriver, type JoyentDriverOptions } from '../../src/index.js';
import { testKey, type TestKeyKind } from '../support/keys.js';

// The `http-signature` npm package (Joyent's reference implementation) verifies what the driver sends.
const httpSignature = createRequire(import.meta.url)('http-signature') as {
  parseRequest(
    req: http.IncomingMessage,
    options?: object,
  ): { keyId: string; algorithm: string; params: { headers: string[] }; signingString: string };
  verifySignature(parsed: object, pubkey: string): boolean;
};

interface Seen {
  keyId: string;
  algorithm: string;
  headers: string[];
  verified: boolean;
  url: string;
}

let server: http.Server;
let url: string;
let publicKey = '';
const seen: Seen[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    try {
      const parsed = httpSignature.parseRequest(req, { clockSkew: 300 });
      const verified = httpSignature.verifySignature(parsed, publicKey);
      seen.push({ keyId: parsed.keyId, algorithm: parsed.algorithm, headers: parsed.params.headers, verified, url: req.url ?? '' });
      res.writeHead(verified ? 200 : 401, { 'content-type': 'application/json', 'x-query-limit': '1000', 'x-resource-count': '0' });
      res.end(verified ? '[]' : '{"code":"InvalidCredentials","message":"bad signature"}');
    } catch (e) {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 'InvalidHeader', message: String(e) }));
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  seen.length = 0;
});

async function listWith(kind: TestKeyKind, options: JoyentDriverOptions = {}): Promise<Seen> {
  const k = testKey(kind);
  publicKey = k.publicKey;
  const d = new JoyentNodeDriver('demo', undefined, { url, privateKey: k.privatePem, useAgent: false, retry: false, ...options });
  try {
    expect(await d.listNodes({ ex: { tags: { role: 'web app' } } })).toEqual([]);
  } finally {
    d.close();
  }
  expect(seen).toHaveLength(1);
  return seen[0]!;
}

describe('signatures verified by the http-signature reference package', () => {
  it.each([
    ['rsa', {}, 'rsa-sha256'],
    ['rsa', { algorithm: 'rsa-sha512' }, 'rsa-sha512'],
    ['ecdsa-256', {}, 'ecdsa-sha256'],
    ['ecdsa-521', {}, 'ecdsa-sha512'],
    ['ed25519', {}, 'ed25519-sha512'],
  ] as const)('%s %j → %s', async (kind, options, algorithm) => {
    const s = await listWith(kind, options as JoyentDriverOptions);
    expect(s.verified).toBe(true);
    expect(s.algorithm.toLowerCase()).toBe(algorithm);
    expect(s.headers).toEqual(['(request-target)', 'date']);
    expect(s.keyId).toBe(`/demo/keys/${testKey(kind).md5}`);
    // The signed request-target includes the encoded query string.
    expect(s.url).toBe('/demo/machines?tag.role=web%20app&limit=1000&offset=0');
  });

  it('a signature made with another key does not verify', async () => {
    const k = testKey('rsa');
    publicKey = testKey('ecdsa-256').publicKey;
    const d = new JoyentNodeDriver('demo', undefined, { url, privateKey: k.privatePem, useAgent: false, retry: false });
    try {
      await expect(d.listNodes()).rejects.toThrow(/bad signature/);
    } finally {
      d.close();
    }
    expect(seen[0]!.verified).toBe(false);
  });
});
