import {
  BadRequestError,
  InvalidArgumentError,
  InvalidCredentialsError,
  NotFoundError,
  AlreadyExistsError,
  ServiceUnavailableError,
} from '@cloudmux/core/errors';
import { decodeRecordId, encodeRecordId, mapPowerDnsError } from '../../src/index.js';
import { fromContent, toContent } from '../../src/pdns/to-record.js';
import { dataFqdn, ownerFqdn, relativeName, canonicalZone } from '../../src/pdns/names.js';

describe('record ids', () => {
  it('round-trip name, type and content', () => {
    const key = { name: 'www.example.com.', type: 'TXT', content: '"a \\"b\\"" "c"' };
    const id = encodeRecordId(key);
    expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeRecordId(id)).toEqual(key);
    expect(encodeRecordId(key)).toBe(id);
  });
  it.each(['', 'a/b', 'e30', Buffer.from('["a","b"]').toString('base64url')])('refuses %j', (id) => {
    expect(() => decodeRecordId(id)).toThrow(InvalidArgumentError);
  });
});

describe('names', () => {
  it('canonicalizes zones and owner names', () => {
    expect(canonicalZone('Example.COM')).toBe('example.com.');
    expect(ownerFqdn('', 'example.com.')).toBe('example.com.');
    expect(ownerFqdn('@', 'example.com.')).toBe('example.com.');
    expect(ownerFqdn('www', 'example.com.')).toBe('www.example.com.');
    expect(ownerFqdn('www.example.com', 'example.com.')).toBe('www.example.com.example.com.');
    expect(ownerFqdn('WWW.example.com.', 'example.com.')).toBe('www.example.com.');
    expect(() => ownerFqdn('www.example.org.', 'example.com.')).toThrow(/outside the zone example\.com/);
    expect(relativeName('a.b.example.com.', 'example.com.')).toBe('a.b');
    expect(relativeName('example.com.', 'example.com.')).toBe('');
    expect(dataFqdn('mail.example.net', 'example.com.')).toBe('mail.example.net.');
    expect(dataFqdn('@', 'example.com.')).toBe('example.com.');
  });
});

describe('content', () => {
  it.each([
    ['A', '192.0.2.1', undefined, '192.0.2.1'],
    ['MX', 'mail.example.com', 10, '10 mail.example.com.'],
    ['SRV', '5 5060 sip', 1, '1 5 5060 sip.'],
    ['CNAME', 'target.example.net.', undefined, 'target.example.net.'],
    ['TXT', 'v=spf1 "x" -all', undefined, '"v=spf1 \\"x\\" -all"'],
    ['CAA', '0 ISSUE letsencrypt.org', undefined, '0 issue "letsencrypt.org"'],
    ['SOA', 'ns1 hostmaster.example.com. 1 2 3 4 5', undefined, 'ns1. hostmaster.example.com. 1 2 3 4 5'],
  ] as const)('%s %j (priority %j) → %j', (type, data, priority, content) => {
    expect(toContent(type, data, priority, 'example.com.')).toBe(content);
  });
  it('splits priorities and unquotes TXT', () => {
    expect(fromContent('MX', '10 mail.example.com.')).toEqual({ priority: 10, data: 'mail.example.com.' });
    expect(fromContent('SRV', '1 5 5060 sip.example.com.')).toEqual({ priority: 1, data: '5 5060 sip.example.com.' });
    expect(fromContent('TXT', '"a \\"b\\"" "\\195\\169"')).toEqual({ priority: undefined, data: 'a "b"é' });
  });
  it('refuses bad data', () => {
    expect(() => toContent('A', '', undefined, 'e.')).toThrow(InvalidArgumentError);
    expect(() => toContent('MX', 'a b', 1, 'e.')).toThrow(/preference goes in `priority`/);
    expect(() => toContent('SRV', 'x', 1, 'e.')).toThrow(/weight port target/);
    expect(() => toContent('A', '192.0.2.1\n', undefined, 'e.')).toThrow(/control/);
  });
});

describe('mapPowerDnsError', () => {
  const ctx = (status: number, bodyText: string) => ({
    provider: 'powerdns',
    status,
    headers: {},
    bodyText,
    method: 'PATCH',
    url: 'http://127.0.0.1/api/v1/servers/localhost/zones/x.',
    requestId: undefined,
    retryAfterMs: undefined,
  });
  it.each([
    [401, 'Unauthorized', InvalidCredentialsError, 'Unauthorized'],
    [404, 'Not Found', NotFoundError, 'Not Found'],
    [409, 'Conflict', AlreadyExistsError, 'Conflict'],
    [422, '{"error": "RRset x. IN A: Name is out of zone"}', BadRequestError, 'RRset x. IN A: Name is out of zone'],
    [400, 'Bad Request', BadRequestError, 'Bad Request'],
    [
      422,
      '{"error": "Duplicate record in RRset d.x. IN A with content \\"192.0.2.1\\""}',
      AlreadyExistsError,
      'Duplicate record in RRset d.x. IN A with content "192.0.2.1"',
    ],
    [503, '', ServiceUnavailableError, undefined],
  ] as const)('%d %j', (status, body, cls, message) => {
    const e = mapPowerDnsError(ctx(status, body));
    expect(e).toBeInstanceOf(cls);
    expect(e.providerMessage).toBe(message);
    expect(e.status).toBe(status);
  });
});
