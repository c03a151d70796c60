/**
 * The flavors the Rackspace simulator's Cloud Servers offer: a few of Rackspace's next-generation flavor
 * families with their published sizes (legacy Standard `2`…`5`, General Purpose v1, Performance 1, Compute
 * and Memory optimised), replacing the OpenStack simulator's devstack flavors.
 * @module
 */
import type { SimFlavor } from '@cloudmux/openstack/simulator';

type Seed = [id: string, name: string, ramMb: number, diskGb: number, vcpus: number, rxtx: number, klass: string];

const SEEDS: readonly Seed[] = [
  ['2', '512MB Standard Instance', 512, 20, 1, 80, 'standard1'],
  ['3', '1GB Standard Instance', 1024, 40, 1, 120, 'standard1'],
  ['4', '2GB Standard Instance', 2048, 80, 2, 240, 'standard1'],
  ['5', '4GB Standard Instance', 4096, 160, 2, 400, 'standard1'],
  ['general1-1', '1 GB General Purpose v1', 1024, 20, 1, 200, 'general1'],
  ['general1-2', '2 GB General Purpose v1', 2048, 40, 2, 400, 'general1'],
  ['performance1-1', '1 GB Performance', 1024, 20, 1, 200, 'performance1'],
  ['performance1-2', '2 GB Performance', 2048, 40, 2, 400, 'performance1'],
  ['compute1-4', '3.75 GB Compute v1', 3840, 0, 2, 312.5, 'compute1'],
  ['memory1-15', '15 GB Memory v1', 15360, 0, 2, 625, 'memory1'],
];

/** The simulated Rackspace flavors (extra specs carry Rackspace's `class` and disk I/O priority). */
export const RACKSPACE_SIM_FLAVORS: readonly SimFlavor[] = Object.freeze(
  SEEDS.map(([id, name, ram, disk, vcpus, rxtxFactor, klass]): SimFlavor => ({
    id,
    name,
    ram,
    disk,
    vcpus,
    ephemeral: 0,
    swap: 0,
    rxtxFactor,
    isPublic: true,
    description: null,
    extraSpecs: { class: klass, policy_class: `${klass}_flavor`, disk_io_index: klass === 'standard1' ? '2' : '40' },
  })),
);
