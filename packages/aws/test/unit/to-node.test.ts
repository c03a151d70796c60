import { NodeState, StorageVolumeState } from '@cloudmux/core/compute';
import { Ec2NodeDriver } from '../../src/ec2/driver.js';
import { nodesOfReservations, UNREAD_INSTANCE_ELEMENTS } from '../../src/ec2/to-node.js';
import { toImage, toKeyPair, toSecurityGroup, toVolume } from '../../src/ec2/to-resources.js';
import { toNodeState, toVolumeState } from '../../src/ec2/state-map.js';
import { parseXml, type XmlObject } from '../../src/xml/index.js';

const driver = new Ec2NodeDriver('AKIDEXAMPLE', 'secret');

const PAGE = `<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
<requestId>r</requestId>
<reservationSet>
 <item><reservationId>r-0a</reservationId><ownerId>123456789012</ownerId><groupSet/>
  <instancesSet>
   <item>
    <instanceId>i-0aaa</instanceId><imageId>ami-0123</imageId>
    <instanceState><code>16</code><name>running</name></instanceState>
    <privateDnsName>ip-10-0-0-5.ec2.internal</privateDnsName><dnsName>ec2-54-1-2-3.compute-1.amazonaws.com</dnsName>
    <keyName>deploy</keyName><amiLaunchIndex>0</amiLaunchIndex><instanceType>t3.micro</instanceType>
    <launchTime>2024-01-15T10:20:30.000Z</launchTime>
    <placement><availabilityZone>us-east-1b</availabilityZone><tenancy>default</tenancy></placement>
    <subnetId>subnet-1</subnetId><vpcId>vpc-1</vpcId>
    <privateIpAddress>10.0.0.5</privateIpAddress><ipAddress>54.1.2.3</ipAddress>
    <groupSet><item><groupId>sg-1</groupId><groupName>web</groupName></item></groupSet>
    <architecture>x86_64</architecture><rootDeviceType>ebs</rootDeviceType><rootDeviceName>/dev/xvda</rootDeviceName>
    <blockDeviceMapping><item><deviceName>/dev/xvda</deviceName><ebs><volumeId>vol-1</volumeId><status>attached</status><attachTime>2024-01-15T10:20:31.000Z</attachTime><deleteOnTermination>true</deleteOnTermination></ebs></item></blockDeviceMapping>
    <virtualizationType>hvm</virtualizationType><clientToken>tok-1</clientToken>
    <tagSet><item><key>Name</key><value>web-1</value></item><item><key>env</key><value>prod</value></item></tagSet>
    <iamInstanceProfile><arn>arn:aws:iam::123456789012:instance-profile/web</arn><id>AIPA</id></iamInstanceProfile>
    <networkInterfaceSet><item>
      <networkInterfaceId>eni-1</networkInterfaceId><subnetId>subnet-1</subnetId><vpcId>vpc-1</vpcId><macAddress>0e:00:00:00:00:01</macAddress>
      <privateIpAddress>10.0.0.5</privateIpAddress><status>in-use</status>
      <association><publicIp>54.1.2.3</publicIp></association>
      <privateIpAddressesSet><item><privateIpAddress>10.0.0.5</privateIpAddress><primary>true</primary></item><item><privateIpAddress>10.0.0.6</privateIpAddress><primary>false</primary></item></privateIpAddressesSet>
      <ipv6AddressesSet><item><ipv6Address>2600:1f18::5</ipv6Address></item></ipv6AddressesSet>
    </item></networkInterfaceSet>
   </item>
   <item>
    <instanceId>i-0bbb</instanceId><imageId>ami-0123</imageId>
    <instanceState><code>32</code><name>shutting-down</name></instanceState>
    <stateReason><code>Client.UserInitiatedShutdown</code><message>Client.UserInitiatedShutdown: User initiated shutdown</message></stateReason>
    <instanceType>m5.large</instanceType><placement><availabilityZone>us-east-1a</availabilityZone></placement>
    <groupSet/><tagSet/>
   </item>
  </instancesSet></item>
 <item><reservationId>r-0b</reservationId><ownerId>123456789012</ownerId>
  <instancesSet><item><instanceId>i-0ccc</instanceId><instanceState><code>80</code><name>stopped</name></instanceState><privateIpAddress>10.0.1.9</privateIpAddress></item></instancesSet></item>
</reservationSet>
</DescribeInstancesResponse>`;

