import { createHash } from 'node:crypto';
import {
  canonicalQueryV4,
  canonicalRequestV4,
  canonicalUriV4,
  computeSignatureV4,
  deriveSigningKeyV4,
  EMPTY_PAYLOAD_SHA256,
  formatAmzDate,
  parseAuthorizationV4,
  signRequestV4,
  stringToSignV4,
} from '../../src/signing/sigv4.js';

/** Credentials and time of AWS's SigV4 test suite and of the IAM ListUsers example in the SigV4 docs. */
const SUITE = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const SUITE_DATE = '20150830T123600Z';
const suiteRequest = (method: string, url: string, body?: string) => ({
  method,
  url: new URL(url),
  headers: { host: 'example.amazonaws.com', 'x-amz-date': SUITE_DATE } as Record<string, string>,
  body: body === undefined ? undefined : Buffer.from(body),
});
const suiteScope = { region: 'us-east-1', service: 'service', amzDate: SUITE_DATE, signedHeaders: ['host', 'x-amz-date'] };

describe('SigV4 known answers (AWS test suite)', () => {
  it.each([
    ['get-vanilla', 'GET', 'https://example.amazonaws.com/', '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'],
    [
      'get-vanilla-query-order-key-case',
      'GET',
      'https://example.amazonaws.com/?Param2=value2&Param1=value1',
      'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500',
    ],
    ['post-vanilla', 'POST', 'https://example.amazonaws.com/', '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b'],
    [
      'post-vanilla-query',
      'POST',
      'https://example.amazonaws.com/?Param1=value1',
      '28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11',
    ],
  ])('%s', (_name, method, url, signature) => {
    expect(computeSignatureV4(suiteRequest(method, url), SUITE.secretAccessKey, suiteScope)).toBe(signature);
  });

  it('signRequestV4 produces the full get-vanilla Authorization header', () => {
    const req = {
      method: 'GET',
      url: new URL('https://example.amazonaws.com/'),
      headers: { 'user-agent': 'x' } as Record<string, string>,
      body: undefined,
    };
    signRequestV4(req, SUITE, { region: 'us-east-1', service: 'service', now: new Date('2015-08-30T12:36:00Z') });
    expect(req.headers['x-amz-date']).toBe(SUITE_DATE);
    expect(req.headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, ' +
        'Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    );
    expect(req.headers['x-amz-security-token']).toBeUndefined();
    expect(req.headers['x-amz-content-sha256']).toBeUndefined();
  });
});

describe('SigV4 known answers (IAM ListUsers example from the SigV4 docs)', () => {
  const req = {
    method: 'GET',
    url: new URL('https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08'),
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', host: 'iam.amazonaws.com', 'x-amz-date': SUITE_DATE },
    body: undefined,
  };
  const signedHeaders = ['content-type', 'host', 'x-amz-date'];

  it('builds the documented canonical request and string to sign', () => {
    const canonical = canonicalRequestV4(req, 'iam', signedHeaders);
    expect(canonical).toBe(
      'GET\n/\nAction=ListUsers&Version=2010-05-08\ncontent-type:application/x-www-form-urlencoded; charset=utf-8\nhost:iam.amazonaws.com\n' +
        `x-amz-date:${SUITE_DATE}\n\ncontent-type;host;x-amz-date\n${EMPTY_PAYLOAD_SHA256}`,
    );
    expect(createHash('sha256').update(canonical).digest('hex')).toBe('f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59');
    expect(stringToSignV4(canonical, SUITE_DATE, 'us-east-1', 'iam')).toBe(
      `AWS4-HMAC-SHA256\n${SUITE_DATE}\n20150830/us-east-1/iam/aws4_request\nf536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59`,
    );
  });

  it('derives the documented signing key and signature', () => {
    expect(deriveSigningKeyV4(SUITE.secretAccessKey, '20150830', 'us-east-1', 'iam').toString('hex')).toBe(
      'c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9',
    );
    expect(
      computeSignatureV4(req, SUITE.secretAccessKey, { region: 'us-east-1', service: 'iam', amzDate: SUITE_DATE, signedHeaders }),
    ).toBe('5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7');
  });
});

describe('SigV4 known answers (S3 GET Object example from the S3 SigV4 docs)', () => {
  it('signs the ranged GET with the published signature', () => {
    const req = {
      method: 'GET',
      url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
      headers: { range: 'bytes=0-9' } as Record<string, string>,
      body: undefined,
    };
    signRequestV4(
      req,
      { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
      {
        region: 'us-east-1',
        service: 's3',
        now: new Date('2013-05-24T00:00:00Z'),
      },
    );
    expect(req.headers['x-amz-content-sha256']).toBe(EMPTY_PAYLOAD_SHA256);
    const canonical = canonicalRequestV4(req, 's3', ['host', 'range', 'x-amz-content-sha256', 'x-amz-date']);
    expect(createHash('sha256').update(canonical).digest('hex')).toBe('7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972');
    expect(req.headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, ' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });
});

describe('SigV4 building blocks', () => {
  it('formats x-amz-date', () => {
    expect(formatAmzDate(new Date('2024-02-29T01:02:03.456Z'))).toBe('20240229T010203Z');
  });

  it('encodes query strictly and sorts by name then value', () => {
    expect(canonicalQueryV4('?b=2&a=x y&a=%21&A=(*)~&e')).toBe('A=%28%2A%29~&a=%21&a=x%20y&b=2&e=');
    expect(canonicalQueryV4('')).toBe('');
  });

  it('double-encodes paths for non-S3 services and normalises them; S3 paths encode once, unnormalised', () => {
    expect(canonicalUriV4('/services/Eucalyptus', 'ec2')).toBe('/services/Eucalyptus');
    expect(canonicalUriV4('/a%20b/./c/../d', 'ec2')).toBe('/a%2520b/d');
    expect(canonicalUriV4('/a%20b/./c', 's3')).toBe('/a%20b/./c');
    expect(canonicalUriV4('/k(1)', 's3')).toBe('/k%281%29');
  });

  it('trims and collapses header values', () => {
    const req = {
      method: 'get',
      url: new URL('http://h:8773/'),
      headers: { 'x-amz-date': SUITE_DATE, 'x-amz-meta': '  a   b  ' },
      body: undefined,
    };
    const canonical = canonicalRequestV4(req, 'ec2', ['x-amz-meta', 'host', 'x-amz-date']);
    expect(canonical.split('\n').slice(0, 7)).toEqual(['GET', '/', '', 'host:h:8773', 'x-amz-date:20150830T123600Z', 'x-amz-meta:a b', '']);
  });

  it('hashes the body of non-S3 requests', () => {
    const a = computeSignatureV4(
      suiteRequest('POST', 'https://example.amazonaws.com/', 'Action=DescribeInstances'),
      SUITE.secretAccessKey,
      suiteScope,
    );
    const b = computeSignatureV4(
      suiteRequest('POST', 'https://example.amazonaws.com/', 'Action=DescribeRegions'),
      SUITE.secretAccessKey,
      suiteScope,
    );
    expect(a).not.toBe(b);
  });
});

describe('signRequestV4 with session tokens and verification round trip', () => {
  const creds = { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret/key+1', sessionToken: 'FQoGZXIvYXdzE//token==' };

  it('adds and signs x-amz-security-token, and a verifier recomputes the same signature', () => {
    const body = Buffer.from('Action=DescribeInstances&Version=2016-11-15');
    const req = {
      method: 'POST',
      url: new URL('http://127.0.0.1:4567/'),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8', 'user-agent': 'cloudmux' } as Record<string, string>,
      body,
    };
    signRequestV4(req, creds, { region: 'eu-west-1', service: 'ec2', now: new Date('2024-01-02T03:04:05Z') });
    expect(req.headers['content-type']).toBeDefined();
    expect(req.headers['Content-Type']).toBeUndefined();
    expect(req.headers['x-amz-security-token']).toBe(creds.sessionToken);
    const parsed = parseAuthorizationV4(req.headers.authorization as string);
    expect(parsed).toEqual({
      accessKeyId: 'ASIAEXAMPLE',
      date: '20240102',
      region: 'eu-west-1',
      service: 'ec2',
      signedHeaders: ['content-type', 'host', 'x-amz-date', 'x-amz-security-token'],
      signature: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown as string,
    });
    const verifierHeaders = { ...req.headers, host: '127.0.0.1:4567' };
    const again = computeSignatureV4({ method: 'POST', url: req.url, headers: verifierHeaders, body }, creds.secretAccessKey, {
      region: 'eu-west-1',
      service: 'ec2',
      amzDate: '20240102T030405Z',
      signedHeaders: parsed?.signedHeaders ?? [],
    });
    expect(again).toBe(parsed?.signature);
    // A tampered body or wrong secret no longer verifies.
    const tampered = computeSignatureV4(
      { method: 'POST', url: req.url, headers: verifierHeaders, body: Buffer.from('Action=TerminateInstances') },
      creds.secretAccessKey,
      {
        region: 'eu-west-1',
        service: 'ec2',
        amzDate: '20240102T030405Z',
        signedHeaders: parsed?.signedHeaders ?? [],
      },
    );
    expect(tampered).not.toBe(parsed?.signature);
  });

  it('re-signing replaces the old authorization and drops a stale token', () => {
    const req = {
      method: 'GET',
      url: new URL('https://ec2.us-east-1.amazonaws.com/'),
      headers: {} as Record<string, string>,
      body: undefined,
    };
    signRequestV4(req, creds, { region: 'us-east-1', service: 'ec2' });
    signRequestV4(req, { accessKeyId: 'AKIA2', secretAccessKey: 's' }, { region: 'us-east-1', service: 'ec2' });
    expect(req.headers['x-amz-security-token']).toBeUndefined();
    expect(parseAuthorizationV4(req.headers.authorization as string)?.signedHeaders).toEqual(['host', 'x-amz-date']);
  });

  it('keeps a caller-provided S3 payload hash (UNSIGNED-PAYLOAD)', () => {
    const req = {
      method: 'PUT',
      url: new URL('https://b.s3.amazonaws.com/k'),
      headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } as Record<string, string>,
      body: undefined,
    };
    signRequestV4(req, creds, { region: 'us-east-1', service: 's3' });
    expect(req.headers['x-amz-content-sha256']).toBe('UNSIGNED-PAYLOAD');
    expect(canonicalRequestV4(req, 's3', ['host']).endsWith('\nUNSIGNED-PAYLOAD')).toBe(true);
  });
});

describe('parseAuthorizationV4', () => {
  it('parses the documented header', () => {
    expect(
      parseAuthorizationV4(
        'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
      ),
    ).toEqual({
      accessKeyId: 'AKIDEXAMPLE',
      date: '20150830',
      region: 'us-east-1',
      service: 'iam',
      signedHeaders: ['content-type', 'host', 'x-amz-date'],
      signature: '5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
    });
  });

  it.each([
    'AWS AKID:sig',
    'AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/iam, SignedHeaders=host, Signature=' + 'a'.repeat(64),
    'AWS4-HMAC-SHA256 Credential=AKID/2015083/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=' + 'a'.repeat(64),
    'AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/iam/aws4_request, Signature=' + 'a'.repeat(64),
    'AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=xyz',
    '',
  ])('rejects %j', (header) => {
    expect(parseAuthorizationV4(header)).toBeUndefined();
  });
});
