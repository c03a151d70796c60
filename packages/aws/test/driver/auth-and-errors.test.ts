import { InvalidCredentialsError, MalformedResponseError, RateLimitError } from '@cloudmux/core/errors';
import { SimulatorServer, textReply } from '@cloudmux/core/testing';
import { Ec2NodeDriver } from '../../src/ec2/driver.js';
import { EucalyptusNodeDriver, NimbusNodeDriver } from '../../src/ec2/presets.js';
import { computeSignatureV2, stringToSignV2 } from '../../src/signing/sigv2.js';
import { CREDS, start, type Harness } from './helpers.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('authentication against the SigV4-verifying simulator', () => {
  it('signs every request so the simulator accepts it', async () => {
    h = await start();
    await h.driver.listNodes();
    expect(h.sim.calls[0]).toMatchObject({ action: 'DescribeInstances', status: 200, accessKeyId: CREDS.accessKeyId });
  });

  it('maps a wrong secret to InvalidCredentialsError (SignatureDoesNotMatch) with the request id, never leaking the secret', async () => {
    h = await start();
    const bad = new Ec2NodeDriver(CREDS.accessKeyId, 'wrong-secret-value', { endpoint: h.sim.url, retry: false });
    const err = (await bad.listNodes().catch((e: unknown) => e)) as InvalidCredentialsError;
    bad.close();
    expect(err).toBeInstanceOf(InvalidCredentialsError);
    expect(err.providerCode).toBe('SignatureDoesNotMatch');
    expect(err.requestId).toBe(h.sim.calls[0]?.requestId);
    expect(err.message).toContain('DescribeInstances');
    expect(`${err.message} ${JSON.stringify(err)}`).not.toContain('wrong-secret-value');
  });

  it('maps an unknown access key to InvalidCredentialsError (AuthFailure)', async () => {
    h = await start();
    const bad = new Ec2NodeDriver('AKIAUNKNOWN000000000', 'x', { endpoint: h.sim.url, retry: false });
    await expect(bad.listNodes()).rejects.toMatchObject({ code: 'ERR_INVALID_CREDENTIALS', providerCode: 'AuthFailure' });
    bad.close();
  });

  it('sends session tokens for temporary credentials', async () => {
    h = await start({ credentials: [{ ...CREDS, sessionToken: 'session-token-1' }] });
    const withToken = new Ec2NodeDriver(CREDS.accessKeyId, CREDS.secretAccessKey, { endpoint: h.sim.url, sessionToken: 'session-token-1' });
    expect(await withToken.listNodes()).toEqual([]);
    withToken.close();
    const without = new Ec2NodeDriver(CREDS.accessKeyId, CREDS.secretAccessKey, { endpoint: h.sim.url, retry: false });
    await expect(without.listNodes()).rejects.toThrow(InvalidCredentialsError);
    without.close();
  });

  it('scopes signatures to the region: a driver for another region is refused', async () => {
    h = await start({ region: 'eu-west-1' });
    const wrong = new Ec2NodeDriver(CREDS.accessKeyId, CREDS.secretAccessKey, { endpoint: h.sim.url, region: 'us-west-2', retry: false });
    await expect(wrong.listNodes()).rejects.toThrow(InvalidCredentialsError);
    wrong.close();
    const right = new Ec2NodeDriver(CREDS.accessKeyId, CREDS.secretAccessKey, { endpoint: h.sim.url, region: 'eu-west-1' });
    expect(await right.listNodes()).toEqual([]);
    right.close();
  });
});

describe('retries and throttling', () => {
  it('retries a throttled read and succeeds', async () => {
    h = await start();
    h.sim.injectActionFault({ action: 'DescribeInstances', kind: 'error', status: 503, code: 'RequestLimitExceeded', times: 2 });
    expect(await h.driver.listNodes()).toEqual([]);
    expect(h.sim.calls.map((c) => c.errorCode)).toEqual(['RequestLimitExceeded', 'RequestLimitExceeded', undefined]);
  });

  it('surfaces RateLimitError when throttling persists', async () => {
    h = await start({}, { retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 2 } });
    h.sim.injectActionFault({ action: 'DescribeInstances', kind: 'error', status: 503, code: 'RequestLimitExceeded', times: 5 });
    await expect(h.driver.listNodes()).rejects.toThrow(RateLimitError);
    expect(h.sim.calls).toHaveLength(2);
  });

  it('retries a throttled write (refused before it ran) but never a write that failed with a 5xx', async () => {
    h = await start();
    h.sim.injectActionFault({ action: 'CreateKeyPair', kind: 'error', status: 503, code: 'RequestLimitExceeded' });
    expect((await h.driver.createKeyPair({ name: 'k' })).name).toBe('k');
    expect(h.sim.calls.filter((c) => c.action === 'CreateKeyPair').map((c) => c.status)).toEqual([503, 200]);
    h.sim.injectActionFault({ action: 'CreateKeyPair', kind: 'error', status: 500, code: 'InternalError' });
    await expect(h.driver.createKeyPair({ name: 'k2' })).rejects.toMatchObject({ providerCode: 'InternalError', retryable: true });
    expect(h.sim.calls.filter((c) => c.action === 'CreateKeyPair')).toHaveLength(3);
  });
});

