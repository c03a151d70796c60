import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AbortError, BadRequestError, MalformedResponseError, type ProviderError } from '@cloudmux/core/errors';
import type { Container } from '@cloudmux/core/storage';
import { S3StorageDriver, type S3BucketExtra, type S3DriverOptions } from '@cloudmux/aws';
import { DEFAULT_S3_CREDENTIALS, S3Simulator } from '@cloudmux/aws/simulator';
import { S3Client } from '../../src/s3/client.js';
import { listBucketsResult, type S3BucketPage } from '../../src/s3/listing.js';
import { resolveS3Options } from '../../src/s3/options.js';
import { S3_PROVIDER } from '../../src/s3/providers.js';

const NAMES = ['a-1', 'a-2', 'a-3', 'b-1', 'b-2', 'b-3', 'b-4'];
const RETRY = { baseDelayMs: 1, maxDelayMs: 5 };

let sim: S3Simulator | undefined;
let client: S3Client | undefined;
let driver: S3StorageDriver | undefined;
let standIn: http.Server | undefined;

afterEach(async () => {
  client?.close();
  driver?.close();
  await sim?.close();
  if (standIn) await new Promise<void>((resolve) => standIn!.close(() => resolve()));
  sim = client = driver = standIn = undefined;
});

/** A simulator holding {@link NAMES}, a driver on it and a raw signed client. */
async function startSim(options: S3DriverOptions = {}): Promise<{ sim: S3Simulator; driver: S3StorageDriver; client: S3Client }> {
  sim = await S3Simulator.start();
  for (const n of NAMES) sim.createBucket(n);
  const o = { endpoint: sim.endpoint, retry: RETRY, ...options };
  driver = new S3StorageDriver(DEFAULT_S3_CREDENTIALS.accessKeyId, DEFAULT_S3_CREDENTIALS.secretAccessKey, o);
  client = new S3Client(DEFAULT_S3_CREDENTIALS, resolveS3Options(o, S3_PROVIDER));
  return { sim, driver, client };
}

/** One raw ListBuckets request. */
async function listPage(c: S3Client, query: Record<string, string>): Promise<S3BucketPage & { body: string }> {
  const res = await c.send({ method: 'GET', query, action: 'ListBuckets' });
  return { ...listBucketsResult(res.body), body: res.body };
}

function listCalls(s: S3Simulator): number {
  return s.calls.filter((c) => c.operation === 'ListBuckets').length;
}

/** A server that answers every request with `answer(url)` as ListBuckets XML, recording the request URLs. */
async function startStandIn(answer: (url: URL) => string): Promise<{ endpoint: string; urls: URL[] }> {
  const urls: URL[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    urls.push(url);
    res.writeHead(200, { 'content-type': 'application/xml', 'x-amz-request-id': `REQ${urls.length}` });
    res.end(answer(url));
  });
  standIn = server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, urls };
}

function bucketsXml(names: string[], token?: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
    '<Owner><ID>me</ID><DisplayName>me</DisplayName></Owner><Buckets>' +
    names.map((n) => `<Bucket><Name>${n}</Name><CreationDate>2024-01-02T03:04:05.000Z</CreationDate></Bucket>`).join('') +
    '</Buckets>' +
    (token === undefined ? '' : `<ContinuationToken>${token}</ContinuationToken>`) +
    '</ListAllMyBucketsResult>'
  );
}

/** `listContainers` (the portable drain of `iterateContainers`), typed with the S3 extras. */
async function listAll(d: S3StorageDriver): Promise<Container<S3BucketExtra>[]> {
  return (await d.listContainers()) as Container<S3BucketExtra>[];
}

function standInDriver(endpoint: string): S3StorageDriver {
  driver = new S3StorageDriver('AKIASTANDIN000000001', 'stand-in-secret', { endpoint, pageSize: 2, retry: RETRY });
  return driver;
}

