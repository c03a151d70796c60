import type { Ec2Simulator } from '../../src/simulator/index.js';
import { AMI, Ec2TestClient, eventually, instancesOf, items, startSimulator } from './helpers.js';

const RUN = { ImageId: AMI, MinCount: 1, MaxCount: 1, InstanceType: 't3.micro' };

describe('Ec2Simulator instances', () => {
  let sim: Ec2Simulator;
  let client: Ec2TestClient;

  beforeEach(async () => {
    ({ sim, client } = await startSimulator({ terminatedVisibleMs: 150 }));
  });
  afterEach(() => sim.close());

  const stateOf = async (id: string): Promise<string | undefined> => {
    const r = await client.call('DescribeInstances', { 'InstanceId.1': id });
    if (r.status !== 200) return undefined;
    return instancesOf(r.xml)[0]?.instanceState.name;
  };

  it('runs instances pending → running with the launch parameters reflected', async () => {
    await client.ok('CreateKeyPair', { KeyName: 'deploy' });
    const sg = await client.ok('CreateSecurityGroup', { GroupName: 'web', GroupDescription: 'web servers' });
    const run = await client.ok('RunInstances', {
      ...RUN,
      MaxCount: 2,
      KeyName: 'deploy',
      'SecurityGroupId.1': sg.groupId,
      'Placement.AvailabilityZone': 'us-east-1c',
      UserData: Buffer.from('#!/bin/sh\necho hi').toString('base64'),
      'IamInstanceProfile.Name': 'app-role',
      'BlockDeviceMapping.1.DeviceName': '/dev/sdf',
      'BlockDeviceMapping.1.Ebs.VolumeSize': 20,
      'BlockDeviceMapping.1.Ebs.VolumeType': 'gp3',
      'TagSpecification.1.ResourceType': 'instance',
      'TagSpecification.1.Tag.1.Key': 'Name',
      'TagSpecification.1.Tag.1.Value': 'web-1',
    });
    expect(run.reservationId).toMatch(/^r-[0-9a-f]{17}$/);
    const launched = instancesOf(run);
    expect(launched).toHaveLength(2);
    const first = launched[0]!;
    expect(first.instanceId).toMatch(/^i-[0-9a-f]{17}$/);
    expect(first.instanceState).toEqual({ code: '0', name: 'pending' });
    expect(first).toMatchObject({ keyName: 'deploy', instanceType: 't3.micro', imageId: AMI });
    expect(first.placement.availabilityZone).toBe('us-east-1c');
    expect(items(first.groupSet)[0]).toMatchObject({ groupId: sg.groupId, groupName: 'web' });
    expect(items(first.tagSet)[0]).toEqual({ key: 'Name', value: 'web-1' });
    expect(first.iamInstanceProfile.arn).toBe('arn:aws:iam::123456789012:instance-profile/app-role');
    expect(items(first.blockDeviceMapping).map((b) => b.deviceName)).toEqual(['/dev/xvda', '/dev/sdf']);
    expect(launched.map((i) => i.amiLaunchIndex)).toEqual(['0', '1']);

    await eventually(async () => (await stateOf(first.instanceId)) === 'running');
    const attr = await client.ok('DescribeInstanceAttribute', { InstanceId: first.instanceId, Attribute: 'userData' });
    expect(Buffer.from(String(attr.userData.value), 'base64').toString()).toBe('#!/bin/sh\necho hi');
    const volumes = await client.ok('DescribeVolumes', { 'Filter.1.Name': 'attachment.instance-id', 'Filter.1.Value.1': first.instanceId });
    expect(items(volumes.volumeSet).map((v) => [v.size, v.status, items(v.attachmentSet)[0]?.status])).toEqual([
      ['8', 'in-use', 'attached'],
      ['20', 'in-use', 'attached'],
    ]);
  });

  it('stops, starts, reboots and terminates with currentState/previousState; terminated stays visible for a while', async () => {
    const id = String(instancesOf(await client.ok('RunInstances', RUN))[0]!.instanceId);
    await eventually(async () => (await stateOf(id)) === 'running');
    expect((await client.ok('RebootInstances', { 'InstanceId.1': id })).return).toBe('true');

    const stop = items((await client.ok('StopInstances', { 'InstanceId.1': id })).instancesSet)[0]!;
    expect(stop).toEqual({
      instanceId: id,
      currentState: { code: '64', name: 'stopping' },
      previousState: { code: '16', name: 'running' },
    });
    await eventually(async () => (await stateOf(id)) === 'stopped');
    const stopped = instancesOf(await client.ok('DescribeInstances', { 'InstanceId.1': id }))[0]!;
    expect(stopped.ipAddress).toBeUndefined();
    expect(stopped.stateReason.code).toBe('Client.UserInitiatedShutdown');
    expect(await client.fail('RebootInstances', { 'InstanceId.1': id })).toMatchObject({ code: 'IncorrectInstanceState' });

    const start = items((await client.ok('StartInstances', { 'InstanceId.1': id })).instancesSet)[0]!;
    expect(start.currentState.name).toBe('pending');
    expect(start.previousState.name).toBe('stopped');
    await eventually(async () => (await stateOf(id)) === 'running');

    const term = items((await client.ok('TerminateInstances', { 'InstanceId.1': id })).instancesSet)[0]!;
    expect(term.currentState).toEqual({ code: '32', name: 'shutting-down' });
    expect(await client.fail('StartInstances', { 'InstanceId.1': id })).toMatchObject({ code: 'IncorrectInstanceState' });
    await eventually(async () => (await stateOf(id)) === 'terminated');
    const again = items((await client.ok('TerminateInstances', { 'InstanceId.1': id })).instancesSet)[0]!;
    expect(again.previousState.name).toBe('terminated');
    expect((await client.ok('DescribeVolumes')).volumeSet).toBe('');
    await eventually(async () => (await client.call('DescribeInstances', { 'InstanceId.1': id })).status === 400);
    expect(await client.fail('DescribeInstances', { 'InstanceId.1': id })).toMatchObject({
      code: 'InvalidInstanceID.NotFound',
      message: `The instance ID '${id}' does not exist`,
    });
  });

  it('makes RunInstances idempotent per ClientToken, and rejects a reused token with other parameters', async () => {
    const a = await client.ok('RunInstances', { ...RUN, ClientToken: 'token-1' });
    const b = await client.ok('RunInstances', { ...RUN, ClientToken: 'token-1' });
    expect(b.reservationId).toBe(a.reservationId);
    expect(instancesOf(b).map((i) => i.instanceId)).toEqual(instancesOf(a).map((i) => i.instanceId));
    expect(instancesOf(await client.ok('DescribeInstances'))).toHaveLength(1);
    const e = await client.fail('RunInstances', { ...RUN, InstanceType: 't3.small', ClientToken: 'token-1' });
    expect(e).toMatchObject({ status: 400, code: 'IdempotentParameterMismatch' });
    await client.ok('RunInstances', { ...RUN, ClientToken: 'token-2' });
    expect(instancesOf(await client.ok('DescribeInstances'))).toHaveLength(2);
  });

  it('launches exactly one instance when a RunInstances response is lost and the call is retried with its token', async () => {
    sim.server.injectFault({ kind: 'reset-after-handling', method: 'POST', path: '/' });
    await expect(client.call('RunInstances', { ...RUN, ClientToken: 'retry-me' })).rejects.toThrow();
    sim.injectActionFault({ action: 'RunInstances', kind: 'reset-after-handling' });
    await expect(client.call('RunInstances', { ...RUN, ClientToken: 'retry-me' })).rejects.toThrow();
    const retried = await client.ok('RunInstances', { ...RUN, ClientToken: 'retry-me' });
    const all = instancesOf(await client.ok('DescribeInstances'));
    expect(all.map((i) => i.instanceId)).toEqual(instancesOf(retried).map((i) => i.instanceId));
    expect(sim.server.requests[0]).toMatchObject({ status: 0, fault: 'reset-after-handling' });
    expect(sim.calls.filter((c) => c.action === 'RunInstances').map((c) => c.status)).toEqual([200, 0, 200]);
  });

  it('injects EC2 errors per action', async () => {
    sim.injectActionFault({
      action: 'DescribeInstances',
      kind: 'error',
      status: 503,
      code: 'RequestLimitExceeded',
      message: 'Request limit exceeded.',
    });
    expect((await client.call('DescribeRegions')).status).toBe(200);
    expect(await client.fail('DescribeInstances')).toMatchObject({
      status: 503,
      code: 'RequestLimitExceeded',
      message: 'Request limit exceeded.',
    });
    expect((await client.call('DescribeInstances')).status).toBe(200);
    sim.injectActionFault({ action: 'RunInstances', kind: 'reset' });
    await expect(client.call('RunInstances', RUN)).rejects.toThrow();
    expect(sim.state.instances.size).toBe(0);
    sim.injectActionFault({ action: 'DescribeRegions', kind: 'latency', ms: 500 });
    const order: string[] = [];
    const slow = client.ok('DescribeRegions').then(() => order.push('slow'));
    await client.ok('DescribeAvailabilityZones').then(() => order.push('fast'));
    await slow;
    expect(order).toEqual(['fast', 'slow']);
  });

  it('validates RunInstances like EC2', async () => {
    expect(await client.fail('RunInstances', { MinCount: 1, MaxCount: 1 })).toMatchObject({
      code: 'MissingParameter',
      message: 'The request must contain the parameter ImageId',
    });
    expect(await client.fail('RunInstances', { ...RUN, ImageId: 'ami-0123456789abcdef0' })).toMatchObject({
      code: 'InvalidAMIID.NotFound',
    });
    expect(await client.fail('RunInstances', { ...RUN, ImageId: 'nope' })).toMatchObject({ code: 'InvalidAMIID.Malformed' });
    expect(await client.fail('RunInstances', { ...RUN, KeyName: 'missing' })).toMatchObject({ code: 'InvalidKeyPair.NotFound' });
    expect(await client.fail('RunInstances', { ...RUN, 'SecurityGroup.1': 'missing' })).toMatchObject({ code: 'InvalidGroup.NotFound' });
    expect(await client.fail('RunInstances', { ...RUN, InstanceType: 'x9.huge' })).toMatchObject({ code: 'InvalidParameterValue' });
    expect(await client.fail('RunInstances', { ...RUN, InstanceType: 't4g.micro' })).toMatchObject({ code: 'InvalidParameterValue' });
    expect(await client.fail('RunInstances', { ...RUN, MinCount: 3, MaxCount: 2 })).toMatchObject({ code: 'InvalidParameterValue' });
    expect(await client.fail('RunInstances', { ...RUN, UserData: '***' })).toMatchObject({ code: 'InvalidParameterValue' });
    expect(await client.fail('RunInstances', { ...RUN, 'Placement.AvailabilityZone': 'us-east-1z' })).toMatchObject({
      code: 'InvalidParameterValue',
    });
    expect(sim.state.instances.size).toBe(0);
  });

  it('describes with ids and filters, and rejects unknown ids, unknown filters and InstanceId with MaxResults', async () => {
    const ids = sim.seedInstances(6, { tags: { Name: 'node-{n}', team: 'a' } });
    sim.seedInstances(2, { state: 'stopped', instanceType: 't3.small', availabilityZone: 'us-east-1b' });
    const count = async (params: Record<string, string>): Promise<number> =>
      instancesOf(await client.ok('DescribeInstances', params)).length;
    expect(await count({})).toBe(8);
    expect(await count({ 'Filter.1.Name': 'instance-state-name', 'Filter.1.Value.1': 'stopped' })).toBe(2);
    expect(await count({ 'Filter.1.Name': 'instance-state-name', 'Filter.1.Value.1': 'stopped', 'Filter.1.Value.2': 'running' })).toBe(8);
    expect(await count({ 'Filter.1.Name': 'tag:Name', 'Filter.1.Value.1': 'node-[1]' })).toBe(0);
    expect(await count({ 'Filter.1.Name': 'tag:Name', 'Filter.1.Value.1': 'node-?' })).toBe(6);
    expect(await count({ 'Filter.1.Name': 'tag-key', 'Filter.1.Value.1': 'team' })).toBe(6);
    expect(
      await count({
        'Filter.1.Name': 'instance-type',
        'Filter.1.Value.1': 't3.small',
        'Filter.2.Name': 'availability-zone',
        'Filter.2.Value.1': 'us-east-1b',
      }),
    ).toBe(2);
    expect(await count({ 'Filter.1.Name': 'image-id', 'Filter.1.Value.1': AMI })).toBe(8);
    expect(await count({ 'Filter.1.Name': 'instance-id', 'Filter.1.Value.1': ids[2]! })).toBe(1);
    expect(await count({ 'InstanceId.1': ids[0]!, 'InstanceId.2': ids[1]! })).toBe(2);
    const missing = await client.fail('DescribeInstances', {
      'InstanceId.1': ids[0]!,
      'InstanceId.2': 'i-0000000000000000a',
      'InstanceId.3': 'i-0000000000000000b',
    });
    expect(missing).toMatchObject({
      code: 'InvalidInstanceID.NotFound',
      message: "The instance IDs 'i-0000000000000000a, i-0000000000000000b' do not exist",
    });
    expect(await client.fail('DescribeInstances', { 'InstanceId.1': 'bogus' })).toMatchObject({ code: 'InvalidInstanceID.Malformed' });
    expect(await client.fail('DescribeInstances', { 'Filter.1.Name': 'colour', 'Filter.1.Value.1': 'x' })).toMatchObject({
      code: 'InvalidParameterValue',
    });
    expect(await client.fail('DescribeInstances', { 'InstanceId.1': ids[0]!, MaxResults: 5 })).toMatchObject({
      code: 'InvalidParameterCombination',
    });
    expect(await client.fail('DescribeInstances', { MaxResults: 4 })).toMatchObject({ code: 'InvalidParameterValue' });
    expect(await client.fail('DescribeInstances', { MaxResults: 1001 })).toMatchObject({ code: 'InvalidParameterValue' });
  });

  it('returns console output once booted, base64-encoded', async () => {
    const id = String(instancesOf(await client.ok('RunInstances', RUN))[0]!.instanceId);
    await eventually(async () => (await client.ok('GetConsoleOutput', { InstanceId: id })).output !== undefined);
    const out = await client.ok('GetConsoleOutput', { InstanceId: id });
    expect(Buffer.from(String(out.output), 'base64').toString()).toContain('Cloud-init');
  });

  it('refuses to terminate protected instances', async () => {
    const id = String(instancesOf(await client.ok('RunInstances', { ...RUN, DisableApiTermination: true }))[0]!.instanceId);
    expect(await client.fail('TerminateInstances', { 'InstanceId.1': id })).toMatchObject({ code: 'OperationNotPermitted' });
    await client.ok('ModifyInstanceAttribute', { InstanceId: id, 'DisableApiTermination.Value': false });
    await client.ok('TerminateInstances', { 'InstanceId.1': id });
  });
});
