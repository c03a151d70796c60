/** One EC2 instance type: vCPUs, memory (MiB), local instance storage (GB; 0 = EBS only), CPU architecture. */
export interface Ec2InstanceType {
  /** Instance type id (`t3.micro`). */
  readonly id: string;
  /** Virtual CPUs. */
  readonly vcpus: number;
  /** Memory in MiB. */
  readonly ramMb: number;
  /** Local instance-store capacity in GB (0 when the type is EBS-only). */
  readonly diskGb: number;
  /** `x86_64` or `arm64`. */
  readonly arch: 'x86_64' | 'arm64';
  /** Whether the type is from a previous generation. */
  readonly previousGeneration: boolean;
}

type Row = readonly [id: string, vcpus: number, ramGiB: number, diskGb?: number];

const SIZES = ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge'] as const;

/** `family.size` rows with vCPUs doubling from `large` = 2 and memory `perVcpu` GiB per vCPU. */
function family(name: string, perVcpu: number, sizes: readonly string[] = SIZES): Row[] {
  const vcpus: Record<string, number> = { large: 2, xlarge: 4, '2xlarge': 8, '4xlarge': 16, '8xlarge': 32, '9xlarge': 36, '12xlarge': 48, '16xlarge': 64, '18xlarge': 72, '24xlarge': 96, '32xlarge': 128 };
  return sizes.map((s) => [`${name}.${s}`, vcpus[s] as number, (vcpus[s] as number) * perVcpu] as const);
}

/** Burstable `t*` rows: nano 0.5 GiB … 2xlarge 32 GiB. */
function burstable(name: string, smallVcpus: number): Row[] {
  return [
    [`${name}.nano`, smallVcpus, 0.5],
    [`${name}.micro`, smallVcpus, 1],
    [`${name}.small`, smallVcpus, 2],
    [`${name}.medium`, 2, 4],
    [`${name}.large`, 2, 8],
    [`${name}.xlarge`, 4, 16],
    [`${name}.2xlarge`, 8, 32],
  ];
}

const CURRENT: readonly Row[] = [
  ...burstable('t2', 1),
  ...burstable('t3', 2),
  ...burstable('t3a', 2),
  ...burstable('t4g', 2),
  ...family('m5', 4),
  ...family('m6i', 4, [...SIZES, '32xlarge']),
  ...family('m7i', 4),
  ...family('m6g', 4, SIZES.slice(0, 6)),
  ...family('m7g', 4, SIZES.slice(0, 6)),
  ...family('c5', 2, ['large', 'xlarge', '2xlarge', '4xlarge', '9xlarge', '12xlarge', '18xlarge', '24xlarge']),
  ...family('c6i', 2, [...SIZES, '32xlarge']),
  ...family('c7i', 2),
  ...family('c6g', 2, SIZES.slice(0, 6)),
  ...family('c7g', 2, SIZES.slice(0, 6)),
  ...family('r5', 8),
  ...family('r6i', 8, [...SIZES, '32xlarge']),
  ...family('r6g', 8, SIZES.slice(0, 6)),
  ['m5d.large', 2, 8, 75],
  ['m5d.xlarge', 4, 16, 150],
  ['m5d.2xlarge', 8, 32, 300],
  ['m5d.4xlarge', 16, 64, 600],
  ['i3.large', 2, 15.25, 475],
  ['i3.xlarge', 4, 30.5, 950],
  ['i3.2xlarge', 8, 61, 1900],
  ['i3.4xlarge', 16, 122, 3800],
  ['g4dn.xlarge', 4, 16, 125],
  ['g4dn.2xlarge', 8, 32, 225],
  ['g5.xlarge', 4, 16, 250],
  ['g5.2xlarge', 8, 32, 450],
  ['p3.2xlarge', 8, 61],
];

const PREVIOUS: readonly Row[] = [
  ['t1.micro', 1, 0.613],
  ['m1.small', 1, 1.7, 160],
  ['m1.medium', 1, 3.75, 410],
  ['m1.large', 2, 7.5, 840],
  ['m1.xlarge', 4, 15, 1680],
  ['c1.medium', 2, 1.7, 350],
  ['c1.xlarge', 8, 7, 1680],
  ['m3.medium', 1, 3.75, 4],
  ['m3.large', 2, 7.5, 32],
  ['m4.large', 2, 8],
  ['m4.xlarge', 4, 16],
  ['c4.large', 2, 3.75],
  ['r4.large', 2, 15.25],
];

const ARM = /^(t4g|m6g|m7g|c6g|c7g|r6g)\./;

function toType(row: Row, previousGeneration: boolean): Ec2InstanceType {
  const [id, vcpus, ramGiB, diskGb = 0] = row;
  return Object.freeze({ id, vcpus, ramMb: Math.round(ramGiB * 1024), diskGb, arch: ARM.test(id) ? 'arm64' : 'x86_64', previousGeneration });
}

/**
 * Instance types `listSizes` reports (AWS's published vCPU/memory/instance-store figures for common
 * current-generation families plus the previous-generation types older EC2 clones such as Eucalyptus serve).
 */
export const EC2_INSTANCE_TYPES: readonly Ec2InstanceType[] = Object.freeze([
  ...CURRENT.map((r) => toType(r, false)),
  ...PREVIOUS.map((r) => toType(r, true)),
]);

/** Looks up an instance type by id. */
export function findInstanceType(id: string): Ec2InstanceType | undefined {
  return EC2_INSTANCE_TYPES.find((t) => t.id === id);
}