describe('listBucketsResult', () => {
  it('reads names, dates, BucketRegion and ContinuationToken; an empty token is the last page', () => {
    const page = listBucketsResult(
      '<ListAllMyBucketsResult><Buckets><Bucket><Name>x</Name><CreationDate>2024-10-16T00:00:00.000Z</CreationDate>' +
        '<BucketRegion>eu-west-1</BucketRegion></Bucket><Bucket><Name>y</Name></Bucket></Buckets>' +
        '<ContinuationToken>tok+/=</ContinuationToken><Prefix></Prefix></ListAllMyBucketsResult>',
    );
    expect(page).toEqual({
      buckets: [
        { name: 'x', creationDate: new Date('2024-10-16T00:00:00.000Z'), region: 'eu-west-1' },
        { name: 'y', creationDate: undefined, region: undefined },
      ],
      next: 'tok+/=',
    });
    expect(listBucketsResult(bucketsXml(['a'], '')).next).toBeUndefined();
    expect(listBucketsResult(bucketsXml([])).buckets).toEqual([]);
  });
});

describe('S3 simulator ListBuckets paging', () => {
  it('pages by max-buckets with an opaque ContinuationToken, BucketRegion, and no token on the last page', async () => {
    const { sim, client } = await startSim();
    sim.createBucket('c-far', 'eu-west-1');
    const seen: string[] = [];
    let token: string | undefined;
    const sizes: number[] = [];
    do {
      const page = await listPage(client, { 'max-buckets': '3', ...(token ? { 'continuation-token': token } : {}) });
      sizes.push(page.buckets.length);
      for (const b of page.buckets) {
        seen.push(b.name);
        expect(b.region).toBe(b.name === 'c-far' ? 'eu-west-1' : 'us-east-1');
        expect(b.creationDate).toBeInstanceOf(Date);
      }
      if (page.next !== undefined) expect(page.next).not.toContain('b-');
      token = page.next;
    } while (token !== undefined);
    expect(sizes).toEqual([3, 3, 2]);
    expect(seen).toEqual([...NAMES, 'c-far']);
  });

  it('answers every bucket, unpaged and without BucketRegion, when no paging parameter is sent', async () => {
    const { client } = await startSim();
    const page = await listPage(client, {});
    expect(page.buckets.map((b) => b.name)).toEqual(NAMES);
    expect(page.buckets.every((b) => b.region === undefined)).toBe(true);
    expect(page.next).toBeUndefined();
    expect(page.body).not.toContain('<ContinuationToken>');
  });

  it('filters by prefix (echoed as <Prefix>) and by bucket-region, across pages', async () => {
    const { sim, client } = await startSim();
    sim.createBucket('b-9', 'eu-west-1');
    const first = await listPage(client, { prefix: 'b-', 'max-buckets': '3' });
    expect(first.buckets.map((b) => b.name)).toEqual(['b-1', 'b-2', 'b-3']);
    expect(first.body).toContain('<Prefix>b-</Prefix>');
    expect(first.next).toBeDefined();
    const second = await listPage(client, { prefix: 'b-', 'max-buckets': '3', 'continuation-token': first.next! });
    expect(second.buckets.map((b) => b.name)).toEqual(['b-4', 'b-9']);
    expect(second.next).toBeUndefined();
    const far = await listPage(client, { 'bucket-region': 'eu-west-1' });
    expect(far.buckets).toEqual([expect.objectContaining({ name: 'b-9', region: 'eu-west-1' })]);
  });

  it.each(['0', '10001', '-1', 'abc', '2.5', '99999999999999999999'])('refuses max-buckets=%s with 400 InvalidArgument', async (v) => {
    const { client } = await startSim();
    const e = (await listPage(client, { 'max-buckets': v }).catch((x: unknown) => x)) as ProviderError;
    expect(e).toBeInstanceOf(BadRequestError);
    expect(e.status).toBe(400);
    expect(e.providerCode).toBe('InvalidArgument');
    expect(e.providerMessage).toMatch(/max-buckets/);
  });

  it('accepts max-buckets 10000 (the maximum)', async () => {
    const { client } = await startSim();
    expect((await listPage(client, { 'max-buckets': '10000' })).buckets).toHaveLength(NAMES.length);
  });

  it('refuses a continuation token it did not issue, including an object-listing token', async () => {
    const { client, driver } = await startSim();
    await driver.uploadObject('a-1', { name: 'k1', data: Buffer.from('1') });
    await driver.uploadObject('a-1', { name: 'k2', data: Buffer.from('2') });
    const objects = await client.send({
      method: 'GET',
      bucket: 'a-1',
      query: { 'list-type': '2', 'max-keys': 1 },
      action: 'ListObjectsV2',
    });
    const objectToken = /<NextContinuationToken>([^<]+)</.exec(objects.body)?.[1];
    expect(objectToken).toBeDefined();
    for (const token of [Buffer.from('not-a-token').toString('base64url'), 'a-2', objectToken!]) {
      const e = (await listPage(client, { 'max-buckets': '2', 'continuation-token': token }).catch((x: unknown) => x)) as ProviderError;
      expect(e).toBeInstanceOf(BadRequestError);
      expect(e.providerCode).toBe('InvalidArgument');
    }
  });
});

