import { describe, expect, it } from '@jest/globals';
import { XMLParser } from 'fast-xml-parser';
import { DnsDriver, Zone } from '@cloudmux/core/dns';
import { AlreadyExistsError, InvalidCredentialsError, NotFoundError, ProviderError, RateLimitError } from '@cloudmux/core/errors';
import type { HttpErrorContext } from '@cloudmux/core/http';
import { mapRoute53Error } from '../../src/route53/errors.js';
import {
  decodeRecordId,
  decodeRoute53Name,
  encodeRecordId,
  fromRoute53Value,
  quoteTxt,
  toFqdn,
  toRelative,
  toRoute53Value,
  unquoteTxt,
} from '../../src/route53/record-data.js';
import { recordSetXml, toRecords, toRecordSet, toZone } from '../../src/route53/to-resources.js';
import { members, parseRoute53, single } from '../../src/route53/wire.js';

class NoDriver extends DnsDriver {}
const driver = new NoDriver();

describe('TXT quoting', () => {
  it('quotes, escapes quotes and backslashes, and writes other bytes as octal', () => {
    expect(quoteTxt('hello world')).toBe('"hello world"');
    expect(quoteTxt('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(quoteTxt('é\n')).toBe('"\\303\\251\\012"');
  });
  it('splits text longer than 255 bytes into several strings, never inside a character', () => {
    const q = quoteTxt('x'.repeat(254) + 'é' + 'y');
    expect(q).toBe(`"${'x'.repeat(254)}" "\\303\\251y"`);
    expect(quoteTxt('z'.repeat(600)).split(' ')).toHaveLength(3);
  });
  it('unquotes Route 53 values back to the text (several strings concatenated, bare words too)', () => {
    for (const text of ['', 'plain', 'say "hi"', 'back\\slash', 'ünïcode ✓', 'k'.repeat(1000)])
      expect(unquoteTxt(quoteTxt(text))).toBe(text);
    expect(unquoteTxt('"abc" "def"')).toBe('abcdef');
    expect(unquoteTxt('v=spf1')).toBe('v=spf1');
  });
});

describe('record values and names', () => {
  it('maps MX/SRV priority into and out of the value', () => {
    expect(toRoute53Value('MX', 'mx.example.com.', 10)).toBe('10 mx.example.com.');
    expect(fromRoute53Value('MX', '10 mx.example.com.')).toEqual({ data: 'mx.example.com.', priority: 10 });
    expect(fromRoute53Value('SRV', '1 5 5060 sip.example.com.')).toEqual({ data: '5 5060 sip.example.com.', priority: 1 });
    expect(() => toRoute53Value('MX', 'mx.example.com.', undefined)).toThrow(/priority/);
    expect(() => toRoute53Value('A', '192.0.2.1', 5)).toThrow(/only MX and SRV/);
  });
  it('converts names between relative and fully qualified, decoding \\052', () => {
    expect(toFqdn('', 'example.com')).toBe('example.com.');
    expect(toFqdn('www', 'example.com')).toBe('www.example.com.');
    expect(toRelative('WWW.Example.com.', 'example.com')).toBe('www');
    expect(toRelative('example.com.', 'example.com')).toBe('');
    expect(toRelative('\\052.example.com.', 'example.com')).toBe('*');
    expect(decodeRoute53Name('a\\100b.')).toBe('a@b.');
  });
  it('encodes record ids reversibly, with and without a set identifier', () => {
    const plain = { type: 'AAAA', name: 'www', setIdentifier: undefined, value: '2001:db8::1' };
    expect(encodeRecordId(plain)).toBe('AAAA:www:2001%3Adb8%3A%3A1');
    expect(decodeRecordId(encodeRecordId(plain))).toEqual(plain);
    const routed = { type: 'TXT', name: '', setIdentifier: 'eu:1', value: '"a b" "c:d"' };
    expect(decodeRecordId(encodeRecordId(routed))).toEqual(routed);
    expect(decodeRecordId('nonsense')).toBeUndefined();
    expect(decodeRecordId('BOGUS:a:b')).toBeUndefined();
    expect(decodeRecordId('A:a:%E0%A4%A')).toBeUndefined();
  });
});

const LIST = `<?xml version="1.0"?>
<ListResourceRecordSetsResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/">
  <ResourceRecordSets>
    <ResourceRecordSet><Name>www.example.com.</Name><Type>A</Type><TTL>300</TTL>
      <ResourceRecords><ResourceRecord><Value>192.0.2.1</Value></ResourceRecord><ResourceRecord><Value>192.0.2.2</Value></ResourceRecord></ResourceRecords>
    </ResourceRecordSet>
    <ResourceRecordSet><Name>example.com.</Name><Type>A</Type><SetIdentifier>eu</SetIdentifier><Region>eu-west-1</Region>
      <AliasTarget><HostedZoneId>Z32O12XQLNTSW2</HostedZoneId><DNSName>lb-1.eu-west-1.elb.amazonaws.com.</DNSName><EvaluateTargetHealth>true</EvaluateTargetHealth></AliasTarget>
    </ResourceRecordSet>
    <ResourceRecordSet><Name>txt.example.com.</Name><Type>TXT</Type><TTL>60</TTL><ResourceRecords><ResourceRecord><Value>"a &amp; b" "c"</Value></ResourceRecord></ResourceRecords></ResourceRecordSet>
  </ResourceRecordSets>
  <IsTruncated>true</IsTruncated><NextRecordName>zz.example.com.</NextRecordName><NextRecordType>A</NextRecordType><MaxItems>3</MaxItems>
</ListResourceRecordSetsResponse>`;

describe('XML mapping', () => {
  const zone = new Zone({ id: 'Z1', domain: 'example.com', type: 'master' }, driver);
  it('reads record sets (values, alias, routing) and makes one record per value', () => {
    const root = parseRoute53(LIST, 'ListResourceRecordSetsResponse');
    const sets = members(root?.ResourceRecordSets, 'ResourceRecordSet').map(toRecordSet);
    expect(sets[0]).toEqual({ name: 'www.example.com.', type: 'A', ttl: 300, values: ['192.0.2.1', '192.0.2.2'] });
    expect(sets[1]).toMatchObject({
      setIdentifier: 'eu',
      region: 'eu-west-1',
      alias: { hostedZoneId: 'Z32O12XQLNTSW2', dnsName: 'lb-1.eu-west-1.elb.amazonaws.com.', evaluateTargetHealth: true },
    });
    const records = sets.flatMap((s) => toRecords(s, zone, driver));
    expect(records.map((r) => [r.name, r.type, r.data, r.ttl])).toEqual([
      ['www', 'A', '192.0.2.1', 300],
      ['www', 'A', '192.0.2.2', 300],
      ['', 'A', 'lb-1.eu-west-1.elb.amazonaws.com.', undefined],
      ['txt', 'TXT', 'a & bc', 60],
    ]);
    expect(records[2]?.id).toBe('A::eu:lb-1.eu-west-1.elb.amazonaws.com.');
  });
  it('agrees with fast-xml-parser on the values', () => {
    const fxp = new XMLParser({ isArray: (name) => ['ResourceRecordSet', 'ResourceRecord'].includes(name), parseTagValue: false });
    const doc = fxp.parse(LIST) as {
      ListResourceRecordSetsResponse: {
        ResourceRecordSets: { ResourceRecordSet: { ResourceRecords?: { ResourceRecord: { Value: string }[] } }[] };
      };
    };
    const theirs = doc.ListResourceRecordSetsResponse.ResourceRecordSets.ResourceRecordSet.map((s) =>
      (s.ResourceRecords?.ResourceRecord ?? []).map((r) => r.Value),
    );
    const root = parseRoute53(LIST, 'ListResourceRecordSetsResponse');
    const ours = members(root?.ResourceRecordSets, 'ResourceRecordSet').map((s) => toRecordSet(s).values);
    expect(ours).toEqual(theirs);
  });
  it('writes record sets in the API reference order, escaped, alias without TTL', () => {
    expect(recordSetXml({ name: 'a.example.com.', type: 'TXT', ttl: 60, values: ['"x<y&z"'] })).toBe(
      '<ResourceRecordSet><Name>a.example.com.</Name><Type>TXT</Type><TTL>60</TTL><ResourceRecords><ResourceRecord><Value>&quot;x&lt;y&amp;z&quot;</Value></ResourceRecord></ResourceRecords></ResourceRecordSet>',
    );
    const alias = recordSetXml({
      name: 'example.com.',
      type: 'A',
      ttl: 5,
      setIdentifier: 'w',
      weight: 3,
      alias: { hostedZoneId: 'Z1', dnsName: 'x.' },
    });
    expect(alias).toBe(
      '<ResourceRecordSet><Name>example.com.</Name><Type>A</Type><SetIdentifier>w</SetIdentifier><Weight>3</Weight><AliasTarget><HostedZoneId>Z1</HostedZoneId><DNSName>x.</DNSName><EvaluateTargetHealth>false</EvaluateTargetHealth></AliasTarget></ResourceRecordSet>',
    );
  });
  it('reads a hosted zone with its delegation set', () => {
    const root = parseRoute53(
      `<GetHostedZoneResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><HostedZone><Id>/hostedzone/Z1PA6795UKMFR9</Id><Name>Example.com.</Name><CallerReference>r1</CallerReference><Config><Comment>c</Comment><PrivateZone>false</PrivateZone></Config><ResourceRecordSetCount>17</ResourceRecordSetCount></HostedZone><DelegationSet><NameServers><NameServer>ns-1.awsdns-01.com</NameServer><NameServer>ns-2.awsdns-02.net</NameServer></NameServers></DelegationSet></GetHostedZoneResponse>`,
      'GetHostedZoneResponse',
    );
    const z = toZone(single(root, 'HostedZone') ?? {}, driver, { delegationSet: root?.DelegationSet as never });
    expect([z.id, z.domain]).toEqual(['Z1PA6795UKMFR9', 'example.com']);
    expect(z.extra).toEqual({
      callerReference: 'r1',
      comment: 'c',
      privateZone: false,
      resourceRecordSetCount: 17,
      nameServers: ['ns-1.awsdns-01.com', 'ns-2.awsdns-02.net'],
    });
  });
});

function ctx(status: number, body: string): HttpErrorContext {
  return {
    provider: 'route53',
    status,
    headers: {},
    bodyText: body,
    method: 'POST',
    url: 'https://route53.amazonaws.com/x',
    requestId: undefined,
    retryAfterMs: undefined,
  };
}
const errorBody = (code: string, message: string): string =>
  `<?xml version="1.0"?>\n<ErrorResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>req-1</RequestId></ErrorResponse>`;

describe('error mapping', () => {
  it('maps Route 53 error codes onto core errors with code, message and request id', () => {
    const nf = mapRoute53Error(ctx(404, errorBody('NoSuchHostedZone', 'No hosted zone found with ID: Z1')));
    expect(nf).toBeInstanceOf(NotFoundError);
    expect([nf.providerCode, nf.providerMessage, nf.requestId]).toEqual(['NoSuchHostedZone', 'No hosted zone found with ID: Z1', 'req-1']);
    expect(mapRoute53Error(ctx(409, errorBody('HostedZoneAlreadyExists', 'x')))).toBeInstanceOf(AlreadyExistsError);
    expect(mapRoute53Error(ctx(400, errorBody('Throttling', 'Rate exceeded')))).toBeInstanceOf(RateLimitError);
    expect(mapRoute53Error(ctx(400, errorBody('PriorRequestNotComplete', 'wait')))).toBeInstanceOf(RateLimitError);
    expect(mapRoute53Error(ctx(403, errorBody('SignatureDoesNotMatch', 'no')))).toBeInstanceOf(InvalidCredentialsError);
    const invalid = mapRoute53Error(ctx(400, errorBody('InvalidInput', 'bad')));
    expect(invalid).toBeInstanceOf(ProviderError);
    expect(invalid).not.toBeInstanceOf(RateLimitError);
    expect(invalid.providerCode).toBe('InvalidInput');
    expect(mapRoute53Error(ctx(400, errorBody('HostedZoneNotEmpty', 'x'))).providerCode).toBe('HostedZoneNotEmpty');
  });
  it('keeps every InvalidChangeBatch message', () => {
    const body = `<?xml version="1.0"?>\n<InvalidChangeBatch xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Messages><Message>first problem</Message><Message>second problem</Message></Messages><RequestId>req-2</RequestId></InvalidChangeBatch>`;
    const err = mapRoute53Error(ctx(400, body));
    expect(err.providerCode).toBe('InvalidChangeBatch');
    expect(err.providerMessage).toBe('first problem; second problem');
    expect(err.requestId).toBe('req-2');
    expect(err.message).toContain('second problem');
  });
  it('reads InvalidChangeBatch sent as an ordinary ErrorResponse too', () => {
    const err = mapRoute53Error(
      ctx(
        400,
        errorBody('InvalidChangeBatch', "[Tried to create resource record set [name='a.example.com.', type='A'] but it already exists]"),
      ),
    );
    expect(err).toBeInstanceOf(AlreadyExistsError);
    expect(err.providerCode).toBe('InvalidChangeBatch');
    expect(err.providerMessage).toBe("Tried to create resource record set [name='a.example.com.', type='A'] but it already exists");
    expect(
      mapRoute53Error(ctx(400, errorBody('InvalidChangeBatch', '[RRSet with DNS name x. is not permitted in zone y.]'))),
    ).not.toBeInstanceOf(AlreadyExistsError);
  });
});
