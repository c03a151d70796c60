import { InvalidArgumentError, ProviderError, RateLimitError, TimeoutError } from '@cloudmux/core/errors';
import { Ec2NodeDriver } from '../../src/ec2/driver.js';
import { CREDS, start, type Harness } from './helpers.js';

const IMAGE = 'ami-0c0ffee0000000a01';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function count(harness: Harness, action: string): number {
  return harness.sim.calls.filter((c) => c.action === action).length;
}

describe('throttling sent with HTTP 400 is retried by the core loop (issue #9, item 8)', () => {
  it.each(['RequestLimitExceeded', 'Throttling', 'ThrottlingException', 'TooManyRequestsException', 'SlowDown', 'RequestThrottled'])(
    'retries a read throttled with 400 %s',
    async (code) => {
      h = await start();
      h.sim.injectActionFault({ action: 'DescribeInstances', kind: 'error', status: 400, code, times: 2 });
      expect(await h.driver.listNodes()).toEqual([]);
      expect(h.sim.calls.map((c) => c.errorCode)).toEqual([code, code, undefined]);
    },
  );

  it('retries a throttled write (refused before it ran) with 400, within the retry limit', async () => {
    h = await start({}, { retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 2 } });
    h.sim.injectActionFault({ action: 'CreateKeyPair', kind: 'error', status: 400, code: 'Throttling' });
    expect((await h.driver.createKeyPair({ name: 'k' })).name).toBe('k');
    expect(count(h, 'CreateKeyPair')).toBe(2);
    h.sim.injectActionFault({ action: 'CreateKeyPair', kind: 'error', status: 400, code: 'Throttling', times: 3 });
    const err = (await h.driver.createKeyPair({ name: 'k2' }).catch((e: unknown) => e)) as RateLimitError;
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err.message).toContain('CreateKeyPair');
    expect(err.mayHaveSucceeded).toBe(false);
    expect(count(h, 'CreateKeyPair')).toBe(4);
  });
});

describe('a create that may have succeeded says so (issue #9, item 6)', () => {
  it('AllocateAddress whose connection dropped after EC2 allocated: mayHaveSucceeded, and how to check', async () => {
    h = await start();
    h.sim.injectActionFault({ action: 'AllocateAddress', kind: 'reset-after-handling' });
    const err = (await h.driver.exAllocateAddress().catch((e: unknown) => e)) as ProviderError;
    expect(err).toBeInstanceOf(ProviderError);
    expect(err.mayHaveSucceeded).toBe(true);
    expect(err.message).toContain('AllocateAddress');
    expect(err.message).toContain('resource may exist');
    expect(err.message).toContain('exListAddresses()');
    expect(count(h, 'AllocateAddress')).toBe(1);
    expect(await h.driver.exListAddresses()).toHaveLength(1);
  });

  it('CreateKeyPair answered with a 5xx: mayHaveSucceeded, pointing at getKeyPair', async () => {
    h = await start();
    h.sim.injectActionFault({ action: 'CreateKeyPair', kind: 'error', status: 500, code: 'InternalError' });
    const err = (await h.driver.createKeyPair({ name: 'k2' }).catch((e: unknown) => e)) as ProviderError;
    expect(err).toMatchObject({ providerCode: 'InternalError', retryable: true, mayHaveSucceeded: true });
    expect(err.message).toContain('getKeyPair("k2")');
    expect(count(h, 'CreateKeyPair')).toBe(1);
  });

  it('a RunInstances that exhausts its retries carries its ClientToken, and retrying with it launches nothing new', async () => {
    h = await start({}, { retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 2 } });
    h.sim.injectActionFault({ action: 'RunInstances', kind: 'reset-after-handling', times: 2 });
    const err = (await h.driver.createNode({ name: 'once', size: 't3.micro', image: IMAGE }).catch((e: unknown) => e)) as ProviderError;
    expect(err).toBeInstanceOf(ProviderError);
    expect(count(h, 'RunInstances')).toBe(2);
    expect(err.clientToken).toMatch(/^[0-9a-f-]{36}$/);
    expect(err.mayHaveSucceeded).toBe(true);
    expect(err.message).toContain('RunInstances');
    expect(err.message).toContain(`clientToken: "${err.clientToken}"`);
    expect(h.sim.state.instances.size).toBe(1);

    const node = await h.driver.createNode({ name: 'once', size: 't3.micro', image: IMAGE, ex: { clientToken: err.clientToken } });
    expect(h.sim.state.instances.size).toBe(1);
    expect([...h.sim.state.instances.keys()]).toEqual([node.id]);
    expect(node.extra.clientToken).toBe(err.clientToken);
  });

  it('refuses a malformed ex.clientToken before calling EC2', async () => {
    h = await start();
    await expect(h.driver.createNode({ size: 't3.micro', image: IMAGE, ex: { clientToken: '' } })).rejects.toThrow(InvalidArgumentError);
    await expect(h.driver.createNode({ size: 't3.micro', image: IMAGE, ex: { clientToken: 'x'.repeat(65) } })).rejects.toThrow(
      /ex\.clientToken/,
    );
    expect(h.sim.calls).toHaveLength(0);
  });
});

