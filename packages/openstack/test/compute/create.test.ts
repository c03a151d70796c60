import { InvalidArgumentError } from '@cloudmux/core/errors';
import { CIRROS, startCompute, type ComputeFixture } from './support.js';

let f: ComputeFixture;
beforeEach(async () => {
  f = await startCompute();
});
afterEach(() => f.close());

function lastCreateBody(): Record<string, unknown> {
  const server = [...f.compute.servers.values()].pop();
  if (!server) throw new Error('no server created');
  return server as unknown as Record<string, unknown>;
}

describe('createNode options', () => {
  it('sends networks, security groups, zone, user data, config drive, tags and min/max count', async () => {
    const node = await f.driver.createNode({
      name: 'multi',
      size: '1',
      image: CIRROS,
      location: 'az-2',
      ex: {
        networks: [{ network: '0b6e1f6a-1111-4c1e-9c1a-000000000001', fixedIp: '10.9.8.7' }],
        securityGroups: ['default', 'web'],
        userData: '#!/bin/sh\necho hi\n',
        configDrive: true,
        tags: ['blue'],
        minCount: 2,
        maxCount: 3,
      },
    });
    expect(node.locationId).toBe('az-2');
    expect(node.name).toBe('multi-1');
    expect(f.compute.servers.size).toBe(3);
    const s = lastCreateBody() as {
      userData?: string;
      configDrive?: boolean;
      securityGroups?: string[];
      tags?: string[];
      addresses?: { addr: string }[];
    };
    expect(Buffer.from(s.userData ?? '', 'base64').toString()).toBe('#!/bin/sh\necho hi\n');
    expect(s.configDrive).toBe(true);
    expect(s.securityGroups).toEqual(['default', 'web']);
    expect(s.tags).toEqual(['blue']);
    expect(s.addresses?.[0]?.addr).toBe('10.9.8.7');
  });

  it('boots from a volume made from the image', async () => {
    const node = await f.driver.createNode({ name: 'bfv', size: '2', image: CIRROS, ex: { bootVolume: { sizeGb: 10 } } });
    expect(node.imageId).toBeUndefined();
    expect(node.extra.volumesAttached).toHaveLength(1);
  });

  it('imports an ssh-key auth as a key pair once and uses it', async () => {
    const publicKey = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGcIbXWyPm1Xp6hY5dXo5Q5s0eXo6H2b2fP2kD9w3f1m me@host';
    const a = await f.driver.createNode({ name: 'k1', size: '1', image: CIRROS, auth: { kind: 'ssh-key', publicKey } });
    const b = await f.driver.createNode({ name: 'k2', size: '1', image: CIRROS, auth: { kind: 'ssh-key', publicKey } });
    expect(a.extra.keyName).toMatch(/^cloudmux-[0-9a-f]{16}$/);
    expect(b.extra.keyName).toBe(a.extra.keyName);
    expect(await f.driver.listKeyPairs()).toHaveLength(1);
  });

  it('refuses bad input before any request', async () => {
    const before = f.sim.server.requests.length;
    await expect(f.driver.createNode({ size: '1', image: CIRROS, ex: { keyname: 'x' } as never })).rejects.toThrow(
      /Valid options: .*keyName/,
    );
    await expect(f.driver.createNode({ size: '', image: CIRROS })).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(f.sim.server.requests.length).toBe(before);
  });

  it('refuses a password auth on an unknown flavor with the Nova message', async () => {
    await expect(f.driver.createNode({ size: '999', image: CIRROS, auth: { kind: 'password', password: 'pw' } })).rejects.toThrow(
      /Invalid flavorRef provided/,
    );
  });
});
