import { readdirSync, readFileSync } from 'node:fs';
import { SignatureV4 } from '@smithy/signature-v4';
import { createHmac } from 'node:crypto';
import { canonicalRequestV4, computeSignatureV4, deriveSigningKeyV4, formatAmzDate, stringToSignV4 } from '../../src/signing/sigv4.js';
import { DEFAULT_CREDENTIALS, type Ec2Simulator } from '../../src/simulator/index.js';
import { Sha256 } from '../../src/simulator/sigv4-verifier.js';
import { Ec2TestClient, startSimulator } from './helpers.js';

/**
 * The simulator checks SigV4 with `@smithy/signature-v4` (the AWS SDK's signer), not with the
 * driver's `src/signing/sigv4.ts`: a signer bug on the driver side must fail here, and a request
 * signed by the reference implementation must pass.
 */
describe('Ec2Simulator verifies SigV4 independently of the driver signer', () => {
  let sim: Ec2Simulator;
  let client: Ec2TestClient;
  const smithy = (region = 'us-east-1'): SignatureV4 =>
    new SignatureV4({
      credentials: { accessKeyId: DEFAULT_CREDENTIALS.accessKeyId, secretAccessKey: DEFAULT_CREDENTIALS.secretAccessKey },
      region,
      service: 'ec2',
      sha256: Sha256,
    });

  beforeAll(async () => {
    ({ sim, client } = await startSimulator());
  });
  afterAll(() => sim.close());

  it('imports nothing from the driver SigV4 signer', () => {
    const dir = new URL('../../src/simulator/', import.meta.url);
    const offenders = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .filter((f) => /from '(\.\.\/)+signing\/sigv4\.js'/.test(readFileSync(new URL(f, dir), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('rejects a signed header changed after signing (content-type, x-amz-date) with 403 SignatureDoesNotMatch', async () => {
    const ct = await client.fail(
      'DescribeRegions',
      {},
      { tamper: (req) => ({ ...req, headers: { ...req.headers, 'content-type': 'application/x-www-form-urlencoded' } }) },
    );
    expect(ct).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    const later = formatAmzDate(new Date(Date.now() + 1000));
    const date = await client.fail(
      'DescribeRegions',
      {},
      { tamper: (req) => ({ ...req, headers: { ...req.headers, 'x-amz-date': later } }) },
    );
    expect(date).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
  });

  it('rejects a signature over a wrongly canonicalised request (space signed as `+`, sent as `%20`)', async () => {
    // The classic signer bug: form-encoding the query when signing (`+`) but sending RFC 3986 (`%20`).
    const sent = new URL(`${sim.url}/?Action=DescribeKeyPairs&Version=2016-11-15&KeyName.1=a%20b`);
    const signedAs = new URL(`${sim.url}/?Action=DescribeKeyPairs&Version=2016-11-15&KeyName.1=a+b`);
    const amzDate = formatAmzDate(new Date());
    const sign = (url: URL): string =>
      computeSignatureV4(
        { method: 'GET', url, headers: { host: url.host, 'x-amz-date': amzDate }, body: undefined },
        DEFAULT_CREDENTIALS.secretAccessKey,
        {
          region: 'us-east-1',
          service: 'ec2',
          amzDate,
          signedHeaders: ['host', 'x-amz-date'],
        },
      );
    const send = (signature: string): Promise<Response> =>
      fetch(sent, {
        headers: {
          'x-amz-date': amzDate,
          authorization: `AWS4-HMAC-SHA256 Credential=${DEFAULT_CREDENTIALS.accessKeyId}/${amzDate.slice(0, 8)}/us-east-1/ec2/aws4_request, SignedHeaders=host;x-amz-date, Signature=${signature}`,
        },
      });
    const bad = await send(sign(signedAs));
    expect(bad.status).toBe(403);
    expect(await bad.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    // The same request signed over what is actually sent is accepted.
    const good = await send(sign(sent));
    expect(good.status).toBe(400);
    expect(await good.text()).toContain('<Code>InvalidKeyPair.NotFound</Code>');
  });

  it('rejects a signer that leaves the canonical query unsorted (a bug the driver code would share with itself)', async () => {
    const url = new URL(`${sim.url}/?Version=2016-11-15&Action=DescribeRegions`);
    const amzDate = formatAmzDate(new Date());
    const req = { method: 'GET', url, headers: { host: url.host, 'x-amz-date': amzDate }, body: undefined };
    const signedHeaders = ['host', 'x-amz-date'];
    const canonical = canonicalRequestV4(req, 'ec2', signedHeaders).split('\n');
    const signWith = (lines: string[]): string =>
      createHmac('sha256', deriveSigningKeyV4(DEFAULT_CREDENTIALS.secretAccessKey, amzDate.slice(0, 8), 'us-east-1', 'ec2'))
        .update(stringToSignV4(lines.join('\n'), amzDate, 'us-east-1', 'ec2'))
        .digest('hex');
    const send = (signature: string): Promise<Response> =>
      fetch(url, {
        headers: {
          'x-amz-date': amzDate,
          authorization: `AWS4-HMAC-SHA256 Credential=${DEFAULT_CREDENTIALS.accessKeyId}/${amzDate.slice(0, 8)}/us-east-1/ec2/aws4_request, SignedHeaders=host;x-amz-date, Signature=${signature}`,
        },
      });
    const buggy = [...canonical];
    buggy[2] = 'Version=2016-11-15&Action=DescribeRegions';
    expect((await send(signWith(buggy))).status).toBe(403);
    expect((await send(signWith(canonical))).status).toBe(200);
  });

  it('accepts a request signed by @smithy/signature-v4 (header signing)', async () => {
    const url = new URL(sim.url);
    const body = 'Action=DescribeRegions&Version=2016-11-15';
    const signed = await smithy().sign({
      method: 'POST',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: '/',
      query: {},
      headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body,
    });
    const res = await fetch(`${sim.url}/`, { method: 'POST', headers: signed.headers, body });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<regionName>us-east-1</regionName>');
  });

  it('accepts a URL presigned by @smithy/signature-v4 and rejects it for another region', async () => {
    const url = new URL(sim.url);
    const presign = async (region: string): Promise<number> => {
      const req = await smithy(region).presign(
        {
          method: 'GET',
          protocol: 'http:',
          hostname: url.hostname,
          port: Number(url.port),
          path: '/',
          query: { Action: 'DescribeAvailabilityZones', Version: '2016-11-15', 'ZoneName.1': 'us-east-1a' },
          headers: { host: url.host },
        },
        { expiresIn: 300 },
      );
      const query = Object.entries(req.query ?? {})
        .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
        .join('&');
      return (await fetch(`${sim.url}/?${query}`)).status;
    };
    expect(await presign('us-east-1')).toBe(200);
    expect(await presign('eu-west-1')).toBe(401);
  });
});
