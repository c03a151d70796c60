import { InvalidArgumentError } from '@cloudmux/core/errors';
import { toFloatingIp, toNetwork, toPort, toSecurityGroup, toSubnet } from '../../src/network/index.js';
import { ruleBody } from '../../src/network/security-groups.js';

describe('Neutron mappers', () => {
  it('maps a network, a subnet and a port', () => {
    const n = toNetwork({
      id: 'n1',
      name: 'public',
      status: 'ACTIVE',
      'router:external': true,
      subnets: ['s1'],
      tenant_id: 'p1',
      mtu: 1500,
    });
    expect(n).toEqual({
      id: 'n1',
      name: 'public',
      status: 'ACTIVE',
      adminStateUp: true,
      shared: false,
      external: true,
      subnetIds: ['s1'],
      projectId: 'p1',
      mtu: 1500,
      description: undefined,
    });
    expect(Object.isFrozen(n)).toBe(true);
    const s = toSubnet({
      id: 's1',
      network_id: 'n1',
      cidr: 'fd00::/64',
      ip_version: 6,
      gateway_ip: null,
      allocation_pools: [{ start: 'a', end: 'b' }],
    });
    expect(s).toMatchObject({ ipVersion: 6, gatewayIp: undefined, allocationPools: [{ start: 'a', end: 'b' }], enableDhcp: false });
    const p = toPort({
      id: 'p1',
      network_id: 'n1',
      fixed_ips: [{ subnet_id: 's1', ip_address: '10.0.0.5' }, { subnet_id: 's2' }],
      device_id: '',
      security_groups: ['g'],
    });
    expect(p).toMatchObject({
      fixedIps: [{ subnetId: 's1', ipAddress: '10.0.0.5' }],
      deviceId: undefined,
      securityGroupIds: ['g'],
      status: 'UNKNOWN',
    });
  });

  it('maps a floating IP and a security group with rules', () => {
    expect(
      toFloatingIp({ id: 'f', floating_ip_address: '172.24.4.9', floating_network_id: 'n', port_id: null, status: 'DOWN' }),
    ).toMatchObject({
      address: '172.24.4.9',
      portId: undefined,
      fixedIp: undefined,
      status: 'DOWN',
    });
    const g = toSecurityGroup({
      id: 'g',
      name: 'web',
      security_group_rules: [
        {
          id: 'r',
          security_group_id: 'g',
          direction: 'egress',
          ethertype: 'IPv6',
          protocol: null,
          port_range_min: null,
          remote_ip_prefix: null,
        },
      ],
    });
    expect(g.rules).toEqual([
      {
        id: 'r',
        securityGroupId: 'g',
        direction: 'egress',
        ethertype: 'IPv6',
        protocol: undefined,
        portRangeMin: undefined,
        portRangeMax: undefined,
        remoteIpPrefix: undefined,
        remoteGroupId: undefined,
        description: undefined,
      },
    ]);
  });
});

describe('security group rule bodies', () => {
  it('fills defaults: ingress, IPv4, max port = min port', () => {
    expect(ruleBody('g', { protocol: 'TCP', portRangeMin: 443 }, 'openstack')).toEqual({
      security_group_id: 'g',
      direction: 'ingress',
      ethertype: 'IPv4',
      protocol: 'tcp',
      port_range_min: 443,
      port_range_max: 443,
    });
  });

  it('derives the ethertype from the prefix and keeps ICMP type/code', () => {
    expect(ruleBody('g', { protocol: 'icmpv6', portRangeMin: 128, remoteIpPrefix: '::/0' }, 'o')).toEqual({
      security_group_id: 'g',
      direction: 'ingress',
      ethertype: 'IPv6',
      protocol: 'icmpv6',
      port_range_min: 128,
      remote_ip_prefix: '::/0',
    });
    expect(ruleBody('g', { direction: 'egress', protocol: 17, remoteGroup: { id: 'other' } }, 'o')).toMatchObject({
      direction: 'egress',
      protocol: '17',
      remote_group_id: 'other',
    });
  });

  it.each([
    [{ protocol: 'tcp', portRangeMin: 70000 }, /0 to 65535/],
    [{ protocol: 'icmp', portRangeMin: 300 }, /0 to 255/],
    [{ protocol: 'tcp', portRangeMax: 80 }, /needs portRangeMin/],
    [{ protocol: 'gre', portRangeMin: 1 }, /need protocol tcp/],
    [{ protocol: 256 }, /0-255/],
    [{ protocol: 'tcp; drop' }, /a name/],
    [{ ethertype: 'IPv5' }, /IPv4, IPv6/],
  ] as const)('refuses %j', (rule, message) => {
    expect(() => ruleBody('g', rule as never, 'o')).toThrow(InvalidArgumentError);
    expect(() => ruleBody('g', rule as never, 'o')).toThrow(message);
  });
});
