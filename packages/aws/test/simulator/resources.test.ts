import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import type { Ec2Simulator } from '../../src/simulator/index.js';
import { AMI, Ec2TestClient, eventually, instancesOf, items, startSimulator } from './helpers.js';

/** A key made with `ssh-keygen -t rsa -b 2048`; its AWS import fingerprint was computed with `ssh-keygen -e -m PKCS8 | openssl pkey -pubin -outform DER | openssl md5 -c`. */
const RSA_PUB =
  'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCCRcQ6cSX6XC3wkC3LEUSHx60mUHEfe+Ahz42ISRaUVNhnjktacwKGH7ZGvOs14OPcg/epRjI9NEp929sGn5zuK7BsF9780CYL7vCzAXl+AiCm81APFnQMAKxXfWw3Oen28e9l+uo09ItSBtGR5xk/FRRHHfmBAWcRlWqdbNFluUC09j3rIrvcaOPwjMkLkm+woeRj8f3nRj32zGjlkI+4H0NN2VbJMreLEZkb2rjJCv6upgxjCAzDAanBW4b3hMrmvyDyko5lO/dtO4ySosT2/dObIH+CB3t+6hMqXiWwggxCUCSUTPt8N1FCw5vAOAnyACJbVFK9flnlwBWfTVRr kat@cloudmux';
const RSA_FINGERPRINT = 'f3:fd:22:a7:fa:07:c6:8e:8a:41:bd:90:c8:60:85:42';
/** `ssh-keygen -lf` reports SHA256:pzYzTH/nxnrAm4SzCQqrbI0H9mr8FbzrbCYxw9keejA (EC2 keeps the base64 padding). */
const ED_PUB = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOuUFJvnaPsOP05ibIRy1OSpbnahEAwflWcYNFx8HKiO ed@cloudmux';

