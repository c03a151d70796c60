import { AlreadyExistsError, BadRequestError, InvalidArgumentError, NotFoundError, QuotaExceededError } from '@cloudmux/core/errors';
import { eventually, start, type Harness } from './helpers.js';

let h: Harness;
afterEach(async () => h.close());

describe('security groups', () => {
  it('creates, authorizes and revokes ingress and egress, lists and deletes', async () => {
    h = await start();
    const id = await h.driver.exCreateSecurityGroup({ name: 'web', description: 'web servers', tags: { team: 'a' } });
    expect(id).toMatch(/^sg-/);
    await expect(h.driver.exCreateSecurityGroup({ name: 'web' })).rejects.toThrow(AlreadyExistsError);
    const ssh = { protocol: 'tcp', fromPort: 22, toPort: 22, cidrIps: ['203.0.113.0/24'], description: 'office' };
    const https = { protocol: 'tcp', fromPort: 443, toPort: 443, cidrIps: ['0.0.0.0/0'], cidrIpv6s: ['::/0'] };
    expect(await h.driver.exAuthorizeSecurityGroupIngress(id, [ssh, https])).toBe(true);
    await expect(h.driver.exAuthorizeSecurityGroupIngress(id, [ssh])).rejects.toThrow(AlreadyExistsError);
    expect(await h.driver.exAuthorizeSecurityGroupEgress(id, [{ protocol: 'udp', fromPort: 53, toPort: 53, groupIds: [id] }])).toBe(true);
    const [group] = await h.driver.exListSecurityGroups({ ids: [id] });
    expect(group).toMatchObject({ id, name: 'web', description: 'web servers', tags: { team: 'a' } });
    expect(group!.ingress).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ protocol: 'tcp', fromPort: 22, toPort: 22, cidrIps: ['203.0.113.0/24'], description: 'office' }),
        expect.objectContaining({ protocol: 'tcp', fromPort: 443, cidrIps: ['0.0.0.0/0'], cidrIpv6s: ['::/0'] }),
      ]),
    );
    expect(group!.egress).toEqual(expect.arrayContaining([expect.objectContaining({ protocol: 'udp', fromPort: 53, groupIds: [id] })]));
    expect(await h.driver.exRevokeSecurityGroupIngress(id, [ssh])).toBe(true);
    expect(await h.driver.exRevokeSecurityGroupEgress(id, [{ protocol: 'udp', fromPort: 53, toPort: 53, groupIds: [id] }])).toBe(true);
    const [after] = await h.driver.exListSecurityGroups({ names: ['web'] });
    expect(after!.ingress.map((p) => p.fromPort)).toEqual([443]);
    expect((await h.driver.exListSecurityGroups()).map((g) => g.name).sort()).toEqual(['default', 'web']);
    expect(await h.driver.exDeleteSecurityGroup(id)).toBe(true);
    await expect(h.driver.exListSecurityGroups({ ids: [id] })).rejects.toThrow(NotFoundError);
  });
});

describe('Elastic IPs', () => {
  it('allocates, associates, disassociates and releases', async () => {
    h = await start({ addressLimit: 2 });
    const [nodeId] = h.sim.seedInstances(1);
    const eip = await h.driver.exAllocateAddress();
    expect(eip).toMatchObject({ domain: 'vpc', allocationId: expect.stringMatching(/^eipalloc-/) as unknown as string });
    const associationId = await h.driver.exAssociateAddress(eip, nodeId!);
    expect(associationId).toMatch(/^eipassoc-/);
    const [listed] = await h.driver.exListAddresses({ publicIps: [eip.publicIp] });
    expect(listed).toMatchObject({ instanceId: nodeId, associationId });
    expect((await h.driver.getNode(nodeId!)).publicIps).toContain(eip.publicIp);
    expect(await h.driver.exDisassociateAddress(eip.publicIp)).toBe(true);
    expect((await h.driver.exListAddresses({ allocationIds: [eip.allocationId!] }))[0]?.instanceId).toBeUndefined();
    // Associating by public address looks the allocation id up.
    expect(await h.driver.exAssociateAddress(eip.publicIp, nodeId!)).toMatch(/^eipassoc-/);
    expect(await h.driver.exDisassociateAddress(eip)).toBe(true);
    await h.driver.exAllocateAddress();
    await expect(h.driver.exAllocateAddress()).rejects.toThrow(QuotaExceededError);
    expect(await h.driver.exReleaseAddress(eip.allocationId!)).toBe(true);
    expect((await h.driver.exListAddresses()).map((a) => a.publicIp)).not.toContain(eip.publicIp);
    await expect(h.driver.exReleaseAddress('198.51.100.77')).rejects.toThrow(NotFoundError);
  });
});

