import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import { Route53DnsDriver } from '../../src/route53/driver.js';

describe('Route53DnsDriver construction', () => {
  it('reads AWS_* variables and the Route 53 endpoint variable', () => {
    const d = Route53DnsDriver.fromEnv({
      AWS_ACCESS_KEY_ID: 'AKIAENV0000000000001',
      AWS_SECRET_ACCESS_KEY: 'env-secret',
      AWS_ENDPOINT_URL_ROUTE_53: 'http://127.0.0.1:1/',
      AWS_CONFIG_FILE: '/nonexistent',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
    });
    expect(d.endpoint).toBe('http://127.0.0.1:1');
    expect(
      Route53DnsDriver.fromEnv({
        AWS_ACCESS_KEY_ID: 'a',
        AWS_SECRET_ACCESS_KEY: 'b',
        AWS_CONFIG_FILE: '/x',
        AWS_SHARED_CREDENTIALS_FILE: '/x',
      }).endpoint,
    ).toBe('https://route53.amazonaws.com');
  });
  it('reads a profile of ~/.aws/credentials', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cmx-r53-'));
    writeFileSync(join(dir, 'credentials'), '[dns]\naws_access_key_id = AKIAPROFILE000000001\naws_secret_access_key = profile-secret\n');
    const d = Route53DnsDriver.fromEnv({
      AWS_PROFILE: 'dns',
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
      AWS_CONFIG_FILE: join(dir, 'config'),
    });
    expect(d).toBeInstanceOf(Route53DnsDriver);
    expect(JSON.stringify(d)).not.toContain('profile-secret');
  });
  it('validates options', () => {
    expect(() => new Route53DnsDriver('a', 'b', { region: 'eu-west-1' } as never)).toThrow(InvalidArgumentError);
    expect(() => new Route53DnsDriver('a', 'b', { pageSize: 301 })).toThrow(/pageSize/);
    expect(() => new Route53DnsDriver('a', '')).toThrow(/secret access key/);
    expect(() => new Route53DnsDriver('a', 'b', { endpoint: 'ftp://x' })).toThrow(/http/);
  });
});
