import { inspect } from 'node:util';
import { CloudError, MalformedResponseError, ProviderError, TimeoutError } from '@cloudmux/core/errors';
import { Connection } from '@cloudmux/core/http';
import { Router, SimulatorServer, jsonReply, textReply } from '@cloudmux/core/testing';

// Issue 9, item 1: `console.error(err)` must never print what a request was signed with.
const SIGNATURE = 'SIGNATURE-SECRET-b64+/AAAABBBBCCCC==';
const AMZ_SIGNATURE = '5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7';
const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjSESSIONTOKENSECRET0001';
const SECRETS = [SIGNATURE, AMZ_SIGNATURE, SESSION_TOKEN, 'GENERATED-ROOT-PW', 'GENERATED-ADMIN-PW'];

/** Every printed form of an error and of each cause below it. */
function printed(err: unknown): string {
  const out: string[] = [];
  for (
    let e = err as { message?: unknown; stack?: unknown; cause?: unknown } | undefined, i = 0;
    e && i < 8;
    e = e.cause as typeof e, i++
  ) {
    out.push(
      String(e.message),
      String(e.stack),
      JSON.stringify(e) ?? '',
      inspect(e, { depth: 8 }),
      inspect(e, { depth: Infinity, showHidden: true }),
    );
  }
  return out.join('\n');
}

function expectNoSecrets(err: unknown): void {
  const text = printed(err);
  for (const s of SECRETS) expect(text).not.toContain(s);
}

describe('errors carry no signed request (network errors, timeouts, malformed bodies)', () => {
  let sim: SimulatorServer;
  let conn: Connection;

  beforeEach(async () => {
    const router = new Router()
      .add('GET', '/ok', () => jsonReply(200, { ok: true }))
      .add('GET', '/machine', () =>
        textReply(
          200,
          '{"id":"m1","metadata":{"credentials":{"root":"GENERATED-ROOT-PW","admin":"GENERATED-ADMIN-PW"}},"name":"web"',
          'application/json',
        ),
      );
    sim = await SimulatorServer.start(router.handle);
    conn = new Connection({
      provider: 'acme',
      baseUrl: sim.url,
      retry: false,
      timeoutMs: 200,
      signer: (req) => {
        req.headers.authorization = `Signature keyId="/demo/keys/k",algorithm="rsa-sha256",headers="date",signature="${SIGNATURE}"`;
        req.headers['x-amz-security-token'] = SESSION_TOKEN;
        req.headers['x-amz-signature-copy'] = `AWS4-HMAC-SHA256 Credential=AKIA/x, SignedHeaders=host, Signature=${AMZ_SIGNATURE}`;
      },
    });
  });

  afterEach(async () => {
    conn.close();
    await sim.close();
  });

  it('a connection reset: the cause keeps the error code, not the signed request', async () => {
    sim.injectFault({ kind: 'reset' });
    const err = await conn.request({ method: 'GET', path: '/ok' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expectNoSecrets(err);
    const cause = (err as ProviderError).cause as { code?: string; name?: string; options?: unknown; request?: unknown };
    expect(cause).toBeInstanceOf(Error);
    expect(cause.code).toBe('ECONNRESET');
    expect(cause.options).toBeUndefined();
    expect(cause.request).toBeUndefined();
    expect((err as ProviderError).method).toBe('GET');
    expect((err as ProviderError).url).toBe(`${sim.url}/ok`);
  });

  it('a timeout: TimeoutError names the phase; nothing signed in it or its cause', async () => {
    sim.injectFault({ kind: 'hang' });
    const err = await conn.request({ method: 'GET', path: '/ok' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expectNoSecrets(err);
    expect(((err as TimeoutError).cause as { code?: string }).code).toBe('ETIMEDOUT');
  });

  it('a streamed request that fails', async () => {
    sim.injectFault({ kind: 'reset' });
    const err = await conn.request({ method: 'GET', path: '/ok', responseType: 'stream' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CloudError);
    expectNoSecrets(err);
  });

  it('a malformed body: the snippet and the JSON.parse cause show no nested credentials', async () => {
    const err = await conn.request({ method: 'GET', path: '/machine' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MalformedResponseError);
    expectNoSecrets(err);
    expect((err as MalformedResponseError).snippet).toContain('"credentials":"REDACTED"');
    expect((err as MalformedResponseError).snippet).toContain('"id":"m1"');
  });

  it('MalformedResponseError redacts a snippet it is given unredacted', () => {
    const err = new MalformedResponseError('bad', '{"credentials":{"root":"GENERATED-ROOT-PW","admin":"GENERATED-ADMIN-PW"');
    expectNoSecrets(err);
  });

  it('any cloudmux error given a got-style error as cause sanitizes it', () => {
    const gotLike = Object.assign(new Error('socket hang up'), {
      code: 'ECONNRESET',
      options: { headers: { authorization: `Signature signature="${SIGNATURE}"`, 'x-amz-security-token': SESSION_TOKEN } },
      request: { headers: { 'x-amz-security-token': SESSION_TOKEN } },
    });
    const err = new ProviderError('acme: GET /x failed', { cause: gotLike });
    expectNoSecrets(err);
    expect((err.cause as { code?: string }).code).toBe('ECONNRESET');
    expect((err.cause as Error).message).toBe('socket hang up');
  });
});
