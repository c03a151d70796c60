/** A region as DescribeRegions reports it. */
export interface RegionInfo {
  /** Region name, e.g. `us-east-1`. */
  name: string;
  /** `opt-in-not-required` or `not-opted-in`. */
  optInStatus: 'opt-in-not-required' | 'not-opted-in' | 'opted-in';
}

/** Commercial AWS regions known to the simulator's DescribeRegions. */
export const KNOWN_REGIONS: readonly RegionInfo[] = [
  ...['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ap-south-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3'].map(
    (name) => ({ name, optInStatus: 'opt-in-not-required' as const }),
  ),
  ...[
    'ap-southeast-1',
    'ap-southeast-2',
    'ca-central-1',
    'eu-central-1',
    'eu-west-1',
    'eu-west-2',
    'eu-west-3',
    'eu-north-1',
    'sa-east-1',
  ].map((name) => ({ name, optInStatus: 'opt-in-not-required' as const })),
  ...[
    'af-south-1',
    'ap-east-1',
    'ap-south-2',
    'ap-southeast-3',
    'ap-southeast-4',
    'ca-west-1',
    'eu-central-2',
    'eu-south-1',
    'eu-south-2',
    'il-central-1',
    'me-central-1',
    'me-south-1',
  ].map((name) => ({ name, optInStatus: 'not-opted-in' as const })),
];

const DIRECTIONS: Record<string, string> = {
  east: 'e',
  west: 'w',
  north: 'n',
  south: 's',
  central: 'c',
  northeast: 'ne',
  northwest: 'nw',
  southeast: 'se',
  southwest: 'sw',
};

/** AWS's short zone-id prefix of a region (`us-east-1` → `use1`, `ap-southeast-2` → `apse2`). */
export function regionShortCode(region: string): string {
  const parts = region.split('-');
  if (parts.length !== 3) return region.replace(/[^a-z0-9]/g, '').slice(0, 6);
  return `${parts[0]}${DIRECTIONS[parts[1] as string] ?? (parts[1] as string).slice(0, 2)}${parts[2]}`;
}

/** An instance type as the simulator knows it. */
export interface InstanceTypeSpec {
  /** API name, e.g. `t3.micro`. */
  name: string;
  /** Default vCPUs. */
  vcpus: number;
  /** Memory in MiB. */
  memoryMiB: number;
  /** CPU architecture. */
  architecture: 'x86_64' | 'arm64' | 'i386';
  /** Network performance text. */
  network: string;
  /** Current generation. */
  currentGeneration: boolean;
  /** Free-tier eligible. */
  freeTier: boolean;
  /** Hypervisor. */
  hypervisor: 'xen' | 'nitro';
}

function t(
  name: string,
  vcpus: number,
  memoryMiB: number,
  network: string,
  extra: Partial<Pick<InstanceTypeSpec, 'architecture' | 'currentGeneration' | 'freeTier' | 'hypervisor'>> = {},
): InstanceTypeSpec {
  return {
    name,
    vcpus,
    memoryMiB,
    network,
    architecture: 'x86_64',
    currentGeneration: true,
    freeTier: false,
    hypervisor: 'nitro',
    ...extra,
  };
}

