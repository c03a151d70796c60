import { fingerprintMatches, formatKeyId, parseFingerprint, parseKeyId } from '../../src/auth/key-id.js';

describe('fingerprints', () => {
  it('normalizes MD5 fingerprints in colon, plain and MD5: forms', () => {
    const want = { kind: 'md5', value: '03:7f:8e:ef:da:3d:3b:9e:a4:82:67:71:8c:35:2c:aa' };
    expect(parseFingerprint('03:7F:8E:EF:DA:3D:3B:9E:A4:82:67:71:8C:35:2C:AA')).toEqual(want);
    expect(parseFingerprint('MD5:03:7f:8e:ef:da:3d:3b:9e:a4:82:67:71:8c:35:2c:aa')).toEqual(want);
    expect(parseFingerprint('037f8eefda3d3b9ea48267718c352caa')).toEqual(want);
  });

  it('parses SHA256 fingerprints with or without padding', () => {
    const b64 = 'WSrlgXAgmq+lxJZXbwg7LovCwj6GXlzwDIX8oGMqhPk';
    expect(parseFingerprint(`SHA256:${b64}`)).toEqual({ kind: 'sha256', value: `SHA256:${b64}` });
    expect(parseFingerprint(`SHA256:${b64}=`)).toEqual({ kind: 'sha256', value: `SHA256:${b64}` });
  });

  it('rejects key names and paths', () => {
    expect(parseFingerprint('my-laptop')).toBeUndefined();
    expect(parseFingerprint('~/.ssh/id_rsa')).toBeUndefined();
    expect(parseFingerprint('03:7f:8e')).toBeUndefined();
  });

  it('matches a key by either fingerprint', () => {
    const key = {
      md5Fingerprint: 'aa:bb:cc:dd:ee:ff:00:11:22:33:44:55:66:77:88:99',
      sha256Fingerprint: 'SHA256:WSrlgXAgmq+lxJZXbwg7LovCwj6GXlzwDIX8oGMqhPk',
    };
    expect(fingerprintMatches(parseFingerprint('aabbccddeeff00112233445566778899')!, key)).toBe(true);
    expect(fingerprintMatches(parseFingerprint('SHA256:WSrlgXAgmq+lxJZXbwg7LovCwj6GXlzwDIX8oGMqhPk')!, key)).toBe(true);
    expect(fingerprintMatches(parseFingerprint('00bbccddeeff00112233445566778899')!, key)).toBe(false);
  });
});

describe('keyId', () => {
  it('parses the account and RBAC sub-user forms', () => {
    expect(parseKeyId('/demo/keys/aa:bb')).toEqual({ account: 'demo', user: undefined, key: 'aa:bb' });
    expect(parseKeyId('/demo/users/bob/keys/laptop')).toEqual({ account: 'demo', user: 'bob', key: 'laptop' });
  });

  it('rejects other shapes, including the Manta sub-user form', () => {
    expect(parseKeyId('/demo/bob/keys/fp')).toBeUndefined();
    expect(parseKeyId('demo/keys/fp')).toBeUndefined();
    expect(parseKeyId('/demo/keys/')).toBeUndefined();
    expect(parseKeyId('/demo/keys/a/b')).toBeUndefined();
  });

  it('formats both forms', () => {
    expect(formatKeyId('demo', undefined, 'aa:bb')).toBe('/demo/keys/aa:bb');
    expect(formatKeyId('demo', 'bob', 'aa:bb')).toBe('/demo/users/bob/keys/aa:bb');
  });
});