describe('tags', () => {
  it('creates, lists and deletes tags on several resources', async () => {
    h = await start();
    const ids = h.sim.seedInstances(2);
    expect(await h.driver.exCreateTags(ids, { env: 'prod', owner: 'ops' })).toBe(true);
    const tags = await h.driver.exListTags({ resources: ids[0]! });
    expect(tags.map((t) => `${t.key}=${t.value}`).sort()).toEqual(['env=prod', 'owner=ops']);
    expect(tags[0]).toMatchObject({ resourceId: ids[0], resourceType: 'instance' });
    expect(await h.driver.exListTags({ filters: { key: 'env' } })).toHaveLength(2);
    expect(await h.driver.exDeleteTags(ids[0]!, ['owner'])).toBe(true);
    expect(await h.driver.exDeleteTags(ids[1]!, { env: 'not-this-value' })).toBe(true);
    expect(await h.driver.exListMetadata(ids[0]!)).toEqual({ env: 'prod' });
    expect(await h.driver.exListMetadata(ids[1]!)).toEqual({ env: 'prod', owner: 'ops' });
    // exGetMetadata is one value, exListMetadata the whole record, as on every driver.
    expect(await h.driver.exGetMetadata(ids[1]!, 'owner')).toBe('ops');
    await expect(h.driver.exGetMetadata(ids[0]!, 'owner')).rejects.toThrow(NotFoundError);
    await expect(h.driver.exGetMetadata(ids[0]!, 'owner')).rejects.toThrow(/has no tag "owner"/);
    await expect(h.driver.exGetMetadata(ids[0]!, '')).rejects.toThrow(InvalidArgumentError);
  });
});

describe('images', () => {
  it('creates an image from an instance, copies it and deregisters both', async () => {
    h = await start();
    const [nodeId] = h.sim.seedInstances(1);
    const image = await h.driver.exCreateImage(nodeId!, { name: 'golden', description: 'golden image', noReboot: true, tags: { v: '1' } });
    expect(image).toMatchObject({ name: 'golden' });
    expect(['pending', 'available']).toContain(image.extra.state);
    expect((await h.driver.listImages({ ex: { owners: ['self'] } })).map((i) => i.id)).toEqual([image.id]);
    await eventually(
      () => h.driver.getImage(image.id),
      (i) => i.extra.state === 'available',
    );
    const copy = await h.driver.exCopyImage({ sourceRegion: h.sim.region, sourceImageId: image.id, name: 'golden-copy' });
    expect(copy.id).not.toBe(image.id);
    expect(copy.name).toBe('golden-copy');
    expect(await h.driver.exDeregisterImage(copy)).toBe(true);
    expect(await h.driver.exDeregisterImage(image.id)).toBe(true);
    await expect(h.driver.getImage(image.id)).rejects.toThrow(NotFoundError);
  });
});

describe('exCall', () => {
  it('calls any action and maps its errors', async () => {
    h = await start();
    const res = await h.driver.exCall('DescribeRegions', {}, { idempotent: true });
    expect(res.regionInfo).toBeDefined();
    await expect(h.driver.exCall('NoSuchAction')).rejects.toThrow(BadRequestError);
    await expect(h.driver.exCall('NoSuchAction')).rejects.toThrow(/ec2: NoSuchAction failed with HTTP 400 InvalidAction/);
  });
});