describe('network errors and timeouts name the Action (issue #9, item 9)', () => {
  it('names it for a reset connection and for a timeout, without AsyncLocalStorage', async () => {
    h = await start({}, { retry: false, timeoutMs: 150 });
    h.sim.injectActionFault({ action: 'DescribeKeyPairs', kind: 'reset' });
    const reset = (await h.driver.listKeyPairs().catch((e: unknown) => e)) as ProviderError;
    expect(reset).toBeInstanceOf(ProviderError);
    expect(reset.message).toContain('DescribeKeyPairs');
    h.sim.injectActionFault({ action: 'DescribeKeyPairs', kind: 'latency', ms: 1000 });
    const slow = (await h.driver.listKeyPairs().catch((e: unknown) => e)) as TimeoutError;
    expect(slow).toBeInstanceOf(TimeoutError);
    expect(slow.message).toContain('DescribeKeyPairs');
  });

  it('concurrent calls each name their own action', async () => {
    h = await start({}, { retry: false });
    h.sim.injectActionFault({ action: 'DescribeKeyPairs', kind: 'reset' });
    h.sim.injectActionFault({ action: 'DescribeInstances', kind: 'error', status: 400, code: 'InvalidParameterValue' });
    const [a, b] = await Promise.all([h.driver.listKeyPairs().catch((e: unknown) => e), h.driver.listNodes().catch((e: unknown) => e)]);
    expect((a as Error).message).toContain('DescribeKeyPairs');
    expect((a as Error).message).not.toContain('DescribeInstances');
    expect((b as Error).message).toContain('DescribeInstances');
    expect((b as Error).message).not.toContain('DescribeKeyPairs');
  });
});

describe('connection options are validated at construction (issue #9, item 5)', () => {
  it.each([Infinity, 0, -1, NaN])('timeoutMs %p', (timeoutMs) => {
    expect(() => new Ec2NodeDriver(CREDS.accessKeyId, CREDS.secretAccessKey, { endpoint: 'http://127.0.0.1:1', timeoutMs })).toThrow(
      InvalidArgumentError,
    );
    expect(() => new Ec2NodeDriver(CREDS.accessKeyId, CREDS.secretAccessKey, { endpoint: 'http://127.0.0.1:1', timeoutMs })).toThrow(
      /ec2: "timeoutMs" must be a finite number of milliseconds from 1 to 2147483647/,
    );
  });

  it('retry policy numbers', () => {
    expect(
      () => new Ec2NodeDriver(CREDS.accessKeyId, CREDS.secretAccessKey, { endpoint: 'http://127.0.0.1:1', retry: { limit: -1 } }),
    ).toThrow(/retry\.limit/);
    expect(
      () => new Ec2NodeDriver(CREDS.accessKeyId, CREDS.secretAccessKey, { endpoint: 'http://127.0.0.1:1', retry: { deadlineMs: NaN } }),
    ).toThrow(/retry\.deadlineMs/);
  });
});
