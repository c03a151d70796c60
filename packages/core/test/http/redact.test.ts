import { isSensitiveName, redactHeaders, redactText, redactUrl, toCurl, shellQuote } from '@cloudmux/core/http';

describe('isSensitiveName', () => {
  it.each(['authorization', 'Proxy-Authorization', 'cookie', 'set-cookie', 'x-auth-token', 'X-Amz-Security-Token', 'X-Amz-Signature', 'Signature', 'X-Amz-Credential', 'password', 'adminPass', 'secret', 'SecretAccessKey', 'client_secret', 'private_key', 'privateKey', 'apiKey', 'x-auth-key', 'keyMaterial', 'x-subject-token', 'token'])(
    '%s is sensitive',
    (name) => expect(isSensitiveName(name)).toBe(true),
  );

  it.each(['content-type', 'x-request-id', 'name', 'NextToken', 'ClientToken', 'x-amz-content-sha256', 'AccessKeyId', 'page'])('%s is not', (name) =>
    expect(isSensitiveName(name)).toBe(false),
  );

  it('adds extra names, case- and separator-insensitively', () => {
    expect(isSensitiveName('Tenant-Key', ['tenant_key'])).toBe(true);
    expect(isSensitiveName('tenant', ['tenant_key'])).toBe(false);
  });
});

describe('redactHeaders', () => {
  it('replaces secret values, keeping the auth scheme', () => {
    const out = redactHeaders({
      authorization: 'Signature keyId="/me/keys/k",signature="abc"',
      'x-auth-token': 'tok',
      'set-cookie': ['a=1', 'b=2'],
      'content-type': 'application/json',
      'x-tenant': 'acme',
    }, ['x-tenant']);
    expect(out).toEqual({
      authorization: 'Signature REDACTED',
      'x-auth-token': 'REDACTED',
      'set-cookie': ['REDACTED', 'REDACTED'],
      'content-type': 'application/json',
      'x-tenant': 'REDACTED',
    });
  });
});

describe('redactUrl', () => {
  it('redacts secret query parameters and userinfo passwords, keeping the rest byte for byte', () => {
    expect(redactUrl('https://s3.example/b/k?X-Amz-Credential=AKIA%2F2024&X-Amz-Signature=abc&X-Amz-Expires=60&a=%20b')).toBe(
      'https://s3.example/b/k?X-Amz-Credential=REDACTED&X-Amz-Signature=REDACTED&X-Amz-Expires=60&a=%20b',
    );
    expect(redactUrl(new URL('https://user:pa55@host.example/x?token=t#frag'))).toBe('https://user:REDACTED@host.example/x?token=REDACTED');
    expect(redactUrl('http://h/x?Signature=s&Action=DescribeInstances', [])).toBe('http://h/x?Signature=REDACTED&Action=DescribeInstances');
    expect(redactUrl('http://h/x?account=42', ['account'])).toBe('http://h/x?account=REDACTED');
    expect(redactUrl('http://h/path@thing')).toBe('http://h/path@thing');
  });
});

describe('redactText', () => {
  it('redacts JSON keys, XML elements, form fields, header lines and PEM private keys', () => {
    const json = '{"auth":{"passwordCredentials":{"username":"bob","password":"p\\"w"}},"token":{"id":"t1"},"apiKey":"k1","name":"web","count":3}';
    const out = redactText(json);
    expect(out).not.toMatch(/p\\"w|"k1"/);
    expect(out).toContain('"username":"bob"');
    expect(out).toContain('"name":"web"');
    expect(JSON.parse(out)).toMatchObject({ apiKey: 'REDACTED', auth: { passwordCredentials: { password: 'REDACTED' } } });

    expect(redactText('<Credentials><AccessKeyId>AKIA</AccessKeyId><SecretAccessKey>sk</SecretAccessKey><SessionToken>st</SessionToken></Credentials>')).toBe(
      '<Credentials><AccessKeyId>AKIA</AccessKeyId><SecretAccessKey>REDACTED</SecretAccessKey><SessionToken>REDACTED</SessionToken></Credentials>',
    );
    expect(redactText('Action=CreateUser&Password=hunter2&UserName=bob')).toBe('Action=CreateUser&Password=REDACTED&UserName=bob');
    expect(redactText('Authorization: AWS4-HMAC-SHA256 Credential=AKIA/x, Signature=ff\nHost: h')).toBe('Authorization: AWS4-HMAC-SHA256 REDACTED\nHost: h');
    expect(redactText('keyId="k",signature="abc=="')).toBe('keyId="k",signature=REDACTED');
    const pem = '{"keyMaterial":"x","pk":"-----BEGIN RSA PRIVATE KEY-----\\nMIIE\\n-----END RSA PRIVATE KEY-----"}';
    expect(redactText(pem)).not.toContain('MIIE');
    expect(redactText('-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA truncated')).not.toContain('AAAA');
    expect(redactText('{"tenantKey":"tk"}', ['tenantKey'])).toBe('{"tenantKey":"REDACTED"}');
  });
});

describe('toCurl', () => {
  it('builds a redacted, replayable command', () => {
    const cmd = toCurl({
      method: 'POST',
      url: 'https://api.example/v1/x?token=t&a=1',
      headers: { authorization: 'Bearer abc', 'content-type': 'application/json', 'content-length': '20', 'x-note': "it's" },
      body: '{"password":"pw","name":"n"}',
      insecure: true,
    });
    expect(cmd).toBe(
      "curl -sS -k -X POST 'https://api.example/v1/x?token=REDACTED&a=1' -H 'authorization: Bearer REDACTED' -H 'content-type: application/json' " +
        `-H 'x-note: it'\\''s' --data-binary '{"password":"REDACTED","name":"n"}'`,
    );
    expect(toCurl({ method: 'HEAD', url: 'http://h/', headers: {} })).toBe("curl -sS --head 'http://h/'");
    expect(toCurl({ method: 'PUT', url: 'http://h/', headers: {}, body: Buffer.from([0, 1, 2]) })).toContain('@body.bin # 3 bytes not shown');
    expect(shellQuote("a'b")).toBe(`'a'\\''b'`);
  });
});
