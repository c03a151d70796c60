import { isSensitiveName, redactHeaders, redactText, redactUrl, redactValue, toCurl, shellQuote } from '@cloudmux/core/http';

describe('isSensitiveName', () => {
  it.each([
    'authorization',
    'Proxy-Authorization',
    'cookie',
    'set-cookie',
    'x-auth-token',
    'X-Amz-Security-Token',
    'X-Amz-Signature',
    'Signature',
    'X-Amz-Credential',
    'password',
    'adminPass',
    'secret',
    'SecretAccessKey',
    'client_secret',
    'private_key',
    'privateKey',
    'apiKey',
    'x-auth-key',
    'keyMaterial',
    'x-subject-token',
    'token',
  ])('%s is sensitive', (name) => expect(isSensitiveName(name)).toBe(true));

  it.each(['content-type', 'x-request-id', 'name', 'NextToken', 'ClientToken', 'x-amz-content-sha256', 'AccessKeyId', 'page'])(
    '%s is not',
    (name) => expect(isSensitiveName(name)).toBe(false),
  );

  it('adds extra names, case- and separator-insensitively', () => {
    expect(isSensitiveName('Tenant-Key', ['tenant_key'])).toBe(true);
    expect(isSensitiveName('tenant', ['tenant_key'])).toBe(false);
  });
});

