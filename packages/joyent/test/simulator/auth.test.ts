import http from 'node:http';
import { createRequire } from 'node:module';
import { call, freshKey, key, type KeyKind, type Sim, startSim } from './support.js';

let s: Sim;
beforeAll(async () => {
  s = await startSim();
  s.sim.addAccount('multi', [
    { name: 'rsa', key: key('rsa').publicKey },
    { name: 'p256', key: key('p256').publicKey },
    { name: 'p384', key: key('p384').publicKey },
    { name: 'p521', key: key('p521').publicKey },
    { name: 'ed', key: key('ed25519').publicKey },
  ]);
  s.sim.addSubUser('demo', 'bob', [{ name: 'bobkey', key: key('p256').publicKey }]);
});
afterAll(() => s.close());

const INVALID = { code: 'InvalidCredentials', message: 'Invalid authorization credentials supplied' };

describe('accepted signatures', () => {
  it.each([
    ['rsa', 'rsa-sha1'],
    ['rsa', 'rsa-sha256'],
    ['rsa', 'rsa-sha384'],
    ['rsa', 'rsa-sha512'],
    ['p256', 'ecdsa-sha256'],
    ['p384', 'ecdsa-sha384'],
    ['p521', 'ecdsa-sha512'],
    ['ed25519', 'ed25519-sha512'],
  ] as Array<[KeyKind, string]>)('%s key with %s', async (kind, algorithm) => {
    const k = key(kind);
    const res = await call(s.sim.url, { path: '/multi/machines', sign: { key: k, algorithm, keyId: `/multi/keys/${k.md5}` } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
  });

  it('accepts the key name as well as the MD5 fingerprint in keyId, and `my` in the path', async () => {
    const res = await call(s.sim.url, { path: '/my/keys', sign: { key: key('ed25519'), keyId: '/demo/keys/main' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([{ name: 'main', fingerprint: key('ed25519').md5, key: key('ed25519').publicKey }]);
  });

  it('accepts node-smartdc style (headers="date" only) and no headers param at all', async () => {
    expect((await call(s.sim.url, { path: '/demo', sign: { key: key('ed25519'), headers: ['date'] } })).status).toBe(200);
    expect((await call(s.sim.url, { path: '/demo', sign: { key: key('ed25519'), headers: null } })).status).toBe(200);
  });

  it('accepts the legacy 0.9 dialect (signature after a space, raw header values)', async () => {
    const k = key('rsa');
    const res = await call(s.sim.url, {
      path: '/multi/machines',
      sign: { key: k, keyId: `/multi/keys/${k.md5}`, dialect: 'legacy', headers: null },
    });
    expect(res.status).toBe(200);
    const withLine = await call(s.sim.url, {
      path: '/multi/machines?limit=5',
      sign: { key: k, keyId: '/multi/keys/rsa', dialect: 'legacy', headers: ['request-line', 'date'] },
    });
    expect(withLine.status).toBe(200);
    expect(withLine.headers['x-query-limit']).toBe('5');
  });

  it('uses x-date when present', async () => {
    const k = key('ed25519');
    const res = await call(s.sim.url, {
      path: '/demo',
      date: null,
      headers: { 'x-date': new Date().toUTCString() },
      sign: { key: k, headers: ['(request-target)', 'x-date'] },
    });
    expect(res.status).toBe(200);
  });

  it("verifies what Joyent's reference http-signature signer produces", async () => {
    const httpSignature = createRequire(import.meta.url)('http-signature') as { signRequest(req: http.ClientRequest, o: object): boolean };
    const k = key('rsa');
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL(s.sim.url);
      const req = http.request(
        { host: url.hostname, port: url.port, path: '/multi/machines?name=x', method: 'GET', headers: { date: new Date().toUTCString() } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      httpSignature.signRequest(req, { key: k.pem, keyId: `/multi/keys/${k.md5}`, headers: ['(request-target)', 'date'] });
      req.end();
    });
    expect(status).toBe(200);
  });

  it('accepts an RBAC sub-user key when Accept-Version admits 7.2.0, and resolves `my` to the parent account', async () => {
    const k = key('p256');
    const res = await call(s.sim.url, {
      path: '/my',
      headers: { 'accept-version': '~8' },
      sign: { key: k, keyId: `/demo/users/bob/keys/${k.md5}` },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ login: 'demo' });
    const keys = await call(s.sim.url, {
      path: '/demo/users/bob/keys',
      headers: { 'accept-version': '~9||~8' },
      sign: { key: k, keyId: `/demo/users/bob/keys/${k.md5}` },
    });
    expect((keys.body as Array<{ name: string }>).map((x) => x.name)).toEqual(['bobkey']);
  });

  it('rejects a sub-user keyId below 7.2.0 as an invalid KeyId', async () => {
    const k = key('p256');
    const keyId = `/demo/users/bob/keys/${k.md5}`;
    const res = await call(s.sim.url, { path: '/demo', headers: { 'accept-version': '~7.1' }, sign: { key: k, keyId } });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ code: 'InvalidCredentials', message: `Invalid KeyId ${keyId} in authorization header` });
    expect(res.headers['api-version']).toBe('7.1.0');
  });

  it('serves GET /--ping without authentication', async () => {
    const res = await call(s.sim.url, { path: '/--ping', date: null });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ping: 'pong', cloudapi: { versions: ['7.0.0', '7.1.0', '7.2.0', '7.3.0', '8.0.0', '9.0.0'] } });
  });
});

describe('rejected requests', () => {
  it('no Authorization header: 401 InvalidCredentials', async () => {
    const res = await call(s.sim.url, { path: '/demo/machines' });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ code: 'InvalidCredentials', message: 'You must make authenticated requests to use CloudAPI' });
  });

  it('a tampered signature: 401', async () => {
    const res = await call(s.sim.url, { path: '/demo/machines', sign: { key: key('ed25519'), tamper: true } });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(INVALID);
  });

  it('a signature over another path: 401', async () => {
    const res = await call(s.sim.url, { path: '/demo/machines', sign: { key: key('ed25519'), signPath: '/demo/keys' } });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(INVALID);
  });

  it('an unknown key, account or sub-user: 401', async () => {
    const stranger = freshKey();
    for (const keyId of [`/demo/keys/${stranger.md5}`, `/nobody/keys/${stranger.md5}`, `/demo/users/eve/keys/${stranger.md5}`]) {
      const res = await call(s.sim.url, { path: '/my', sign: { key: stranger, keyId } });
      expect(res.status).toBe(401);
      expect(res.body).toEqual(INVALID);
    }
  });

  it('a missing Date: 400 InvalidHeader', async () => {
    const res = await call(s.sim.url, { path: '/demo', date: null, sign: { key: key('ed25519') } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: 'InvalidHeader', message: 'Authorization header invalid: date was not in the request' });
  });

  it('a Date that is not signed: 400 InvalidHeader', async () => {
    const res = await call(s.sim.url, { path: '/demo', sign: { key: key('ed25519'), headers: ['(request-target)'] } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: 'InvalidHeader', message: 'Authorization header invalid: date was not a signed header' });
  });

  it('a skewed Date: 400 InvalidHeader with the skew', async () => {
    const res = await call(s.sim.url, { path: '/demo', date: new Date(Date.now() - 400_000).toUTCString(), sign: { key: key('ed25519') } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'InvalidHeader',
      message: expect.stringMatching(/^Authorization header invalid: clock skew of 40\d(\.\d+)?s was greater than 300s$/),
    });
  });

  it('an unparsable header or Date: 400 InvalidHeader', async () => {
    const garbled = await call(s.sim.url, { path: '/demo', headers: { authorization: 'Signature keyId=oops' } });
    expect(garbled.status).toBe(400);
    expect(garbled.body).toMatchObject({ code: 'InvalidHeader' });
    const badDate = await call(s.sim.url, { path: '/demo', date: 'yesterday-ish', sign: { key: key('ed25519') } });
    expect(badDate.status).toBe(400);
    expect(badDate.body).toMatchObject({ code: 'InvalidHeader', message: expect.stringContaining('not a valid HTTP date') });
  });

  it('an algorithm that does not match the key type: 401', async () => {
    const k = key('p256');
    const res = await call(s.sim.url, { path: '/multi', sign: { key: k, keyId: `/multi/keys/${k.md5}`, algorithm: 'rsa-sha256' } });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(INVALID);
  });

  it('an algorithm CloudAPI does not sign with: 401; one the parser does not know: 400', async () => {
    const hmac = await call(s.sim.url, { path: '/demo', sign: { key: key('ed25519'), algorithm: 'hmac-sha256', hash: 'sha512' } });
    expect(hmac.status).toBe(401);
    expect(hmac.body).toEqual({ code: 'InvalidCredentials', message: 'HMAC-SHA256 is not a supported signing algorithm' });
    const unknown = await call(s.sim.url, { path: '/demo', sign: { key: key('ed25519'), algorithm: 'foo-sha256', hash: 'sha512' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({ code: 'InvalidHeader', message: 'Authorization header invalid: FOO type keys are not supported' });
  });

  it('a keyId of the wrong shape: 401 Invalid KeyId', async () => {
    const res = await call(s.sim.url, { path: '/demo', sign: { key: key('ed25519'), keyId: 'demo/main' } });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ code: 'InvalidCredentials', message: 'Invalid KeyId demo/main in authorization header' });
  });

  it('Basic auth: 401', async () => {
    const res = await call(s.sim.url, {
      path: '/demo',
      headers: { authorization: `Basic ${Buffer.from('demo:secret').toString('base64')}` },
    });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(INVALID);
  });

  it('another account in the path: 403 NotAuthorized', async () => {
    const res = await call(s.sim.url, { path: '/multi/machines', sign: { key: key('ed25519') } });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'NotAuthorized' });
  });

  it('honours maxClockSkewSec', async () => {
    const strict = await startSim({ maxClockSkewSec: 5 });
    try {
      const res = await call(strict.sim.url, {
        path: '/demo',
        date: new Date(Date.now() + 10_000).toUTCString(),
        sign: { key: key('ed25519') },
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ message: expect.stringMatching(/was greater than 5s$/) });
    } finally {
      await strict.close();
    }
  });
});
