import { signRequestV2 } from '../../src/signing/sigv2.js';
import { formatAmzDate, computeSignatureV4 } from '../../src/signing/sigv4.js';
import { DEFAULT_CREDENTIALS, type Ec2Simulator } from '../../src/simulator/index.js';
import { Ec2TestClient, items, startSimulator } from './helpers.js';

describe('Ec2Simulator SigV4 verification', () => {
  let sim: Ec2Simulator;
  let client: Ec2TestClient;
  const temp = {
    accessKeyId: 'ASIATEMPORARYKEY0001',
    secretAccessKey: 'temporarySecretAccessKey0000000000000001',
    sessionToken: 'FwoGZXIvYXdzEXAMPLETOKEN',
  };
  const expired = {
    accessKeyId: 'ASIAEXPIREDKEY000001',
    secretAccessKey: 'expiredSecretAccessKey00000000000000001',
    sessionToken: 'old-token',
    expiration: new Date(Date.now() - 1000),
  };

  beforeAll(async () => {
    ({ sim, client } = await startSimulator({ credentials: [DEFAULT_CREDENTIALS, temp, expired] }));
  });
  afterAll(() => sim.close());

  it('accepts a correctly signed POST and answers in the EC2 namespace with a request id', async () => {
    const r = await client.call('DescribeRegions');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/xml;charset=UTF-8');
    expect(r.xml['@xmlns']).toBe('http://ec2.amazonaws.com/doc/2016-11-15/');
    expect(r.xml.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(items(r.xml.regionInfo).map((x) => x.regionName)).toContain('us-east-1');
  });

  it('accepts a signed GET with the parameters in the query string', async () => {
    const r = await client.call('DescribeAvailabilityZones', { 'ZoneName.1': 'us-east-1b' }, { method: 'GET' });
    expect(r.status).toBe(200);
    expect(items(r.xml.availabilityZoneInfo).map((z) => z.zoneName)).toEqual(['us-east-1b']);
  });

  it('rejects a tampered body with 403 SignatureDoesNotMatch', async () => {
    const e = await client.fail(
      'DescribeRegions',
      {},
      { tamper: (req) => ({ ...req, body: Buffer.from(`${req.body.toString()}&AllRegions=true`) }) },
    );
    expect(e).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    expect(e.message).toContain('does not match the signature you provided');
  });

  it('rejects a wrong secret with 403 SignatureDoesNotMatch', async () => {
    const e = await client.fail('DescribeRegions', {}, { creds: { ...DEFAULT_CREDENTIALS, secretAccessKey: 'not-the-secret' } });
    expect(e).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
  });

  it('rejects an unknown access key with 401 AuthFailure', async () => {
    const e = await client.fail('DescribeRegions', {}, { creds: { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x' } });
    expect(e).toEqual(
      expect.objectContaining({
        status: 401,
        code: 'AuthFailure',
        message: 'AWS was not able to validate the provided access credentials',
      }),
    );
  });

  it.each([
    ['20 minutes ago', -20 * 60_000],
    ['20 minutes ahead', 20 * 60_000],
  ])('rejects a request time %s with 400 RequestExpired', async (_, offset) => {
    const e = await client.fail('DescribeRegions', {}, { now: new Date(Date.now() + offset) });
    expect(e).toMatchObject({ status: 400, code: 'RequestExpired' });
  });

  it('accepts a request time inside the 15-minute skew', async () => {
    expect((await client.call('DescribeRegions', {}, { now: new Date(Date.now() - 10 * 60_000) })).status).toBe(200);
  });

  it('rejects a credential scoped to another region (401 AuthFailure) or service (403 SignatureDoesNotMatch)', async () => {
    expect(await client.fail('DescribeRegions', {}, { region: 'eu-west-1' })).toMatchObject({ status: 401, code: 'AuthFailure' });
    const e = await client.fail('DescribeRegions', {}, { service: 'iam' });
    expect(e).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    expect(e.message).toContain("scoped to correct service: 'ec2'");
  });

  it('answers an unsigned request with 401 MissingParameter AWSAccessKeyId', async () => {
    const e = await client.fail('DescribeRegions', {}, { unsigned: true });
    expect(e).toMatchObject({ status: 401, code: 'MissingParameter', message: 'The request must contain the parameter AWSAccessKeyId' });
  });

  it('answers a malformed Authorization header with 400 IncompleteSignature', async () => {
    const e = await client.fail(
      'DescribeRegions',
      {},
      {
        tamper: (req) => ({
          ...req,
          headers: {
            ...req.headers,
            authorization: 'AWS4-HMAC-SHA256 Credential=AKIACLOUDMUXSIMUL001/20240101/us-east-1/ec2/aws4_request',
          },
        }),
      },
    );
    expect(e).toMatchObject({ status: 400, code: 'IncompleteSignature' });
    expect(e.message).toContain("requires 'Signature' parameter");
  });

  it('checks session tokens of temporary credentials', async () => {
    expect((await client.call('DescribeRegions', {}, { creds: temp })).status).toBe(200);
    expect(await client.fail('DescribeRegions', {}, { creds: { ...temp, sessionToken: 'forged' } })).toMatchObject({
      status: 401,
      code: 'AuthFailure',
    });
    expect(await client.fail('DescribeRegions', {}, { creds: { ...temp, sessionToken: undefined } })).toMatchObject({
      status: 401,
      code: 'AuthFailure',
    });
    expect(await client.fail('DescribeRegions', {}, { creds: expired })).toMatchObject({ status: 400, code: 'RequestExpired' });
  });

  it('verifies presigned query-string requests and their expiry', async () => {
    const presign = async (signedAt: Date, expires: number, secret = DEFAULT_CREDENTIALS.secretAccessKey): Promise<number> => {
      const amzDate = formatAmzDate(signedAt);
      const url = new URL(`${sim.url}/`);
      const q = url.searchParams;
      q.set('Action', 'DescribeRegions');
      q.set('Version', '2016-11-15');
      q.set('X-Amz-Algorithm', 'AWS4-HMAC-SHA256');
      q.set('X-Amz-Credential', `${DEFAULT_CREDENTIALS.accessKeyId}/${amzDate.slice(0, 8)}/us-east-1/ec2/aws4_request`);
      q.set('X-Amz-Date', amzDate);
      q.set('X-Amz-Expires', String(expires));
      q.set('X-Amz-SignedHeaders', 'host');
      const signature = computeSignatureV4({ method: 'GET', url, headers: { host: url.host }, body: undefined }, secret, {
        region: 'us-east-1',
        service: 'ec2',
        amzDate,
        signedHeaders: ['host'],
      });
      q.set('X-Amz-Signature', signature);
      return (await fetch(url)).status;
    };
    expect(await presign(new Date(), 300)).toBe(200);
    expect(await presign(new Date(), 300, 'wrong-secret')).toBe(403);
    expect(await presign(new Date(Date.now() - 600_000), 300)).toBe(400);
  });

  it('answers unknown and missing actions with EC2 error documents that carry a RequestID', async () => {
    const unknown = await client.call('LaunchRockets');
    expect(unknown.status).toBe(400);
    expect(unknown.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(unknown.xml.Errors.Error).toMatchObject({
      Code: 'InvalidAction',
      Message: 'The action LaunchRockets is not valid for this web service.',
    });
    expect(unknown.xml.RequestID).toMatch(/^[0-9a-f-]{36}$/);
    const e = await client.fail('', {});
    expect(e).toMatchObject({ status: 400, code: 'MissingAction' });
    const escaped = await client.fail('DescribeKeyPairs', { 'KeyName.1': `a<b&"c'` });
    expect(escaped).toMatchObject({ code: 'InvalidKeyPair.NotFound', message: `The key pair 'a<b&"c'' does not exist` });
    const log = sim.calls.find((c) => c.requestId === unknown.xml.RequestID);
    expect(log).toMatchObject({
      action: 'LaunchRockets',
      status: 400,
      errorCode: 'InvalidAction',
      accessKeyId: DEFAULT_CREDENTIALS.accessKeyId,
    });
  });

  it('answers DryRun with 412 DryRunOperation and changes nothing', async () => {
    const before = sim.state.securityGroups.size;
    const e = await client.fail('CreateSecurityGroup', { GroupName: 'dry', GroupDescription: 'd', DryRun: true });
    expect(e).toMatchObject({ status: 412, code: 'DryRunOperation' });
    expect(sim.state.securityGroups.size).toBe(before);
  });

  it('answers other paths and methods with a loud 4xx', async () => {
    const notFound = await fetch(`${sim.url}/elsewhere`, { method: 'POST' });
    expect(notFound.status).toBe(404);
    expect(await notFound.text()).toContain('<Code>InvalidAction</Code>');
    expect((await fetch(`${sim.url}/`, { method: 'DELETE' })).status).toBe(405);
  });
});

describe('Ec2Simulator Signature Version 2 (Eucalyptus/Nimbus front ends)', () => {
  let sim: Ec2Simulator;
  beforeAll(async () => {
    ({ sim } = await startSimulator({ signatureV2: true, paths: ['/services/Eucalyptus'], region: 'eucalyptus' }));
  });
  afterAll(() => sim.close());

  const callV2 = async (creds = DEFAULT_CREDENTIALS, now = new Date(), tamper = false): Promise<{ status: number; text: string }> => {
    const url = new URL(`${sim.url}/services/Eucalyptus?Action=DescribeAvailabilityZones&Version=3.3.0`);
    const req = { method: 'GET', url, headers: {}, body: undefined };
    signRequestV2(req, creds, now);
    if (tamper) url.searchParams.set('Action', 'DescribeRegions');
    const res = await fetch(url);
    return { status: res.status, text: await res.text() };
  };

  it('accepts a correctly signed request on the configured path', async () => {
    const r = await callV2();
    expect(r.status).toBe(200);
    expect(r.text).toContain('<zoneName>eucalyptusa</zoneName>');
  });

  it('rejects bad signatures, unknown keys and stale timestamps', async () => {
    expect((await callV2({ ...DEFAULT_CREDENTIALS, secretAccessKey: 'nope' })).status).toBe(403);
    expect((await callV2(DEFAULT_CREDENTIALS, new Date(), true)).text).toContain('<Code>SignatureDoesNotMatch</Code>');
    expect((await callV2({ accessKeyId: 'AKIAOTHER', secretAccessKey: 'x' })).text).toContain('<Code>AuthFailure</Code>');
    const stale = await callV2(DEFAULT_CREDENTIALS, new Date(Date.now() - 3_600_000));
    expect(stale.status).toBe(400);
    expect(stale.text).toContain('<Code>RequestExpired</Code>');
  });

  it('is refused where Signature Version 2 is not enabled', async () => {
    const { sim: v4only } = await startSimulator();
    try {
      const url = new URL(`${v4only.url}/?Action=DescribeRegions&Version=2016-11-15`);
      signRequestV2({ method: 'GET', url, headers: {}, body: undefined }, DEFAULT_CREDENTIALS);
      const res = await fetch(url);
      expect(res.status).toBe(401);
      expect(await res.text()).toContain('<Code>AuthFailure</Code>');
    } finally {
      await v4only.close();
    }
  });
});