describe('DescribeInstances page → nodes', () => {
  const nodes = nodesOfReservations(parseXml(PAGE).DescribeInstancesResponse as XmlObject, driver);

  it('maps every instance of every reservation', () => {
    expect(nodes.map((n) => n.id)).toEqual(['i-0aaa', 'i-0bbb', 'i-0ccc']);
  });

  it('maps the portable fields', () => {
    const n = nodes[0]!;
    expect(n).toMatchObject({
      id: 'i-0aaa',
      name: 'web-1',
      state: NodeState.RUNNING,
      sizeId: 't3.micro',
      imageId: 'ami-0123',
      locationId: 'us-east-1b',
    });
    expect(n.publicIps).toEqual(['54.1.2.3', '2600:1f18::5']);
    expect(n.privateIps).toEqual(['10.0.0.5', '10.0.0.6']);
    expect(n.created).toEqual(new Date('2024-01-15T10:20:30.000Z'));
    expect(n.driver).toBe(driver);
    expect(Object.keys(n)).not.toContain('driver');
  });

  it('maps EC2 details into extra', () => {
    const e = nodes[0]!.extra;
    expect(e).toMatchObject({
      reservationId: 'r-0a',
      ownerId: '123456789012',
      stateName: 'running',
      stateCode: 16,
      keyName: 'deploy',
      subnetId: 'subnet-1',
      vpcId: 'vpc-1',
      clientToken: 'tok-1',
      iamInstanceProfileArn: 'arn:aws:iam::123456789012:instance-profile/web',
      securityGroups: [{ id: 'sg-1', name: 'web' }],
      tags: { Name: 'web-1', env: 'prod' },
      launchIndex: 0,
    });
    expect(e.blockDevices).toEqual([
      {
        deviceName: '/dev/xvda',
        volumeId: 'vol-1',
        status: 'attached',
        deleteOnTermination: true,
        attachTime: new Date('2024-01-15T10:20:31.000Z'),
      },
    ]);
    expect(e.networkInterfaces[0]).toMatchObject({
      id: 'eni-1',
      privateIps: ['10.0.0.5', '10.0.0.6'],
      ipv6Addresses: ['2600:1f18::5'],
      publicIp: '54.1.2.3',
    });
  });

  it('maps the same when the parser skips the elements the mapper never reads', () => {
    const withOptions = PAGE.replace(
      '<virtualizationType>',
      '<cpuOptions><coreCount>1</coreCount></cpuOptions><metadataOptions><httpTokens>required</httpTokens></metadataOptions><monitoring><state>disabled</state></monitoring><virtualizationType>',
    ).replace(
      '<status>in-use</status>',
      '<status>in-use</status><attachment><attachmentId>a</attachmentId><status>attached</status></attachment><description/>',
    );
    const skipped = nodesOfReservations(
      parseXml(withOptions, undefined, UNREAD_INSTANCE_ELEMENTS).DescribeInstancesResponse as XmlObject,
      driver,
    );
    const full = nodesOfReservations(parseXml(withOptions).DescribeInstancesResponse as XmlObject, driver);
    expect(JSON.stringify(skipped)).toBe(JSON.stringify(full));
    expect(skipped[0]!.extra.networkInterfaces[0]!.status).toBe('in-use');
  });

  it('uses the id as name without a Name tag and maps states through the table', () => {
    // shutting-down: still there, not yet terminated (UNKNOWN, as in Libcloud since 0.12.1).
    expect(nodes[1]).toMatchObject({ name: 'i-0bbb', state: NodeState.UNKNOWN, publicIps: [], privateIps: [] });
    expect(nodes[1]!.extra.stateName).toBe('shutting-down');
    expect(nodes[1]!.extra.stateReason).toBe('Client.UserInitiatedShutdown: User initiated shutdown');
    expect(nodes[2]).toMatchObject({ state: NodeState.STOPPED, privateIps: ['10.0.1.9'] });
  });

  it.each([
    ['pending', NodeState.PENDING],
    ['running', NodeState.RUNNING],
    ['shutting-down', NodeState.UNKNOWN],
    ['terminated', NodeState.TERMINATED],
    ['stopping', NodeState.STOPPING],
    ['stopped', NodeState.STOPPED],
    ['constructor', NodeState.UNKNOWN],
    ['Running', NodeState.UNKNOWN],
  ])('maps instance state %s to %s', (wire, portable) => {
    expect(toNodeState(wire)).toBe(portable);
  });

  it.each([
    ['available', undefined, StorageVolumeState.AVAILABLE],
    ['in-use', 'attached', StorageVolumeState.INUSE],
    ['in-use', 'attaching', StorageVolumeState.ATTACHING],
    ['in-use', 'detaching', StorageVolumeState.DETACHING],
    ['deleted', undefined, StorageVolumeState.DELETING],
    ['toString', undefined, StorageVolumeState.UNKNOWN],
  ])('maps volume status %s (attachment %s) to %s', (status, attachment, portable) => {
    expect(toVolumeState(status, attachment)).toBe(portable);
  });
});