/** Instance types served by default (a representative subset of the real catalogue, with real sizes). */
export const DEFAULT_INSTANCE_TYPES: readonly InstanceTypeSpec[] = [
  t('m1.small', 1, 1740, 'Low', { currentGeneration: false, hypervisor: 'xen' }),
  t('t2.nano', 1, 512, 'Low to Moderate', { hypervisor: 'xen' }),
  t('t2.micro', 1, 1024, 'Low to Moderate', { hypervisor: 'xen', freeTier: true }),
  t('t2.small', 1, 2048, 'Low to Moderate', { hypervisor: 'xen' }),
  t('t2.medium', 2, 4096, 'Low to Moderate', { hypervisor: 'xen' }),
  t('t2.large', 2, 8192, 'Low to Moderate', { hypervisor: 'xen' }),
  t('t3.nano', 2, 512, 'Up to 5 Gigabit'),
  t('t3.micro', 2, 1024, 'Up to 5 Gigabit', { freeTier: true }),
  t('t3.small', 2, 2048, 'Up to 5 Gigabit'),
  t('t3.medium', 2, 4096, 'Up to 5 Gigabit'),
  t('t3.large', 2, 8192, 'Up to 5 Gigabit'),
  t('t3.xlarge', 4, 16384, 'Up to 5 Gigabit'),
  t('t4g.micro', 2, 1024, 'Up to 5 Gigabit', { architecture: 'arm64' }),
  t('t4g.small', 2, 2048, 'Up to 5 Gigabit', { architecture: 'arm64' }),
  t('m5.large', 2, 8192, 'Up to 10 Gigabit'),
  t('m5.xlarge', 4, 16384, 'Up to 10 Gigabit'),
  t('m5.2xlarge', 8, 32768, 'Up to 10 Gigabit'),
  t('c5.large', 2, 4096, 'Up to 10 Gigabit'),
  t('c5.xlarge', 4, 8192, 'Up to 10 Gigabit'),
  t('r5.large', 2, 16384, 'Up to 10 Gigabit'),
  t('m6g.large', 2, 8192, 'Up to 10 Gigabit', { architecture: 'arm64' }),
];

/** An image definition for {@link Ec2SimulatorOptions.images}. */
export interface Ec2ImageDefinition {
  /** AMI id (default: derived from the name). */
  imageId?: string | undefined;
  /** AMI name. */
  name: string;
  /** Description. */
  description?: string | undefined;
  /** Owner account id (default: Amazon's `137112412989`). */
  ownerId?: string | undefined;
  /** Owner alias (`amazon`, `aws-marketplace`), if any. */
  ownerAlias?: string | undefined;
  /** Architecture (default `x86_64`). */
  architecture?: 'x86_64' | 'arm64' | 'i386' | undefined;
  /** `windows` for Windows images. */
  platform?: 'windows' | undefined;
  /** Root device name (default `/dev/xvda`). */
  rootDeviceName?: string | undefined;
  /** Root volume size in GiB (default 8). */
  volumeSize?: number | undefined;
  /** Root volume type (default `gp3`). */
  volumeType?: string | undefined;
  /** Public image (default true). */
  public?: boolean | undefined;
  /** Creation date (ISO 8601; default 2024-01-10). */
  creationDate?: string | undefined;
}

/** Images served by default: public images of Amazon, Canonical and Debian (ids are simulator-specific). */
export const DEFAULT_IMAGES: readonly Ec2ImageDefinition[] = [
  {
    imageId: 'ami-0c0ffee0000000a01',
    name: 'al2023-ami-2023.6.20241010.0-kernel-6.1-x86_64',
    description: 'Amazon Linux 2023 AMI 2023.6.20241010.0 x86_64 HVM kernel-6.1',
    ownerAlias: 'amazon',
  },
  {
    imageId: 'ami-0c0ffee0000000a02',
    name: 'al2023-ami-2023.6.20241010.0-kernel-6.1-arm64',
    description: 'Amazon Linux 2023 AMI 2023.6.20241010.0 arm64 HVM kernel-6.1',
    ownerAlias: 'amazon',
    architecture: 'arm64',
  },
  {
    imageId: 'ami-0c0ffee0000000b01',
    name: 'ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20240101',
    description: 'Canonical, Ubuntu, 22.04 LTS, amd64 jammy image build on 2024-01-01',
    ownerId: '099720109477',
    rootDeviceName: '/dev/sda1',
    volumeType: 'gp2',
  },
  {
    imageId: 'ami-0c0ffee0000000c01',
    name: 'debian-12-amd64-20240102-1614',
    description: 'Debian 12 (20240102-1614)',
    ownerId: '136693071363',
    volumeType: 'gp2',
  },
  {
    imageId: 'ami-0c0ffee0000000d01',
    name: 'Windows_Server-2022-English-Full-Base-2024.01.10',
    description: 'Microsoft Windows Server 2022 Full Locale English AMI provided by Amazon',
    ownerId: '801119661308',
    ownerAlias: 'amazon',
    platform: 'windows',
    rootDeviceName: '/dev/sda1',
    volumeSize: 30,
    volumeType: 'gp2',
  },
];

/** Amazon's AMI owner account. */
export const AMAZON_OWNER_ID = '137112412989';
