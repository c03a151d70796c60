import {
  decodeMetaKey,
  encodeMetaKey,
  mapAzureError,
  parseConnectionString,
  serviceSasStringToSign,
  sharedKeyStringToSign,
} from '@cloudmux/azure';
import { ChecksumMismatchError, NotFoundError, RateLimitError } from '@cloudmux/core/errors';

describe('SharedKey string-to-sign', () => {
  it('orders standard headers, blanks Content-Length 0 and Date under x-ms-date, and canonicalizes x-ms headers and the resource', () => {
    const s = sharedKeyStringToSign({
      method: 'put',
      url: new URL('http://127.0.0.1:10000/devstoreaccount1/box/a%20b.txt?comp=block&blockid=QUJD&Timeout=30'),
      headers: {
        'content-length': '0',
        'content-type': 'text/plain',
        date: 'ignored',
        'x-ms-version': '2021-08-06',
        'x-ms-date': 'Fri, 04 Dec 2026 06:00:00 GMT',
        'x-ms-meta-b': '  two  words ',
        'x-ms-blob-type': 'BlockBlob',
        'user-agent': 'not signed',
      },
      account: 'devstoreaccount1',
    });
    expect(s.split('\n')).toEqual([
      'PUT',
      '',
      '',
      '',
      '',
      'text/plain',
      '',
      '',
      '',
      '',
      '',
      '',
      'x-ms-blob-type:BlockBlob',
      'x-ms-date:Fri, 04 Dec 2026 06:00:00 GMT',
      'x-ms-meta-b:two words',
      'x-ms-version:2021-08-06',
      '/devstoreaccount1/devstoreaccount1/box/a%20b.txt',
      'blockid:QUJD',
      'comp:block',
      'timeout:30',
    ]);
  });
});

describe('service SAS string-to-sign', () => {
  it('has the 16 fields of version 2020-12-06 and later', () => {
    const s = serviceSasStringToSign({
      permissions: 'r',
      start: '',
      expiry: '2026-12-05T00:00:00Z',
      account: 'acct',
      container: 'box',
      blob: 'a/b.txt',
      version: '2021-08-06',
      resource: 'b',
      protocol: '',
    });
    expect(s.split('\n')).toEqual([
      'r',
      '',
      '2026-12-05T00:00:00Z',
      '/blob/acct/box/a/b.txt',
      '',
      '',
      '',
      '2021-08-06',
      'b',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
    ]);
  });
});

describe('metadata keys', () => {
  it('round-trip through C#-identifier names', () => {
    for (const k of ['owner', 'build-id', 'Build_Id', '2fa', 'a__b']) {
      const enc = encodeMetaKey(k);
      expect(enc).toMatch(/^[a-z_][a-z0-9_]*$/);
      expect(decodeMetaKey(enc)).toBe(k);
    }
    expect(encodeMetaKey('owner')).toBe('owner');
  });
});

describe('connection strings', () => {
  it('reads account, key and endpoint', () => {
    expect(
      parseConnectionString('DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=a2V5;EndpointSuffix=core.windows.net'),
    ).toEqual({
      account: 'acct',
      key: 'a2V5',
      endpoint: 'https://acct.blob.core.windows.net',
      sasToken: undefined,
    });
    expect(parseConnectionString('BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;SharedAccessSignature=sv=x&sig=y').account).toBe(
      'devstoreaccount1',
    );
  });
});

describe('error mapping', () => {
  const ctx = (status: number, code: string, body = '') => ({
    provider: 'azure_blobs',
    status,
    headers: { 'x-ms-error-code': code },
    bodyText: body,
    method: 'PUT',
    url: 'http://x',
    requestId: 'rid-1',
    retryAfterMs: undefined,
  });
  it('maps service codes onto core errors, from the header or the XML body', () => {
    expect(mapAzureError(ctx(400, 'Md5Mismatch'))).toBeInstanceOf(ChecksumMismatchError);
    expect(mapAzureError(ctx(503, 'ServerBusy'))).toBeInstanceOf(RateLimitError);
    const e = mapAzureError(
      ctx(404, '', '<?xml version="1.0"?><Error><Code>BlobNotFound</Code><Message>Nope.\nRequestId:x</Message></Error>'),
    );
    expect(e).toBeInstanceOf(NotFoundError);
    expect(e.providerCode).toBe('BlobNotFound');
    expect(e.providerMessage).toBe('Nope.');
    expect(e.requestId).toBe('rid-1');
  });
});
