import { generateKeyPairSync } from 'node:crypto';
import { ACTIONS } from '../../src/simulator/actions/index.js';
import { DEFAULT_CREDENTIALS } from '../../src/simulator/index.js';
import { AMI, startSimulator, type CallOptions } from './helpers.js';

/** One raw body the simulator sent during {@link runScriptedSession}. */
export interface CapturedDocument {
  /** What the call was, e.g. `DescribeInstances page 2` or `error: unknown action`. */
  label: string;
  /** `Action` of the request (`''` for none). */
  action: string;
  status: number;
  /** The body exactly as received. */
  text: string;
}

/** Text with every character an XML writer has to escape or may mangle: markup, quotes, non-ASCII (BMP and astral), tab, newlines. */
export const SPECIAL_TEXT = `web & <api> "dq" 'sq' > é ü ✓ 日本 😀\tTab\nsecond line\r\nthird  `;
/** A second one, for keys and names (tag keys may not start with `aws:`). */
export const SPECIAL_KEY = `k&<"'>é\n😀`;

/** Paginated Describe actions and the largest page size they accept at the bottom of their range. */
export const PAGINATED = [
  'DescribeInstances',
  'DescribeImages',
  'DescribeVolumes',
  'DescribeSnapshots',
  'DescribeSecurityGroups',
  'DescribeTags',
  'DescribeInstanceTypes',
] as const;

type Params = Record<string, string | number | boolean>;

const tagged = (type: string, n = 1): Params => ({
  [`TagSpecification.${n}.ResourceType`]: type,
  [`TagSpecification.${n}.Tag.1.Key`]: 'Name',
  [`TagSpecification.${n}.Tag.1.Value`]: SPECIAL_TEXT,
  [`TagSpecification.${n}.Tag.2.Key`]: SPECIAL_KEY,
  [`TagSpecification.${n}.Tag.2.Value`]: '',
});
const NO_MATCH: Params = { 'Filter.1.Name': 'tag:none-such', 'Filter.1.Value.1': 'none' };

function text(x: string, name: string): string {
  const m = new RegExp(`<${name}>([^<]*)</${name}>`).exec(x);
  if (!m) throw new Error(`no <${name}> in ${x.slice(0, 400)}`);
  return m[1] as string;
}

/**
 * Drives a fresh EC2 simulator through every action it implements (success documents with values
 * full of characters that need escaping, every page of each paginated Describe, the empty set of
 * each Describe) and through its error paths, returning every raw body it sent.
 */
