/**
 * The simulator's default packages, images and networks (deterministic ids).
 * @module
 */
import { stableUuid } from './ids.js';
import type { SimImage, SimNetwork, SimPackage } from './model.js';

/** Owner uuid of the public images. */
export const ADMIN_UUID = stableUuid('account', 'admin');

/** Default packages: name, memory MiB, disk MiB, vcpus, swap MiB. */
const PACKAGES: ReadonlyArray<[string, number, number, number, number]> = [
  ['g4-highcpu-128M', 128, 3072, 1, 512],
  ['g4-highcpu-256M', 256, 5120, 1, 1024],
  ['g4-highcpu-512M', 512, 10240, 1, 2048],
  ['g4-highcpu-1G', 1024, 25600, 1, 4096],
  ['g4-highcpu-2G', 2048, 51200, 2, 8192],
  ['g4-highcpu-4G', 4096, 102400, 4, 16384],
  ['g4-highcpu-8G', 8192, 204800, 8, 32768],
  ['g4-general-4G', 4096, 98304, 1, 16384],
  ['g4-general-8G', 8192, 196608, 2, 32768],
  ['g4-memory-16G', 16384, 327680, 2, 65536],
];

const GROUPS: Record<string, string> = { highcpu: 'High CPU', general: 'General', memory: 'High Memory' };

/** Fresh copies of the default packages. */
export function defaultPackages(): SimPackage[] {
  return PACKAGES.map(([name, memory, disk, vcpus, swap]) => {
    const family = name.split('-')[1] ?? 'general';
    return {
      id: stableUuid('package', name),
      name,
      memory,
      disk,
      swap,
      vcpus,
      lwps: 4000,
      version: '1.0.0',
      group: GROUPS[family] ?? 'General',
      description: `${GROUPS[family] ?? 'General'} ${memory >= 1024 ? `${memory / 1024} GB` : `${memory} MB`} RAM, ${vcpus} vCPU and ${disk / 1024} GB disk`,
      default: name === 'g4-highcpu-128M',
    };
  });
}

/** Fresh copies of the default images. */
export function defaultImages(): SimImage[] {
  const image = (
    name: string,
    version: string,
    os: string,
    type: string,
    description: string,
    brand: string | undefined,
    published: string,
  ): SimImage => ({
    id: stableUuid('image', `${name}@${version}`),
    name,
    version,
    os,
    type,
    description,
    requirements: brand ? { brand } : {},
    homepage: 'https://docs.tritondatacenter.com/public-cloud/instances/infrastructure/images',
    publishedAt: new Date(published),
    owner: ADMIN_UUID,
    public: true,
    state: 'active',
    tags: { role: 'os' },
    urn: `sdc:sdc:${name}:${version}`,
  });
  return [
    image(
      'base-64-lts',
      '23.4.0',
      'smartos',
      'zone-dataset',
      'A 64-bit SmartOS image with just essential packages installed.',
      undefined,
      '2024-01-05T00:00:00Z',
    ),
    image('ubuntu-22.04', '20240101', 'linux', 'lx-dataset', 'Container-native Ubuntu 22.04 64-bit image.', 'lx', '2024-01-02T00:00:00Z'),
    image(
      'ubuntu-certified-22.04',
      '20240101',
      'linux',
      'zvol',
      'Ubuntu 22.04 (jammy) certified cloud image for hardware virtual machines.',
      'bhyve',
      '2024-01-03T00:00:00Z',
    ),
  ];
}

/** Fresh copies of the default networks: public, private and one fabric. */
export function defaultNetworks(): SimNetwork[] {
  return [
    {
      id: stableUuid('network', 'Joyent-SDC-Public'),
      name: 'Joyent-SDC-Public',
      public: true,
      fabric: false,
      description: 'Public internet addresses (TEST-NET blocks in the simulator)',
      subnet: '192.0.2.0/24',
      gateway: '192.0.2.1',
      netmask: '255.255.255.0',
      provisionStart: '192.0.2.5',
      provisionEnd: '192.0.2.254',
      resolvers: ['8.8.8.8', '8.8.4.4'],
      allocator: 'public',
    },
    {
      id: stableUuid('network', 'Joyent-SDC-Private'),
      name: 'Joyent-SDC-Private',
      public: false,
      fabric: false,
      description: 'Private datacenter network',
      subnet: '10.0.0.0/8',
      gateway: '10.0.0.1',
      netmask: '255.0.0.0',
      provisionStart: '10.0.0.5',
      provisionEnd: '10.255.255.254',
      resolvers: ['8.8.8.8', '8.8.4.4'],
      allocator: 'private',
    },
    {
      id: stableUuid('network', 'My-Fabric-Network'),
      name: 'My-Fabric-Network',
      public: false,
      fabric: true,
      description: 'Default fabric network',
      subnet: '192.168.128.0/22',
      gateway: '192.168.128.1',
      netmask: '255.255.252.0',
      provisionStart: '192.168.128.5',
      provisionEnd: '192.168.131.250',
      resolvers: ['8.8.8.8', '8.8.4.4'],
      allocator: 'fabric',
    },
  ];
}