describe('S3StorageDriver.listContainers paging', () => {
  it('lists every bucket across pages of pageSize, with region from BucketRegion', async () => {
    const { sim, driver } = await startSim({ pageSize: 3 });
    sim.createBucket('c-far', 'ap-south-1');
    const all = await listAll(driver);
    expect(all.map((c) => c.name)).toEqual([...NAMES, 'c-far']);
    expect(all.map((c) => c.extra.region)).toEqual([...NAMES.map(() => 'us-east-1'), 'ap-south-1']);
    expect(all[0]!.extra.creationDate).toBeInstanceOf(Date);
    expect(listCalls(sim)).toBe(3);
  });

  it('asks for the next page only when the consumer reads past the current one', async () => {
    const { sim, driver } = await startSim({ pageSize: 3 });
    const it = driver.iterateContainers()[Symbol.asyncIterator]();
    for (let i = 0; i < 3; i++) expect((await it.next()).value?.name).toBe(NAMES[i]);
    expect(listCalls(sim)).toBe(1);
    expect((await it.next()).value?.name).toBe(NAMES[3]);
    expect(listCalls(sim)).toBe(2);
    await it.return?.();
    expect(listCalls(sim)).toBe(2);
  });

  it('stops between pages when the signal aborts', async () => {
    const { sim, driver } = await startSim({ pageSize: 3 });
    const ac = new AbortController();
    const got: string[] = [];
    const run = async (): Promise<void> => {
      for await (const c of driver.iterateContainers({ signal: ac.signal })) {
        got.push(c.name);
        if (got.length === 3) ac.abort();
      }
    };
    await expect(run()).rejects.toBeInstanceOf(AbortError);
    expect(got).toEqual(NAMES.slice(0, 3));
    expect(listCalls(sim)).toBe(1);
  });

  it('works with a server that ignores paging: one request, every bucket', async () => {
    const names = ['s1', 's2', 's3', 's4', 's5'];
    const { endpoint, urls } = await startStandIn(() => bucketsXml(names));
    const all = await listAll(standInDriver(endpoint));
    expect(all.map((c) => c.name)).toEqual(names);
    expect(all[0]!.extra.region).toBeUndefined();
    expect(urls).toHaveLength(1);
    expect(urls[0]!.searchParams.get('max-buckets')).toBe('2');
    expect(urls[0]!.searchParams.has('continuation-token')).toBe(false);
  });

  it('sends each ContinuationToken back as continuation-token', async () => {
    const pages: Record<string, [string[], string | undefined]> = {
      '': [['p1', 'p2'], 't/1+'],
      't/1+': [['p3', 'p4'], 't 2'],
      't 2': [['p5'], undefined],
    };
    const { endpoint, urls } = await startStandIn((url) => {
      const [names, next] = pages[url.searchParams.get('continuation-token') ?? '']!;
      return bucketsXml(names, next);
    });
    expect((await standInDriver(endpoint).listContainers()).map((c) => c.name)).toEqual(['p1', 'p2', 'p3', 'p4', 'p5']);
    expect(urls.map((u) => u.searchParams.get('continuation-token'))).toEqual([null, 't/1+', 't 2']);
  });

  it('throws MalformedResponseError naming a token the server repeats, instead of looping', async () => {
    const { endpoint, urls } = await startStandIn((url) =>
      bucketsXml([`x${url.searchParams.has('continuation-token') ? 2 : 1}`], 'same-token'),
    );
    const got: string[] = [];
    const run = async (): Promise<void> => {
      for await (const c of standInDriver(endpoint).iterateContainers()) got.push(c.name);
    };
    const e = (await run().catch((x: unknown) => x)) as MalformedResponseError;
    expect(e).toBeInstanceOf(MalformedResponseError);
    expect(e.message).toContain('same-token');
    expect(e.requestId).toBe('REQ2');
    expect(got).toEqual(['x1']);
    expect(urls).toHaveLength(2);
  });
});