describe('resource mappers', () => {
  it('maps a volume with an attachment in progress', () => {
    const v = toVolume(
      parseXml(
        '<x><volumeId>vol-9</volumeId><size>8</size><availabilityZone>us-east-1a</availabilityZone><status>in-use</status><volumeType>gp3</volumeType><iops>3000</iops><encrypted>false</encrypted>' +
          '<attachmentSet><item><volumeId>vol-9</volumeId><instanceId>i-1</instanceId><device>/dev/sdf</device><status>attaching</status></item></attachmentSet><tagSet><item><key>Name</key><value>data</value></item></tagSet></x>',
      ).x as XmlObject,
      driver,
    );
    expect(v).toMatchObject({ id: 'vol-9', name: 'data', sizeGb: 8, state: StorageVolumeState.ATTACHING, attachedTo: 'i-1' });
    expect(v.extra).toMatchObject({ volumeType: 'gp3', iops: 3000, encrypted: false, availabilityZone: 'us-east-1a' });
  });

  it('maps images, key pairs (private key hidden from enumeration) and security groups', () => {
    const root = (x: string) => parseXml(`<x>${x}</x>`).x as XmlObject;
    const image = toImage(
      root(
        '<imageId>ami-1</imageId><name>al2023</name><imageState>available</imageState><isPublic>true</isPublic><creationDate>2024-02-01T00:00:00.000Z</creationDate>',
      ),
      driver,
    );
    expect(image).toMatchObject({ id: 'ami-1', name: 'al2023', extra: { state: 'available', isPublic: true } });
    const kp = toKeyPair(
      root(
        '<keyName>k</keyName><keyFingerprint>aa:bb</keyFingerprint><keyMaterial>-----BEGIN RSA PRIVATE KEY-----</keyMaterial><keyPairId>key-1</keyPairId>',
      ),
      driver,
    );
    expect(kp.privateKey).toBe('-----BEGIN RSA PRIVATE KEY-----');
    expect(JSON.stringify(kp)).not.toContain('PRIVATE');
    const group = toSecurityGroup(
      root(
        '<groupId>sg-1</groupId><groupName>web</groupName><groupDescription>d</groupDescription><ipPermissions><item><ipProtocol>tcp</ipProtocol><fromPort>22</fromPort><toPort>22</toPort>' +
          '<groups/><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp><description>ssh</description></item></ipRanges><ipv6Ranges/></item></ipPermissions><ipPermissionsEgress><item><ipProtocol>-1</ipProtocol><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges></item></ipPermissionsEgress>',
      ),
    );
    expect(group.ingress).toEqual([
      { protocol: 'tcp', fromPort: 22, toPort: 22, cidrIps: ['0.0.0.0/0'], cidrIpv6s: [], groupIds: [], description: 'ssh' },
    ]);
    expect(group.egress).toEqual([
      { protocol: '-1', fromPort: undefined, toPort: undefined, cidrIps: ['0.0.0.0/0'], cidrIpv6s: [], groupIds: [] },
    ]);
  });
});
