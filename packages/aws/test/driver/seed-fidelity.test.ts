import { jest } from '@jest/globals';
import { NodeState } from '@cloudmux/core/compute';
import { InvalidArgumentError, MalformedResponseError, ProviderError } from '@cloudmux/core/errors';
import { SimulatorServer, textReply } from '@cloudmux/core/testing';
import { NimbusNodeDriver } from '../../src/ec2/presets.js';
import { Ec2NodeDriver } from '../../src/ec2/driver.js';
import { NIMBUS_PROVIDER } from '../../src/ec2/providers.js';
import { actions, CREDS, eventually, start, type Harness } from './helpers.js';

async function linuxImage(driver: Ec2NodeDriver): Promise<string> {
  const image = (await driver.listImages()).find((i) => i.extra.architecture === 'x86_64' && i.extra.platform === undefined);
  return image!.id;
}

/** The query parameters of the GET (SigV2) requests for `action`. */
function sent(h: Harness, action: string): URLSearchParams[] {
  return h.sim.server.requests.map((r) => new URL(r.path, 'http://x').searchParams).filter((q) => q.get('Action') === action);
}

describe('Nimbus: no TagSpecification', () => {
  let h: Harness;
  let nimbus: Ec2NodeDriver;
  beforeEach(async () => {
    h = await start({ signatureV2: true, region: 'nimbus' });
    const port = Number(new URL(h.sim.url).port);
    nimbus = new NimbusNodeDriver(CREDS.accessKeyId, CREDS.secretAccessKey, { host: '127.0.0.1', port, secure: false, retry: false });
  });
  afterEach(async () => {
    nimbus.close();
    await h.close();
  });

  it('launches without TagSpecification and skips the tags with a CLOUDMUX_TAGS_SKIPPED warning', async () => {
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const node = await nimbus.createNode({ name: 'web', size: 't3.micro', image: await linuxImage(nimbus), ex: { tags: { env: 'x' } } });
      const [run] = sent(h, 'RunInstances');
      expect(run).toBeDefined();
      expect([...run!.keys()].filter((k) => k.startsWith('TagSpecification'))).toEqual([]);
      expect(actions(h.sim)).not.toContain('CreateTags');
      expect(await nimbus.exListMetadata(node)).toEqual({});
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/Nimbus has no tags: .*"env", "Name"/), { code: 'CLOUDMUX_TAGS_SKIPPED' });
    } finally {
      warn.mockRestore();
    }
  });

  it('a provider whose API predates TagSpecification tags with CreateTags after the launch', async () => {
    const port = Number(new URL(h.sim.url).port);
    const provider = {
      ...NIMBUS_PROVIDER,
      id: 'old-ec2',
      name: 'Old EC2',
      defaults: { ...NIMBUS_PROVIDER.defaults!, launchTags: 'create-tags' as const },
    };
    const old = new Ec2NodeDriver(CREDS.accessKeyId, CREDS.secretAccessKey, { provider, host: '127.0.0.1', port, secure: false });
    try {
      const node = await old.createNode({ name: 'web', size: 't3.micro', image: await linuxImage(old) });
      expect(node.name).toBe('web');
      const [run] = sent(h, 'RunInstances');
      expect([...run!.keys()].filter((k) => k.startsWith('TagSpecification'))).toEqual([]);
      expect(actions(h.sim).slice(-2)).toEqual(['RunInstances', 'CreateTags']);
      expect(await old.exListMetadata(node)).toEqual({ Name: 'web' });
    } finally {
      old.close();
    }
  });
});

