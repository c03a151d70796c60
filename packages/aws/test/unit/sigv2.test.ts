import { computeSignatureV2, signRequestV2, stringToSignV2 } from '../../src/signing/sigv2.js';

describe('Signature Version 2 (AWS documentation example)', () => {
  const params = [
    ['Action', 'DescribeJobFlows'],
    ['Version', '2009-03-31'],
    ['AWSAccessKeyId', 'AKIAIOSFODNN7EXAMPLE'],
    ['SignatureVersion', '2'],
    ['SignatureMethod', 'HmacSHA256'],
    ['Timestamp', '2011-10-03T15:19:30'],
  ] as const;

  it('builds the documented string to sign and signature', () => {
    const sts = stringToSignV2('GET', 'elasticmapreduce.amazonaws.com', '/', params);
    expect(sts).toBe(
      'GET\nelasticmapreduce.amazonaws.com\n/\n' +
        'AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Action=DescribeJobFlows&SignatureMethod=HmacSHA256&SignatureVersion=2&Timestamp=2011-10-03T15%3A19%3A30&Version=2009-03-31',
    );
    expect(computeSignatureV2(sts, 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')).toBe('i91nKc4PWAt0JJIdXwz9HxZCJDdiy6cf/Mj6vPxyYIs=');
  });

  it('signs a request URL in place, with a session token and a non-default port', () => {
    const req = {
      method: 'GET',
      url: new URL('http://cloud.example:8444/?Version=2010-08-31&Action=DescribeInstances&Filter.1.Name=tag%3AName'),
      headers: {},
      body: undefined,
    };
    signRequestV2(req, { accessKeyId: 'AK', secretAccessKey: 'SK', sessionToken: 'tok en' }, new Date('2020-01-02T03:04:05.678Z'));
    const q = req.url.searchParams;
    expect(q.get('Timestamp')).toBe('2020-01-02T03:04:05Z');
    expect(q.get('SecurityToken')).toBe('tok en');
    expect(req.url.search).toContain('SecurityToken=tok%20en');
    const pairs = [...q.entries()].filter(([n]) => n !== 'Signature');
    expect(q.get('Signature')).toBe(computeSignatureV2(stringToSignV2('GET', 'cloud.example:8444', '/', pairs), 'SK'));
  });
});
