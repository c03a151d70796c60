import type { Ec2Simulator } from '../../src/simulator/index.js';
import { AMI, Ec2TestClient, instancesOf, startSimulator } from './helpers.js';

/** Resources that stay in their transitional states (delays of a minute), so these checks never race the clock. */
describe('Ec2Simulator transitional states', () => {
  let sim: Ec2Simulator;
  let client: Ec2TestClient;

  beforeAll(async () => {
    ({ sim, client } = await startSimulator({ pendingDelayMs: 60_000, resourceDelayMs: 60_000 }));
  });
  afterAll(() => sim.close());

  it('refuses to stop a pending instance or image it and has no console output before the first boot', async () => {
    const id = String(instancesOf(await client.ok('RunInstances', { ImageId: AMI, MinCount: 1, MaxCount: 1 }))[0]!.instanceId);
    expect(await client.fail('StopInstances', { 'InstanceId.1': id })).toMatchObject({ status: 400, code: 'IncorrectInstanceState' });
    const out = await client.ok('GetConsoleOutput', { InstanceId: id });
    expect(out.instanceId).toBe(id);
    expect(out.output).toBeUndefined();
    expect(instancesOf(await client.ok('DescribeInstances', { 'InstanceId.1': id }))[0]!.instanceState.name).toBe('pending');
    expect(await client.fail('CreateImage', { InstanceId: id, Name: 'too-early' })).toMatchObject({ code: 'IncorrectInstanceState' });
  });

  it('refuses to attach or delete a volume that is still creating', async () => {
    const [id] = sim.seedInstances(1, { availabilityZone: 'us-east-1a' });
    const volumeId = String((await client.ok('CreateVolume', { AvailabilityZone: 'us-east-1a', Size: 4 })).volumeId);
    expect(await client.fail('AttachVolume', { VolumeId: volumeId, InstanceId: id!, Device: '/dev/sdf' })).toMatchObject({
      code: 'IncorrectState',
    });
    expect(await client.fail('DeleteVolume', { VolumeId: volumeId })).toMatchObject({ code: 'IncorrectState' });
  });

  it('lists a new image as pending and refuses to launch it', async () => {
    const [id] = sim.seedInstances(1);
    const imageId = String((await client.ok('CreateImage', { InstanceId: id!, Name: 'slow-image' })).imageId);
    const image = (await client.ok('DescribeImages', { 'ImageId.1': imageId })).imagesSet.item[0]!;
    expect(image).toMatchObject({ imageState: 'pending', name: 'slow-image', isPublic: 'false', imageOwnerId: '123456789012' });
    expect(await client.fail('RunInstances', { ImageId: imageId, MinCount: 1, MaxCount: 1 })).toMatchObject({
      code: 'InvalidAMIID.Unavailable',
    });
  });
});
