import {
  InvalidArgumentError,
  AlreadyExistsError,
  BadRequestError,
  ChecksumMismatchError,
  InvalidCredentialsError,
  NotFoundError,
  RateLimitError,
} from '@cloudmux/core/errors';
import type { HttpErrorContext } from '@cloudmux/core/http';
import {
  CLOUDFLARE_R2_PROVIDER,
  DIGITALOCEAN_SPACES_PROVIDER,
  MINIO_PROVIDER,
  S3_REGIONS,
  S3StorageDriver,
  WASABI_PROVIDER,
} from '@cloudmux/aws';
import { presignUrlV4 } from '../../src/s3/presign.js';
import { inspect } from 'node:util';
import { resolveS3Options } from '../../src/s3/options.js';
import { S3_PROVIDER } from '../../src/s3/providers.js';
import { S3Client } from '../../src/s3/client.js';
import { mapS3Error, redirectRegion } from '../../src/s3/errors.js';

describe('S3 presigned URLs (SigV4 query authentication)', () => {
  it('matches the documented example of "Authenticating Requests: Using Query Parameters"', () => {
    // AWS S3 API reference, sigv4-query-string-auth: GET examplebucket/test.txt, 24 h, us-east-1.
    const url = presignUrlV4(
      {
        method: 'GET',
        url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
        region: 'us-east-1',
        expiresSec: 86400,
        now: new Date('2013-05-24T00:00:00Z'),
      },
      { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
    );
    const u = new URL(url);
    expect(u.searchParams.get('X-Amz-Credential')).toBe('AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request');
    expect(u.searchParams.get('X-Amz-SignedHeaders')).toBe('host');
    expect(u.searchParams.get('X-Amz-Expires')).toBe('86400');
    expect(u.searchParams.get('X-Amz-Signature')).toBe('aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404');
  });

  it('changes with the method (a GET URL is not a PUT URL)', () => {
    const at = { url: new URL('https://b.s3.amazonaws.com/k'), region: 'us-east-1', expiresSec: 60, now: new Date('2024-01-01T00:00:00Z') };
    const creds = { accessKeyId: 'AKID', secretAccessKey: 'secret' };
    const get = new URL(presignUrlV4({ ...at, method: 'GET' }, creds)).searchParams.get('X-Amz-Signature');
    const put = new URL(presignUrlV4({ ...at, method: 'PUT' }, creds)).searchParams.get('X-Amz-Signature');
    expect(get).not.toBe(put);
  });
});

describe('S3 options, regions and addressing', () => {
  it('knows every AWS region and lists them for an unknown one', () => {
    expect(S3_REGIONS.map((r) => r.id)).toEqual(expect.arrayContaining(['us-east-1', 'eu-west-1', 'ap-southeast-2', 'cn-north-1']));
    expect(S3_REGIONS.find((r) => r.id === 'cn-north-1')?.endpoint).toBe('https://s3.cn-north-1.amazonaws.com.cn');
    const err = (() => {
      try {
        return new S3StorageDriver('AKID', 'secret', { region: 'mars-1' });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect(String(err)).toMatch(/mars-1.*Valid values: .*us-east-1.*eu-west-1/);
  });

  it('builds virtual-hosted URLs for AWS and path-style ones on request or for custom endpoints', () => {
    const aws = new S3Client({ accessKeyId: 'a', secretAccessKey: 'b' }, resolveS3Options({ region: 'eu-west-1' }, S3_PROVIDER));
    expect(aws.url('my-bucket', 'dir/a b+c.txt').href).toBe('https://my-bucket.s3.eu-west-1.amazonaws.com/dir/a%20b%2Bc.txt');
    // Dotted names cannot be a TLS host label: path style for them.
    expect(aws.url('my.bucket', 'k').href).toBe('https://s3.eu-west-1.amazonaws.com/my.bucket/k');
    const path = new S3Client({ accessKeyId: 'a', secretAccessKey: 'b' }, resolveS3Options({ forcePathStyle: true }, S3_PROVIDER));
    expect(path.url('my-bucket', 'k').href).toBe('https://s3.us-east-1.amazonaws.com/my-bucket/k');
    const local = new S3Client(
      { accessKeyId: 'a', secretAccessKey: 'b' },
      resolveS3Options({ endpoint: 'http://127.0.0.1:9000/' }, MINIO_PROVIDER),
    );
    expect(local.url('b1', undefined).href).toBe('http://127.0.0.1:9000/b1');
  });

  it('fills the endpoint templates of the S3-compatible presets', () => {
    expect(resolveS3Options({ provider: WASABI_PROVIDER, region: 'eu-central-1' }, S3_PROVIDER).endpoint).toBe(
      'https://s3.eu-central-1.wasabisys.com',
    );
    expect(resolveS3Options({ provider: DIGITALOCEAN_SPACES_PROVIDER, region: 'fra1' }, S3_PROVIDER).endpoint).toBe(
      'https://fra1.digitaloceanspaces.com',
    );
    expect(resolveS3Options({ provider: CLOUDFLARE_R2_PROVIDER, accountId: 'abc123' }, S3_PROVIDER).endpoint).toBe(
      'https://abc123.r2.cloudflarestorage.com',
    );
    expect(() => resolveS3Options({ provider: CLOUDFLARE_R2_PROVIDER }, S3_PROVIDER)).toThrow(/accountId/);
    expect(() => resolveS3Options({ provider: MINIO_PROVIDER }, S3_PROVIDER)).toThrow(/endpoint/);
    expect(() => resolveS3Options({ provider: DIGITALOCEAN_SPACES_PROVIDER, region: 'us-east-1' }, S3_PROVIDER)).toThrow(/nyc3/);
    expect(() => resolveS3Options({ listApiVersion: 3 as 2 }, S3_PROVIDER)).toThrow(InvalidArgumentError);
  });

  it('sends UNSIGNED-PAYLOAD by default over TLS only, unless told otherwise', () => {
    expect(resolveS3Options({}, S3_PROVIDER).unsignedPayload).toBe(true);
    expect(resolveS3Options({ endpoint: 'https://minio.example:9000' }, S3_PROVIDER).unsignedPayload).toBe(true);
    expect(resolveS3Options({ endpoint: 'http://127.0.0.1:9000' }, S3_PROVIDER).unsignedPayload).toBe(false);
    expect(resolveS3Options({ endpoint: 'http://127.0.0.1:9000', unsignedPayload: true }, S3_PROVIDER).unsignedPayload).toBe(true);
    expect(resolveS3Options({ unsignedPayload: false }, S3_PROVIDER).unsignedPayload).toBe(false);
    expect(() => resolveS3Options({ unsignedPayload: 'yes' as unknown as boolean }, S3_PROVIDER)).toThrow(
      /unsignedPayload must be a boolean, got "yes"/,
    );
  });

  it('keeps the secret out of inspect output', () => {
    const d = new S3StorageDriver('AKIDVISIBLE', 'super-secret-value');
    expect(inspect(d, { depth: 5 })).not.toContain('super-secret-value');
  });
});

function ctx(status: number, body: string, headers: Record<string, string> = {}): HttpErrorContext {
  return {
    provider: 's3',
    status,
    headers,
    bodyText: body,
    method: 'GET',
    url: 'https://b.s3.amazonaws.com/k',
    requestId: undefined,
    retryAfterMs: undefined,
  };
}
const err = (code: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>m</Message><RequestId>RID1</RequestId></Error>`;

describe('S3 error XML mapping', () => {
  it.each([
    ['NoSuchKey', 404, NotFoundError],
    ['NoSuchBucket', 404, NotFoundError],
    ['AccessDenied', 403, InvalidCredentialsError],
    ['SignatureDoesNotMatch', 403, InvalidCredentialsError],
    ['InvalidAccessKeyId', 403, InvalidCredentialsError],
    ['BucketAlreadyOwnedByYou', 409, AlreadyExistsError],
    ['BucketAlreadyExists', 409, AlreadyExistsError],
    ['SlowDown', 503, RateLimitError],
    ['BadDigest', 400, ChecksumMismatchError],
    ['BucketNotEmpty', 409, BadRequestError],
  ] as const)('%s → %p', (code, status, Type) => {
    const e = mapS3Error(ctx(status, err(code)));
    expect(e).toBeInstanceOf(Type);
    expect(e.providerCode).toBe(code);
    expect(e.requestId).toBe('RID1');
  });

  it('maps bodiless HEAD answers by status', () => {
    expect(mapS3Error(ctx(404, ''))).toBeInstanceOf(NotFoundError);
    expect(mapS3Error(ctx(403, ''))).toBeInstanceOf(InvalidCredentialsError);
    expect(mapS3Error(ctx(503, ''))).toBeInstanceOf(RateLimitError);
  });

  it('reads the region of a redirect from the header or the body', () => {
    expect(redirectRegion(ctx(301, '', { 'x-amz-bucket-region': 'eu-west-1' }))).toBe('eu-west-1');
    expect(redirectRegion(ctx(301, '<Error><Code>PermanentRedirect</Code><Region>ap-south-1</Region></Error>'))).toBe('ap-south-1');
    expect(redirectRegion(ctx(400, '<Error><Code>AuthorizationHeaderMalformed</Code><Region>us-west-2</Region></Error>'))).toBe(
      'us-west-2',
    );
    expect(redirectRegion(ctx(404, err('NoSuchKey')))).toBeUndefined();
  });
});

describe('S3-compatible preset classes', () => {
  it('use their provider definition and endpoint template', async () => {
    const { WasabiStorageDriver, MinioStorageDriver } = await import('@cloudmux/aws');
    const w = new WasabiStorageDriver('AKID', 'secret', { region: 'eu-central-1' });
    expect(w.providerId).toBe('wasabi');
    expect(await w.getObjectTempUrl('my-bucket', { name: 'k', expiresInMs: 60_000 })).toMatch(
      /^https:\/\/my-bucket\.s3\.eu-central-1\.wasabisys\.com\/k\?/,
    );
    expect(() => new MinioStorageDriver('AKID', 'secret')).toThrow(/endpoint/);
    const m = new MinioStorageDriver('AKID', 'secret', { endpoint: 'http://127.0.0.1:9000' });
    expect(await m.getObjectTempUrl('b1b', { name: 'k', expiresInMs: 60_000 })).toMatch(/^http:\/\/127\.0\.0\.1:9000\/b1b\/k\?/);
  });
});