describe('EC2 instance attributes, shutting-down, security group alias', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await start({ shuttingDownDelayMs: 60_000 });
  });
  afterEach(() => h.close());

  it('maps shutting-down to UNKNOWN (the instance is still there), not TERMINATED', async () => {
    const node = await h.driver.createNode({ size: 't3.micro', image: await linuxImage(h.driver) });
    await h.driver.destroyNode(node);
    const got = await h.driver.getNode(node.id);
    expect(got.state).toBe(NodeState.UNKNOWN);
    expect(got.extra.stateName).toBe('shutting-down');
  });

  it('exResizeNode changes a stopped instance type; a running one is refused', async () => {
    const node = await h.driver.createNode({ size: 't3.micro', image: await linuxImage(h.driver) });
    await eventually(
      () => h.driver.getNode(node.id),
      (n) => n.state === NodeState.RUNNING,
    );
    await expect(h.driver.exResizeNode(node, 't3.small')).rejects.toThrow(ProviderError);
    await h.driver.stopNode(node);
    await eventually(
      () => h.driver.getNode(node.id),
      (n) => n.state === NodeState.STOPPED,
    );
    expect(await h.driver.exResizeNode(node, 't3.small')).toBe(true);
    expect((await h.driver.getNode(node.id)).sizeId).toBe('t3.small');
  });

  it('exModifyInstanceAttribute sends EC2 attribute parameters', async () => {
    const node = await h.driver.createNode({ size: 't3.micro', image: await linuxImage(h.driver) });
    expect(await h.driver.exModifyInstanceAttribute(node, { 'DisableApiTermination.Value': true })).toBe(true);
    await expect(h.driver.destroyNode(node)).rejects.toThrow(/OperationNotPermitted|termination/i);
    await expect(h.driver.exModifyInstanceAttribute(node, {})).rejects.toThrow(InvalidArgumentError);
    await expect(h.driver.exModifyInstanceAttribute(node, { InstanceId: 'i-x' })).rejects.toThrow(InvalidArgumentError);
  });

  it('ex.securityGroupNames is an alias of ex.securityGroups', async () => {
    await h.driver.exCreateSecurityGroup({ name: 'web', description: 'web' });
    const node = await h.driver.createNode({ size: 't3.micro', image: await linuxImage(h.driver), ex: { securityGroupNames: ['web'] } });
    expect(node.extra.securityGroups.map((g) => g.name)).toContain('web');
    await expect(
      h.driver.createNode({ size: 't3.micro', image: 'ami-1', ex: { securityGroupNames: ['web'], securityGroups: ['web'] } }),
    ).rejects.toThrow(/either ex.securityGroups or its alias/);
  });
});

describe('reading EC2 answers', () => {
  let server: SimulatorServer;
  let answer: string;
  let driver: Ec2NodeDriver;
  beforeEach(async () => {
    server = await SimulatorServer.start(() => textReply(200, answer, 'text/xml'));
    driver = new NimbusNodeDriver(CREDS.accessKeyId, CREDS.secretAccessKey, {
      host: '127.0.0.1',
      port: Number(new URL(server.url).port),
      secure: false,
      retry: false,
    });
  });
  afterEach(async () => {
    driver.close();
    await server.close();
  });

  const change = (id: string): string =>
    `<item><instanceId>${id}</instanceId><currentState><code>64</code><name>stopping</name></currentState><previousState><code>16</code><name>running</name></previousState></item>`;

  it('stopNode/startNode whose answer does not name the instance raise MalformedResponseError', async () => {
    answer = `<StopInstancesResponse><requestId>req-1</requestId><instancesSet>${change('i-other')}</instancesSet></StopInstancesResponse>`;
    const err = await driver.stopNode('i-0123').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MalformedResponseError);
    expect(err).toMatchObject({ requestId: 'req-1' });
    expect(String((err as Error).message)).toMatch(/i-0123/);
    answer = '<StartInstancesResponse><requestId>r</requestId><instancesSet/></StartInstancesResponse>';
    await expect(driver.startNode('i-0123')).rejects.toThrow(MalformedResponseError);
  });

  it('reads a repeated collection element instead of emptying it', async () => {
    answer = `<StopInstancesResponse><requestId>r</requestId><instancesSet>${change('i-a')}</instancesSet><instancesSet>${change('i-0123')}</instancesSet></StopInstancesResponse>`;
    expect(await driver.stopNode('i-0123')).toBe(true);
  });

  it('trims text values: a fingerprint with surrounding whitespace', async () => {
    answer =
      '<DescribeKeyPairsResponse><requestId>r</requestId><keySet><item><keyName>\n  k1\n</keyName><keyFingerprint>\n    1f:51:ae:28:bf:89:e9:d8:1f:25:5d:37:2d:7d:b8:ca:9f:f5:f1:6f \n  </keyFingerprint></item></keySet></DescribeKeyPairsResponse>';
    const [k] = await driver.listKeyPairs();
    expect(k).toMatchObject({ name: 'k1', fingerprint: '1f:51:ae:28:bf:89:e9:d8:1f:25:5d:37:2d:7d:b8:ca:9f:f5:f1:6f' });
  });
});
