import { cdnInfoFromHeaders, cdnInfoFromWire } from '../../src/files/to-cdn-info.js';

describe('CDN mappers', () => {
  it('reads HEAD headers (case as got delivers them), defaulting the TTL and flags', () => {
    const info = cdnInfoFromHeaders('site', {
      'x-cdn-enabled': 'True',
      'x-cdn-uri': 'http://a-b.r49.cf0.rackcdn.com',
      'x-cdn-ssl-uri': 'https://c-b.ssl.cf0.rackcdn.com',
      'x-ttl': '86400',
      'x-log-retention': 'False',
    });
    expect(info).toEqual({
      container: 'site',
      enabled: true,
      ttl: 86_400,
      logRetention: false,
      uris: { http: 'http://a-b.r49.cf0.rackcdn.com', https: 'https://c-b.ssl.cf0.rackcdn.com', streaming: undefined, ios: undefined },
    });
    expect(cdnInfoFromHeaders('x', { 'x-cdn-enabled': 'false', 'x-ttl': 'abc' })).toMatchObject({ enabled: false, ttl: 259_200 });
  });

  it('reads JSON listing entries, with booleans as JSON or strings', () => {
    expect(
      cdnInfoFromWire({
        name: 'a',
        cdn_enabled: true,
        ttl: 900,
        log_retention: 'true' as never,
        cdn_uri: 'http://h',
        cdn_ssl_uri: 'https://s',
        cdn_streaming_uri: 'http://st',
        cdn_ios_uri: 'http://i',
      }),
    ).toEqual({
      container: 'a',
      enabled: true,
      ttl: 900,
      logRetention: true,
      uris: { http: 'http://h', https: 'https://s', streaming: 'http://st', ios: 'http://i' },
    });
    expect(cdnInfoFromWire({ name: 'b', cdn_enabled: false })).toMatchObject({ enabled: false, logRetention: false, ttl: 259_200 });
  });
});