describe('Ec2Simulator resources', () => {
  let sim: Ec2Simulator;
  let client: Ec2TestClient;

  beforeEach(async () => {
    ({ sim, client } = await startSimulator({ resourceDelayMs: 20 }));
  });
  afterEach(() => sim.close());

  const runOne = async (): Promise<string> => {
    const id = String(
      instancesOf(
        await client.ok('RunInstances', { ImageId: AMI, MinCount: 1, MaxCount: 1, 'Placement.AvailabilityZone': 'us-east-1a' }),
      )[0]!.instanceId,
    );
    await eventually(
      async () => instancesOf(await client.ok('DescribeInstances', { 'InstanceId.1': id }))[0]!.instanceState.name === 'running',
    );
    return id;
  };

  it('creates a key pair with a real RSA private key and EC2 fingerprint; imports with the MD5 of the DER public key', async () => {
    const created = await client.ok('CreateKeyPair', { KeyName: 'made' });
    const pem = String(created.keyMaterial);
    expect(pem.startsWith('-----BEGIN RSA PRIVATE KEY-----')).toBe(true);
    const pkcs8 = createPrivateKey(pem).export({ type: 'pkcs8', format: 'der' });
    expect(created.keyFingerprint).toBe(
      createHash('sha1')
        .update(pkcs8)
        .digest('hex')
        .replace(/(..)(?!$)/g, '$1:'),
    );
    expect(created.keyPairId).toMatch(/^key-[0-9a-f]{17}$/);

    const imported = await client.ok('ImportKeyPair', { KeyName: 'mine', PublicKeyMaterial: Buffer.from(RSA_PUB).toString('base64') });
    expect(imported.keyFingerprint).toBe(RSA_FINGERPRINT);
    const ed = await client.ok('ImportKeyPair', { KeyName: 'ed', PublicKeyMaterial: Buffer.from(ED_PUB).toString('base64') });
    expect(ed.keyFingerprint).toBe('pzYzTH/nxnrAm4SzCQqrbI0H9mr8FbzrbCYxw9keejA=');

    const edMade = await client.ok('CreateKeyPair', { KeyName: 'edmade', KeyType: 'ed25519' });
    expect(String(edMade.keyMaterial)).toContain('-----BEGIN OPENSSH PRIVATE KEY-----');

    expect(await client.fail('CreateKeyPair', { KeyName: 'made' })).toMatchObject({ code: 'InvalidKeyPair.Duplicate' });
    expect(
      await client.fail('ImportKeyPair', { KeyName: 'bad', PublicKeyMaterial: Buffer.from('ssh-rsa garbage').toString('base64') }),
    ).toMatchObject({ code: 'InvalidKey.Format' });

    const listed = await client.ok('DescribeKeyPairs', { IncludePublicKey: true });
    expect(items(listed.keySet).map((k) => [k.keyName, k.keyType])).toEqual([
      ['made', 'rsa'],
      ['mine', 'rsa'],
      ['ed', 'ed25519'],
      ['edmade', 'ed25519'],
    ]);
    const mine = items(listed.keySet)[1]!;
    expect(String(mine.publicKey).startsWith(RSA_PUB.split(' ').slice(0, 2).join(' '))).toBe(true);
    const made = items(listed.keySet)[0]!;
    const madeKey = createPublicKey(createPrivateKey(pem));
    const blob = Buffer.from(String(made.publicKey).split(' ')[1]!, 'base64');
    expect(blob.subarray(blob.length - 256).equals(Buffer.from(madeKey.export({ format: 'jwk' }).n!, 'base64url'))).toBe(true);
  });

  it('describes and deletes key pairs like EC2 (unknown names are an error to describe, not to delete)', async () => {
    await client.ok('ImportKeyPair', { KeyName: 'k', PublicKeyMaterial: Buffer.from(RSA_PUB).toString('base64') });
    expect(await client.fail('DescribeKeyPairs', { 'KeyName.1': 'nope' })).toMatchObject({
      code: 'InvalidKeyPair.NotFound',
      message: "The key pair 'nope' does not exist",
    });
    expect(
      items((await client.ok('DescribeKeyPairs', { 'Filter.1.Name': 'fingerprint', 'Filter.1.Value.1': RSA_FINGERPRINT })).keySet),
    ).toHaveLength(1);
    expect((await client.ok('DeleteKeyPair', { KeyName: 'k' })).return).toBe('true');
    expect((await client.ok('DeleteKeyPair', { KeyName: 'k' })).return).toBe('true');
    expect(await client.fail('DeleteKeyPair', { KeyPairId: 'key-0123456789abcdef0' })).toMatchObject({ code: 'InvalidKeyPair.NotFound' });
    expect((await client.ok('DescribeKeyPairs')).keySet).toBe('');
  });

  it('moves volumes creating → available → in-use → available and snapshots pending → completed', async () => {
    const id = await runOne();
    const vol = await client.ok('CreateVolume', {
      AvailabilityZone: 'us-east-1a',
      Size: 10,
      VolumeType: 'gp3',
      'TagSpecification.1.ResourceType': 'volume',
      'TagSpecification.1.Tag.1.Key': 'role',
      'TagSpecification.1.Tag.1.Value': 'data',
    });
    expect(vol).toMatchObject({ size: '10', status: 'creating', volumeType: 'gp3', iops: '3000', availabilityZone: 'us-east-1a' });
    const volumeId = String(vol.volumeId);
    const status = async (): Promise<Record<string, string>> => {
      const v = items((await client.ok('DescribeVolumes', { 'VolumeId.1': volumeId })).volumeSet)[0]!;
      return { status: String(v.status), attachment: String(items(v.attachmentSet)[0]?.status ?? '') };
    };
    await eventually(async () => (await status()).status === 'available');
    const attach = await client.ok('AttachVolume', { VolumeId: volumeId, InstanceId: id, Device: '/dev/sdf' });
    expect(attach).toMatchObject({ volumeId, instanceId: id, device: '/dev/sdf', status: 'attaching' });
    expect(await client.fail('DeleteVolume', { VolumeId: volumeId })).toMatchObject({ code: 'VolumeInUse' });
    await eventually(async () => (await status()).attachment === 'attached');
    expect(await status()).toEqual({ status: 'in-use', attachment: 'attached' });
    expect(
      items(instancesOf(await client.ok('DescribeInstances', { 'InstanceId.1': id }))[0]!.blockDeviceMapping).map((b) => b.deviceName),
    ).toContain('/dev/sdf');

    const snap = await client.ok('CreateSnapshot', { VolumeId: volumeId, Description: 'nightly' });
    expect(snap).toMatchObject({ volumeId, status: 'pending', volumeSize: '10', description: 'nightly' });
    await eventually(
      async () => items((await client.ok('DescribeSnapshots', { 'Owner.1': 'self' })).snapshotSet)[0]?.status === 'completed',
    );

    expect((await client.ok('DetachVolume', { VolumeId: volumeId })).status).toBe('detaching');
    await eventually(async () => (await status()).status === 'available');
    expect((await client.ok('DeleteVolume', { VolumeId: volumeId })).return).toBe('true');
    expect(await client.fail('DescribeVolumes', { 'VolumeId.1': volumeId })).toMatchObject({ code: 'InvalidVolume.NotFound' });
    expect((await client.ok('DeleteSnapshot', { SnapshotId: String(snap.snapshotId) })).return).toBe('true');
    expect(await client.fail('DeleteSnapshot', { SnapshotId: String(snap.snapshotId) })).toMatchObject({
      code: 'InvalidSnapshot.NotFound',
    });
    expect(await client.fail('CreateVolume', { AvailabilityZone: 'us-east-1a' })).toMatchObject({ code: 'MissingParameter' });
    const once = await client.ok('CreateVolume', { AvailabilityZone: 'us-east-1a', Size: 3, ClientToken: 'vol-token' });
    expect((await client.ok('CreateVolume', { AvailabilityZone: 'us-east-1a', Size: 3, ClientToken: 'vol-token' })).volumeId).toBe(
      once.volumeId,
    );
    expect(await client.fail('CreateVolume', { AvailabilityZone: 'us-east-1a', Size: 4, ClientToken: 'vol-token' })).toMatchObject({
      code: 'IdempotentParameterMismatch',
    });
    expect([...sim.state.volumes.values()].filter((v) => v.size === 3)).toHaveLength(1);
    expect(await client.fail('CreateVolume', { AvailabilityZone: 'us-east-1a', Size: 0 })).toMatchObject({ code: 'InvalidParameterValue' });
  });

  it('creates, authorizes, revokes and deletes security groups', async () => {
    const sg = await client.ok('CreateSecurityGroup', { GroupName: 'web', GroupDescription: 'Web tier' });
    const groupId = String(sg.groupId);
    expect(sg.return).toBe('true');
    expect(await client.fail('CreateSecurityGroup', { GroupName: 'web', GroupDescription: 'again' })).toMatchObject({
      code: 'InvalidGroup.Duplicate',
    });
    const rule = {
      GroupId: groupId,
      'IpPermissions.1.IpProtocol': 'tcp',
      'IpPermissions.1.FromPort': 22,
      'IpPermissions.1.ToPort': 22,
      'IpPermissions.1.IpRanges.1.CidrIp': '0.0.0.0/0',
    };
    const auth = await client.ok('AuthorizeSecurityGroupIngress', {
      ...rule,
      'IpPermissions.1.IpRanges.2.CidrIp': '10.0.0.0/8',
      'IpPermissions.1.IpRanges.2.Description': 'office',
    });
    expect(items(auth.securityGroupRuleSet).map((r) => r.cidrIpv4)).toEqual(['0.0.0.0/0', '10.0.0.0/8']);
    expect(await client.fail('AuthorizeSecurityGroupIngress', rule)).toMatchObject({ code: 'InvalidPermission.Duplicate' });
    expect(await client.fail('AuthorizeSecurityGroupIngress', { ...rule, 'IpPermissions.1.IpRanges.1.CidrIp': '10.0.0/8' })).toMatchObject({
      code: 'InvalidParameterValue',
    });
    const described = items((await client.ok('DescribeSecurityGroups', { 'GroupId.1': groupId })).securityGroupInfo)[0]!;
    expect(described).toMatchObject({ groupName: 'web', groupDescription: 'Web tier', ownerId: '123456789012' });
    const perm = items(described.ipPermissions)[0]!;
    expect(perm).toMatchObject({ ipProtocol: 'tcp', fromPort: '22', toPort: '22' });
    expect(items(perm.ipRanges)).toEqual([{ cidrIp: '0.0.0.0/0' }, { cidrIp: '10.0.0.0/8', description: 'office' }]);
    expect(items(described.ipPermissionsEgress)[0]).toMatchObject({ ipProtocol: '-1' });

    expect((await client.ok('RevokeSecurityGroupIngress', rule)).return).toBe('true');
    expect(await client.fail('RevokeSecurityGroupIngress', rule)).toMatchObject({ code: 'InvalidPermission.NotFound' });
    expect(
      items(
        (await client.ok('DescribeSecurityGroups', { 'Filter.1.Name': 'ip-permission.cidr', 'Filter.1.Value.1': '10.0.0.0/8' }))
          .securityGroupInfo,
      ),
    ).toHaveLength(1);

    const inst = instancesOf(await client.ok('RunInstances', { ImageId: AMI, MinCount: 1, MaxCount: 1, 'SecurityGroupId.1': groupId }))[0]!;
    expect(await client.fail('DeleteSecurityGroup', { GroupId: groupId })).toMatchObject({ code: 'DependencyViolation' });
    await client.ok('TerminateInstances', { 'InstanceId.1': String(inst.instanceId) });
    await eventually(async () => (await client.call('DeleteSecurityGroup', { GroupId: groupId })).status === 200);
    expect(await client.fail('DescribeSecurityGroups', { 'GroupId.1': groupId })).toMatchObject({ code: 'InvalidGroup.NotFound' });
    expect(await client.fail('DeleteSecurityGroup', { GroupName: 'default' })).toMatchObject({ code: 'CannotDelete' });
  });

  it('allocates, associates, disassociates and releases Elastic IPs', async () => {
    const id = await runOne();
    const eip = await client.ok('AllocateAddress', { Domain: 'vpc' });
    expect(eip).toMatchObject({ domain: 'vpc', publicIp: '203.0.113.1' });
    const allocationId = String(eip.allocationId);
    const assoc = await client.ok('AssociateAddress', { AllocationId: allocationId, InstanceId: id });
    expect(assoc.associationId).toMatch(/^eipassoc-/);
    expect(instancesOf(await client.ok('DescribeInstances', { 'InstanceId.1': id }))[0]!.ipAddress).toBe('203.0.113.1');
    const listed = items((await client.ok('DescribeAddresses', { 'AllocationId.1': allocationId })).addressesSet)[0]!;
    expect(listed).toMatchObject({ instanceId: id, associationId: assoc.associationId, publicIp: '203.0.113.1' });
    expect(await client.fail('ReleaseAddress', { AllocationId: allocationId })).toMatchObject({ code: 'InvalidIPAddress.InUse' });
    await client.ok('DisassociateAddress', { AssociationId: String(assoc.associationId) });
    expect(instancesOf(await client.ok('DescribeInstances', { 'InstanceId.1': id }))[0]!.ipAddress).not.toBe('203.0.113.1');
    expect(await client.fail('DisassociateAddress', { AssociationId: String(assoc.associationId) })).toMatchObject({
      code: 'InvalidAssociationID.NotFound',
    });
    await client.ok('ReleaseAddress', { AllocationId: allocationId });
    expect(await client.fail('ReleaseAddress', { AllocationId: allocationId })).toMatchObject({ code: 'InvalidAllocationID.NotFound' });
    for (let i = 0; i < 5; i++) await client.ok('AllocateAddress');
    expect(await client.fail('AllocateAddress')).toMatchObject({ code: 'AddressLimitExceeded' });
  });

  it('creates, lists and deletes tags across resource types', async () => {
    const [a, b] = sim.seedInstances(2);
    const vol = String((await client.ok('CreateVolume', { AvailabilityZone: 'us-east-1a', Size: 1 })).volumeId);
    await client.ok('CreateTags', {
      'ResourceId.1': a!,
      'ResourceId.2': vol,
      'Tag.1.Key': 'env',
      'Tag.1.Value': 'prod',
      'Tag.2.Key': 'empty',
    });
    const tags = items((await client.ok('DescribeTags', { 'Filter.1.Name': 'key', 'Filter.1.Value.1': 'env' })).tagSet);
    expect(tags.map((t) => [t.resourceId, t.resourceType, t.value])).toEqual([
      [a, 'instance', 'prod'],
      [vol, 'volume', 'prod'],
    ]);
    expect(items((await client.ok('DescribeTags', { 'Filter.1.Name': 'resource-id', 'Filter.1.Value.1': a! })).tagSet)).toHaveLength(2);
    await client.ok('DeleteTags', { 'ResourceId.1': a!, 'Tag.1.Key': 'env', 'Tag.1.Value': 'staging' });
    expect(sim.state.instances.get(a!)!.tags.get('env')).toBe('prod');
    await client.ok('DeleteTags', { 'ResourceId.1': a!, 'Tag.1.Key': 'env' });
    expect([...sim.state.instances.get(a!)!.tags.keys()]).toEqual(['empty']);
    expect(await client.fail('CreateTags', { 'ResourceId.1': 'i-0000000000000000f', 'Tag.1.Key': 'x' })).toMatchObject({
      code: 'InvalidInstanceID.NotFound',
    });
    expect(await client.fail('CreateTags', { 'ResourceId.1': 'foo-1', 'Tag.1.Key': 'x' })).toMatchObject({ code: 'InvalidID' });
    expect(await client.fail('CreateTags', { 'ResourceId.1': b!, 'Tag.1.Key': 'aws:reserved' })).toMatchObject({
      code: 'InvalidParameterValue',
    });
    const many: Record<string, string> = { 'ResourceId.1': b! };
    for (let i = 1; i <= 51; i++) many[`Tag.${i}.Key`] = `k${i}`;
    expect(await client.fail('CreateTags', many)).toMatchObject({ code: 'TagLimitExceeded' });
  });

  it('creates, copies and deregisters images; lists public and own images by owner and filter', async () => {
    const id = await runOne();
    const created = await client.ok('CreateImage', { InstanceId: id, Name: 'golden-1', Description: 'golden image' });
    const imageId = String(created.imageId);
    expect(await client.fail('CreateImage', { InstanceId: id, Name: 'golden-1' })).toMatchObject({ code: 'InvalidAMIName.Duplicate' });
    const own = async (): Promise<string[]> =>
      items((await client.ok('DescribeImages', { 'Owner.1': 'self' })).imagesSet).map((i) => `${i.name}:${i.imageState}`);
    await eventually(async () => (await own())[0] === 'golden-1:available');
    const copy = String(
      (await client.ok('CopyImage', { SourceImageId: imageId, SourceRegion: 'us-east-1', Name: 'golden-copy', ClientToken: 'c1' })).imageId,
    );
    expect(
      (await client.ok('CopyImage', { SourceImageId: imageId, SourceRegion: 'us-east-1', Name: 'golden-copy', ClientToken: 'c1' })).imageId,
    ).toBe(copy);
    expect(
      await client.fail('CopyImage', { SourceImageId: imageId, SourceRegion: 'us-east-1', Name: 'other', ClientToken: 'c1' }),
    ).toMatchObject({ code: 'IdempotentParameterMismatch' });
    const amazon = items(
      (await client.ok('DescribeImages', { 'Owner.1': 'amazon', 'Filter.1.Name': 'architecture', 'Filter.1.Value.1': 'arm64' })).imagesSet,
    );
    expect(amazon.map((i) => i.imageOwnerAlias)).toEqual(['amazon']);
    const byName = items(
      (await client.ok('DescribeImages', { 'Filter.1.Name': 'name', 'Filter.1.Value.1': 'ubuntu/images/*jammy*' })).imagesSet,
    )[0]!;
    expect(byName).toMatchObject({ imageOwnerId: '099720109477', isPublic: 'true', rootDeviceName: '/dev/sda1', imageState: 'available' });
    expect(items(byName.blockDeviceMapping)[0]!.ebs).toMatchObject({ volumeSize: '8', volumeType: 'gp2' });
    expect(await client.fail('DescribeImages', { 'ImageId.1': 'ami-0123456789abcdef0' })).toMatchObject({
      code: 'InvalidAMIID.NotFound',
      message: "The image id '[ami-0123456789abcdef0]' does not exist",
    });
    expect(await client.fail('DeregisterImage', { ImageId: AMI })).toMatchObject({ code: 'AuthFailure' });
    expect((await client.ok('DeregisterImage', { ImageId: imageId })).return).toBe('true');
    expect(await client.fail('DescribeImages', { 'ImageId.1': imageId })).toMatchObject({ code: 'InvalidAMIID.NotFound' });
  });

  it('describes regions, zones, instance types, the default VPC and its subnets', async () => {
    const regions = items((await client.ok('DescribeRegions')).regionInfo);
    expect(regions.find((r) => r.regionName === 'eu-west-1')).toEqual({
      regionName: 'eu-west-1',
      regionEndpoint: 'ec2.eu-west-1.amazonaws.com',
      optInStatus: 'opt-in-not-required',
    });
    expect(regions.some((r) => r.optInStatus === 'not-opted-in')).toBe(false);
    expect(items((await client.ok('DescribeRegions', { AllRegions: true })).regionInfo).length).toBeGreaterThan(regions.length);
    const zones = items((await client.ok('DescribeAvailabilityZones')).availabilityZoneInfo);
    expect(zones.map((z) => [z.zoneName, z.zoneId, z.zoneState])).toEqual([
      ['us-east-1a', 'use1-az1', 'available'],
      ['us-east-1b', 'use1-az2', 'available'],
      ['us-east-1c', 'use1-az3', 'available'],
    ]);
    const types = await client.ok('DescribeInstanceTypes', { 'InstanceType.1': 't3.micro', 'InstanceType.2': 'm5.large' });
    expect(items(types.instanceTypeSet).map((t) => [t.instanceType, t.vCpuInfo.defaultVCpus, t.memoryInfo.sizeInMiB])).toEqual([
      ['t3.micro', '2', '1024'],
      ['m5.large', '2', '8192'],
    ]);
    expect(items(items(types.instanceTypeSet)[0]!.processorInfo.supportedArchitectures)).toEqual(['x86_64']);
    const paged = await client.ok('DescribeInstanceTypes', { MaxResults: 5 });
    expect(items(paged.instanceTypeSet)).toHaveLength(5);
    expect(paged.nextToken).toBeDefined();
    expect(await client.fail('DescribeInstanceTypes', { 'InstanceType.1': 'x9.huge' })).toMatchObject({ code: 'InvalidInstanceType' });
    const vpc = items((await client.ok('DescribeVpcs')).vpcSet)[0]!;
    expect(vpc).toMatchObject({ isDefault: 'true', cidrBlock: '172.31.0.0/16' });
    const subnets = items(
      (await client.ok('DescribeSubnets', { 'Filter.1.Name': 'availability-zone', 'Filter.1.Value.1': 'us-east-1b' })).subnetSet,
    );
    expect(subnets.map((s) => [s.vpcId, s.cidrBlock])).toEqual([[vpc.vpcId, '172.31.16.0/20']]);
  });
});