export async function runScriptedSession(): Promise<CapturedDocument[]> {
  const { sim, client } = await startSimulator();
  const docs: CapturedDocument[] = [];
  const call = async (action: string, params: Params = {}, label = action, opts: CallOptions = {}): Promise<string> => {
    const r = await client.call(action, params, { ...opts, raw: true });
    docs.push({ label, action, status: r.status, text: r.text });
    return r.text;
  };
  const ok = async (action: string, params: Params = {}, label = action): Promise<string> => {
    const body = await call(action, params, label);
    const last = docs[docs.length - 1] as CapturedDocument;
    if (last.status !== 200) throw new Error(`${label} failed with ${last.status}: ${body}`);
    return body;
  };
  const pages = async (action: string, params: Params = {}): Promise<void> => {
    let token: string | undefined;
    let n = 0;
    do {
      n++;
      const body = await ok(action, { ...params, MaxResults: 5, ...(token ? { NextToken: token } : {}) }, `${action} page ${n}`);
      token = /<nextToken>([^<]*)<\/nextToken>/.exec(body)?.[1];
      if (token !== undefined) token = token.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
    } while (token !== undefined);
    if (n < 2) throw new Error(`${action} returned a single page`);
  };

  try {
    // Regions, zones, types, network.
    await ok('DescribeRegions');
    await ok('DescribeRegions', { AllRegions: true }, 'DescribeRegions all');
    await ok('DescribeAvailabilityZones');
    await ok('DescribeVpcs');
    await ok('DescribeSubnets');
    await ok('DescribeInstanceTypes', { 'InstanceType.1': 't3.micro' }, 'DescribeInstanceTypes one');

    // Key pairs.
    const publicKey = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' });
    const openssh = `ssh-ed25519 ${Buffer.concat([Buffer.from([0, 0, 0, 11]), Buffer.from('ssh-ed25519'), Buffer.from([0, 0, 0, 32]), publicKey.subarray(-32)]).toString('base64')} me@host`;
    await ok('CreateKeyPair', { KeyName: 'session-key', ...tagged('key-pair') });
    await ok('ImportKeyPair', { KeyName: 'imported-key', PublicKeyMaterial: Buffer.from(openssh).toString('base64') });
    await ok('DescribeKeyPairs', { IncludePublicKey: true });

    // Security groups (enough for several pages).
    const sg = text(
      await ok('CreateSecurityGroup', {
        GroupName: 'web-special',
        GroupDescription: 'desc & <more> "quoted"',
        ...tagged('security-group'),
      }),
      'groupId',
    );
    for (let i = 0; i < 6; i++)
      await ok('CreateSecurityGroup', { GroupName: `group-${i}`, GroupDescription: `group ${i}` }, 'CreateSecurityGroup (more)');
    const perm: Params = {
      GroupId: sg,
      'IpPermissions.1.IpProtocol': 'tcp',
      'IpPermissions.1.FromPort': 22,
      'IpPermissions.1.ToPort': 22,
      'IpPermissions.1.IpRanges.1.CidrIp': '10.0.0.0/8',
      'IpPermissions.1.IpRanges.1.Description': 'ssh & <admin> "only"',
    };
    await ok('AuthorizeSecurityGroupIngress', perm);
    await ok('AuthorizeSecurityGroupEgress', perm);

    // Instances.
    const run = await ok('RunInstances', {
      ImageId: AMI,
      MinCount: 2,
      MaxCount: 2,
      InstanceType: 't3.micro',
      'Placement.AvailabilityZone': 'us-east-1a',
      KeyName: 'session-key',
      'SecurityGroupId.1': sg,
      UserData: Buffer.from('#!/bin/sh\necho hi').toString('base64'),
      ...tagged('instance'),
      ...tagged('volume', 2),
    });
    const [i1, i2] = [...run.matchAll(/<instanceId>([^<]*)<\/instanceId>/g)].map((m) => m[1] as string);
    const seeded = sim.seedInstances(8, { tags: { Name: SPECIAL_TEXT } });
    await new Promise((r) => setTimeout(r, 80));
    for (const attribute of [
      'instanceType',
      'userData',
      'disableApiTermination',
      'instanceInitiatedShutdownBehavior',
      'rootDeviceName',
      'ebsOptimized',
      'sourceDestCheck',
      'groupSet',
    ]) {
      await ok('DescribeInstanceAttribute', { InstanceId: i1 as string, Attribute: attribute }, `DescribeInstanceAttribute ${attribute}`);
    }
    await ok(
      'DescribeInstanceAttribute',
      { InstanceId: seeded[0] as string, Attribute: 'userData' },
      'DescribeInstanceAttribute userData (none)',
    );
    await ok('ModifyInstanceAttribute', { InstanceId: i1 as string, 'DisableApiTermination.Value': false });
    await ok('GetConsoleOutput', { InstanceId: i1 as string });
    await ok('RebootInstances', { 'InstanceId.1': i1 as string });
    await ok('StopInstances', { 'InstanceId.1': i2 as string });
    await new Promise((r) => setTimeout(r, 80));
    await ok('StartInstances', { 'InstanceId.1': i2 as string });

    // Tags.
    await ok('CreateTags', { 'ResourceId.1': i1 as string, 'Tag.1.Key': 'note', 'Tag.1.Value': SPECIAL_TEXT });
    await ok('DeleteTags', { 'ResourceId.1': i1 as string, 'Tag.1.Key': 'note' });

    // Volumes and snapshots.
    const vol = text(await ok('CreateVolume', { AvailabilityZone: 'us-east-1a', Size: 8, ...tagged('volume') }), 'volumeId');
    for (let i = 0; i < 5; i++) await ok('CreateVolume', { AvailabilityZone: 'us-east-1a', Size: 1 }, 'CreateVolume (more)');
    await new Promise((r) => setTimeout(r, 80));
    await ok('AttachVolume', { VolumeId: vol, InstanceId: i1 as string, Device: '/dev/sdf' });
    await new Promise((r) => setTimeout(r, 80));
    await ok('DetachVolume', { VolumeId: vol });
    const snap = text(await ok('CreateSnapshot', { VolumeId: vol, Description: SPECIAL_TEXT, ...tagged('snapshot') }), 'snapshotId');
    for (let i = 0; i < 5; i++) await ok('CreateSnapshot', { VolumeId: vol }, 'CreateSnapshot (more)');

    // Images.
    const image = text(
      await ok('CreateImage', { InstanceId: i1 as string, Name: 'image (special)', Description: SPECIAL_TEXT, ...tagged('image') }),
      'imageId',
    );
    const copy = text(
      await ok('CopyImage', { SourceRegion: 'us-east-1', SourceImageId: AMI, Name: 'copy_of/it', Description: SPECIAL_TEXT }),
      'imageId',
    );
    for (let i = 0; i < 5; i++) await ok('CreateImage', { InstanceId: i1 as string, Name: `image-${i}` }, 'CreateImage (more)');

    // Addresses.
    const alloc = await ok('AllocateAddress', { Domain: 'vpc', ...tagged('elastic-ip') });
    const allocationId = text(alloc, 'allocationId');
    await ok('AssociateAddress', { AllocationId: allocationId, InstanceId: i1 as string });
    await ok('DescribeAddresses');
    await ok('DisassociateAddress', { AssociationId: text(docs[docs.length - 1]?.text ?? '', 'associationId') });

    // Every page of every paginated Describe, then the empty set of every Describe.
    for (const action of PAGINATED) await pages(action, action === 'DescribeImages' ? { 'Owner.1': 'self' } : {});
    for (const action of Object.keys(ACTIONS).filter((a) => a.startsWith('Describe'))) {
      const params: Params =
        action === 'DescribeInstanceAttribute'
          ? {}
          : action === 'DescribeRegions' ||
              action === 'DescribeAvailabilityZones' ||
              action === 'DescribeInstanceTypes' ||
              action === 'DescribeTags'
            ? {
                'Filter.1.Name':
                  action === 'DescribeTags'
                    ? 'key'
                    : action === 'DescribeInstanceTypes'
                      ? 'instance-type'
                      : action === 'DescribeRegions'
                        ? 'region-name'
                        : 'zone-name',
                'Filter.1.Value.1': 'none-such',
              }
            : NO_MATCH;
      if (action !== 'DescribeInstanceAttribute') await ok(action, params, `${action} empty`);
    }

    // Tear down.
    await ok('ReleaseAddress', { AllocationId: allocationId });
    await ok('DeregisterImage', { ImageId: copy });
    await ok('DeregisterImage', { ImageId: image }, 'DeregisterImage (pending)');
    await ok('DeleteSnapshot', { SnapshotId: snap });
    await ok('DeleteVolume', { VolumeId: vol });
    await ok('RevokeSecurityGroupIngress', perm);
    await ok('RevokeSecurityGroupEgress', perm);
    await ok('TerminateInstances', { 'InstanceId.1': i1 as string, 'InstanceId.2': i2 as string });
    await ok('DeleteSecurityGroup', { GroupName: 'group-0' });
    await ok('DeleteKeyPair', { KeyName: 'imported-key' });

    // Error documents: EC2 codes with messages that echo hostile input, auth and protocol errors.
    await call('LaunchRockets', {}, 'error: unknown action');
    await call('', {}, 'error: missing action');
    await call('DescribeKeyPairs', { 'KeyName.1': SPECIAL_TEXT }, 'error: not found echoing input');
    await call('CreateSecurityGroup', { GroupName: 'web-special', GroupDescription: 'again' }, 'error: duplicate');
    await call('RunInstances', { ImageId: AMI, MinCount: 0, MaxCount: 1 }, 'error: invalid value');
    await call('DescribeInstances', { MaxResults: 1 }, 'error: MaxResults out of range');
    await call('DescribeRegions', {}, 'error: wrong secret', { creds: { ...DEFAULT_CREDENTIALS, secretAccessKey: 'wrong' } });
    await call('DescribeRegions', {}, 'error: unsigned', { unsigned: true });
    await call('DescribeRegions', {}, 'error: expired', { now: new Date(Date.now() - 3_600_000) });
    await call('CreateSecurityGroup', { GroupName: 'dry', GroupDescription: 'd', DryRun: true }, 'error: dry run');
  } finally {
    await sim.close();
  }
  return docs;
}