describe('malformed answers', () => {
  it('reports non-XML and unexpected XML as MalformedResponseError', async () => {
    const server = await SimulatorServer.start((req) =>
      textReply(200, req.body.toString().includes('DescribeInstances') ? '<html>proxy login</html' : '<OtherResponse/>', 'text/xml'),
    );
    try {
      const d = new Ec2NodeDriver('AKID', 'secret', { endpoint: server.url });
      await expect(d.listNodes()).rejects.toThrow(MalformedResponseError);
      await expect(d.listKeyPairs()).rejects.toThrow(/returned no <DescribeKeyPairsResponse> element/);
      d.close();
    } finally {
      await server.close();
    }
  });
});

describe('Signature Version 2 (Nimbus and older Eucalyptus defaults)', () => {
  it('sends GET query requests signed with SigV2 that a verifier accepts', async () => {
    const seen: URLSearchParams[] = [];
    const server = await SimulatorServer.start((req) => {
      const q = new URLSearchParams(req.url.search);
      seen.push(q);
      const pairs = [...q.entries()].filter(([n]) => n !== 'Signature');
      const expected = computeSignatureV2(stringToSignV2(req.method, String(req.headers.host), req.path, pairs), CREDS.secretAccessKey);
      if (q.get('Signature') !== expected)
        return textReply(
          403,
          '<Response><Errors><Error><Code>AuthFailure</Code><Message>bad v2</Message></Error></Errors><RequestID>r</RequestID></Response>',
        );
      return textReply(
        200,
        '<DescribeKeyPairsResponse><requestId>r</requestId><keySet><item><keyName>k</keyName><keyFingerprint>f</keyFingerprint></item></keySet></DescribeKeyPairsResponse>',
      );
    });
    try {
      const port = Number(new URL(server.url).port);
      const nimbus = new NimbusNodeDriver(CREDS.accessKeyId, CREDS.secretAccessKey, {
        host: '127.0.0.1',
        port,
        secure: false,
        sessionToken: 'tok',
      });
      expect((await nimbus.listKeyPairs()).map((k) => k.name)).toEqual(['k']);
      expect(seen[0]?.get('Action')).toBe('DescribeKeyPairs');
      expect(seen[0]?.get('Version')).toBe('2010-08-31');
      expect(seen[0]?.get('SignatureVersion')).toBe('2');
      expect(seen[0]?.get('SecurityToken')).toBe('tok');
      expect(server.requests[0]?.method).toBe('GET');
      nimbus.close();
      const wrong = new NimbusNodeDriver(CREDS.accessKeyId, 'not-the-secret', { host: '127.0.0.1', port, secure: false, retry: false });
      await expect(wrong.listKeyPairs()).rejects.toThrow(InvalidCredentialsError);
      wrong.close();
    } finally {
      await server.close();
    }
  });
});

describe('Eucalyptus preset against the simulator', () => {
  it('talks to /services/Eucalyptus with SigV4 when asked', async () => {
    h = await start({ paths: ['/services/Eucalyptus'], region: 'eucalyptus' });
    const port = Number(new URL(h.sim.url).port);
    const euca = new EucalyptusNodeDriver(CREDS.accessKeyId, CREDS.secretAccessKey, {
      host: '127.0.0.1',
      port,
      signatureVersion: 4,
      apiVersion: '2016-11-15',
    });
    expect(euca.endpoint).toBe(`http://127.0.0.1:${port}/services/Eucalyptus`);
    h.sim.seedInstances(2);
    const nodes = await euca.listNodes();
    expect(nodes).toHaveLength(2);
    expect(nodes[0]!.driver.providerId).toBe('eucalyptus');
    euca.close();
  });
});

describe('debug trace', () => {
  it('never writes secrets: signatures, session tokens, user data or generated private keys', async () => {
    const { mkdtemp, readFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'cloudmux-ec2-trace-'));
    const file = join(dir, 'trace.log');
    const previous = process.env.CLOUDMUX_DEBUG;
    process.env.CLOUDMUX_DEBUG = file;
    try {
      h = await start({ credentials: [{ ...CREDS, sessionToken: 'SESSIONTOKENVALUE' }] }, { sessionToken: 'SESSIONTOKENVALUE' });
      const key = await h.driver.createKeyPair({ name: 'traced' });
      await h.driver.createNode({ size: 't3.micro', image: 'ami-0c0ffee0000000a01', ex: { userData: 'password=USERDATASECRET' } });
      h.driver.close();
      const trace = await readFile(file, 'utf8');
      expect(trace).toContain('CreateKeyPair');
      expect(trace).not.toContain(CREDS.secretAccessKey);
      expect(trace).not.toContain('SESSIONTOKENVALUE');
      expect(trace).not.toContain(Buffer.from('password=USERDATASECRET').toString('base64'));
      expect(trace).not.toMatch(/Signature=[0-9a-f]{64}/);
      expect(key.privateKey).toMatch(/PRIVATE KEY/);
      expect(trace).not.toContain(key.privateKey!.split('\n')[1]!);
    } finally {
      if (previous === undefined) delete process.env.CLOUDMUX_DEBUG;
      else process.env.CLOUDMUX_DEBUG = previous;
      await rm(dir, { recursive: true, force: true });
    }
  });
});