describe('redactHeaders', () => {
  it('replaces secret values, keeping the auth scheme', () => {
    const out = redactHeaders(
      {
        authorization: 'Signature keyId="/me/keys/k",signature="abc"',
        'x-auth-token': 'tok',
        'set-cookie': ['a=1', 'b=2'],
        'content-type': 'application/json',
        'x-tenant': 'acme',
      },
      ['x-tenant'],
    );
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
  it('redacts sensitive elements of XML carried entity-escaped inside another document (XML-RPC strings)', () => {
    const body =
      '<methodResponse><params><param><value><string>&lt;VM&gt;&lt;NAME&gt;web&lt;/NAME&gt;&lt;TEMPLATE&gt;' +
      '&lt;CONTEXT&gt;&lt;ROOT_PASSWORD&gt;&lt;![CDATA[hunter2]]&gt;&lt;/ROOT_PASSWORD&gt;&lt;SECRET_KEY x="1"&gt;s3cr3t&lt;/SECRET_KEY&gt;' +
      '&lt;/CONTEXT&gt;&lt;/TEMPLATE&gt;&lt;/VM&gt;</string></value></param></params></methodResponse>';
    const out = redactText(body);
    expect(out).not.toMatch(/hunter2|s3cr3t/);
    expect(out).toContain('&lt;NAME&gt;web&lt;/NAME&gt;');
    expect(out).toContain('&lt;ROOT_PASSWORD&gt;REDACTED&lt;/ROOT_PASSWORD&gt;');
  });

  it('redacts JSON keys, XML elements, form fields, header lines and PEM private keys', () => {
    const json =
      '{"auth":{"passwordCredentials":{"username":"bob","password":"p\\"w"}},"token":{"id":"t1"},"apiKey":"k1","name":"web","count":3}';
    const out = redactText(json);
    expect(out).not.toMatch(/p\\"w|"k1"/);
    expect(out).toContain('"name":"web"');
    expect(out).toContain('"count":3');
    // Whole values under sensitive keys: the credentials object and the token object go entirely.
    expect(JSON.parse(out)).toEqual({
      auth: { passwordCredentials: 'REDACTED' },
      token: 'REDACTED',
      apiKey: 'REDACTED',
      name: 'web',
      count: 3,
    });

    expect(
      redactText(
        '<Credentials><AccessKeyId>AKIA</AccessKeyId><SecretAccessKey>sk</SecretAccessKey><SessionToken>st</SessionToken></Credentials>',
      ),
    ).toBe('<Credentials>REDACTED</Credentials>');
    expect(
      redactText('<Item><AccessKeyId>AKIA</AccessKeyId><SecretAccessKey>sk</SecretAccessKey><SessionToken>st</SessionToken></Item>'),
    ).toBe('<Item><AccessKeyId>AKIA</AccessKeyId><SecretAccessKey>REDACTED</SecretAccessKey><SessionToken>REDACTED</SessionToken></Item>');
    expect(redactText('Action=CreateUser&Password=hunter2&UserName=bob')).toBe('Action=CreateUser&Password=REDACTED&UserName=bob');
    expect(redactText('Authorization: AWS4-HMAC-SHA256 Credential=AKIA/x, Signature=ff\nHost: h')).toBe(
      'Authorization: AWS4-HMAC-SHA256 REDACTED\nHost: h',
    );
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
    expect(toCurl({ method: 'PUT', url: 'http://h/', headers: {}, body: Buffer.from([0, 1, 2]) })).toContain(
      '@body.bin # 3 bytes not shown',
    );
    expect(shellQuote("a'b")).toBe(`'a'\\''b'`);
  });
});

describe('structural redaction (issue 9)', () => {
  // A CloudAPI GetMachine answer with `?credentials=true` and a boot script.
  const machine = {
    id: 'b6979942-7d5d-4fe6-a2ec-b812e950625a',
    name: 'web',
    state: 'running',
    metadata: { root_pw: 's3cr3t-root', db_pass: 'x-db-pass-1', 'user-script': '#!/bin/sh\necho "admin:script-pw" | chpasswd', role: 'db' },
    credentials: { root: 'pw1-generated', admin: 'pw2-generated' },
    tags: { env: 'prod' },
  };
  const SECRETS = ['s3cr3t-root', 'x-db-pass-1', 'script-pw', 'pw1-generated', 'pw2-generated'];

  it.each([
    'root_pw',
    'db_pass',
    'admin_pwd',
    'ROOT_PW',
    'rootPw',
    'dbPass',
    'metadata.root_pw',
    'metadata.db_pass',
    'credentials',
    'passphrase',
    'client_secret',
    'x-auth-token',
    'Signature',
  ])('%s is sensitive', (name) => expect(isSensitiveName(name)).toBe(true));

  it.each(['role', 'compass', 'ssh_pubkey', 'root_authorized_keys', 'metadata.role', 'NextToken'])('%s is not', (name) =>
    expect(isSensitiveName(name)).toBe(false),
  );

  it('per-driver extra names also match a segment of a dotted name', () => {
    expect(isSensitiveName('metadata.user-script', ['user-script'])).toBe(true);
    expect(isSensitiveName('LaunchSpecification.UserData', ['UserData'])).toBe(true);
    expect(isSensitiveName('UserData.Value', ['UserData'])).toBe(true);
    expect(isSensitiveName('Credentials.1.Name')).toBe(true);
    expect(isSensitiveName('Filter.1.Value', ['UserData'])).toBe(false);
    expect(isSensitiveName('metadata.user-script')).toBe(false);
  });

  it('redacts whole values under sensitive keys in a JSON body, nested objects included', () => {
    const out = redactText(JSON.stringify(machine), ['user-script']);
    for (const s of SECRETS) expect(out).not.toContain(s);
    expect(JSON.parse(out)).toEqual({
      ...machine,
      metadata: { root_pw: 'REDACTED', db_pass: 'REDACTED', 'user-script': 'REDACTED', role: 'db' },
      credentials: 'REDACTED',
    });
    const pretty = redactText(JSON.stringify(machine, null, 2), ['user-script']);
    for (const s of SECRETS) expect(pretty).not.toContain(s);
    expect(pretty).toContain('"role": "db"');
  });

  it('redacts a flattened CreateMachine body (metadata.<key>) and a user-script', () => {
    const body = JSON.stringify({
      name: 'web',
      'metadata.root_pw': 's3cr3t-root',
      'metadata.db_pass': 'x-db-pass-1',
      'metadata.user-script': 'echo script-pw',
      'tag.env': 'prod',
    });
    const out = redactText(body, ['user-script']);
    for (const s of SECRETS) expect(out).not.toContain(s);
    expect(JSON.parse(out)).toMatchObject({ name: 'web', 'tag.env': 'prod' });
  });

  it('redacts a nested credentials object in truncated JSON (a malformed-body snippet)', () => {
    const text = JSON.stringify({
      id: 'm1',
      metadata: { credentials: { root: 'pw1-generated', admin: 'pw2-generated' }, role: 'db' },
      name: 'web',
    });
    for (let cut = 20; cut < text.length; cut += 7) {
      const out = redactText(text.slice(0, cut));
      for (const s of ['pw1-generated', 'pw2-generated']) expect(out).not.toContain(s);
      for (const s of ['pw1-generat', 'pw2-gen']) expect(out).not.toContain(s);
    }
    expect(redactText('{"metadata":{"credentials":{"root":"pw1-generated","adm')).toBe('{"metadata":{"credentials":"REDACTED"');
    expect(redactText('{"password":"unterminated-secr')).toBe('{"password":"REDACTED"');
  });

  it('redacts the whole content of sensitive XML elements, also when truncated', () => {
    const xml = '<r><userData><value>dXNlci1kYXRh</value></userData><instanceId>i-1</instanceId><password>trunc-secret';
    const out = redactText(xml, ['UserData']);
    expect(out).toBe('<r><userData>REDACTED</userData><instanceId>i-1</instanceId><password>REDACTED');
  });

  it('redacts secret query parameters by pattern: ?Password=, ?db_pass=, ?metadata.root_pw=', () => {
    expect(redactUrl('https://h/x?Password=hunter2&Name=n')).toBe('https://h/x?Password=REDACTED&Name=n');
    expect(redactUrl('https://h/x?db_pass=p1&metadata.root_pw=p2&role=db')).toBe(
      'https://h/x?db_pass=REDACTED&metadata.root_pw=REDACTED&role=db',
    );
    expect(redactText('Action=X&LaunchSpecification.UserData=c2VjcmV0&InstanceType=t3.micro', ['UserData'])).toBe(
      'Action=X&LaunchSpecification.UserData=REDACTED&InstanceType=t3.micro',
    );
  });

  it('redacts PEM private key blocks anywhere in text, JSON-escaped or truncated', () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIKEYMATERIAL\n-----END PRIVATE KEY-----';
    expect(redactText(`note: ${pem} end`)).not.toContain('KEYMATERIAL');
    expect(redactText(JSON.stringify({ note: pem }))).not.toContain('KEYMATERIAL');
    expect(redactText(pem.slice(0, 50))).not.toContain('KEYMAT');
  });

  it('redactValue copies a value with whole sensitive subtrees replaced', () => {
    const out = redactValue(machine, ['user-script']);
    expect(out).toEqual({
      ...machine,
      metadata: { root_pw: 'REDACTED', db_pass: 'REDACTED', 'user-script': 'REDACTED', role: 'db' },
      credentials: 'REDACTED',
    });
    expect(machine.metadata.root_pw).toBe('s3cr3t-root');
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(redactValue(cyclic)).toEqual({ a: 1, self: '[Circular]' });
  });
});
