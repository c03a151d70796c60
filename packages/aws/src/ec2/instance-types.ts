import { EC2_INSTANCE_TYPE_ROWS, EC2_ROW_ARM64, EC2_ROW_PREVIOUS_GENERATION, type Ec2InstanceTypeRow } from './instance-types.data.js';

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

function toType([id, vcpus, ramMb, diskGb, flags]: Ec2InstanceTypeRow): Ec2InstanceType {
  return Object.freeze({
    id,
    vcpus,
    ramMb,
    diskGb,
    arch: flags & EC2_ROW_ARM64 ? 'arm64' : 'x86_64',
    previousGeneration: (flags & EC2_ROW_PREVIOUS_GENERATION) !== 0,
  });
}

/**
 * Every EC2 instance type `listSizes` reports: all 648 current- and previous-generation types of the
 * Apache Libcloud data files (commit 6e39117d, 2023-12-03), by family, then smallest first. Generated
 * into `instance-types.data.ts` by `pricing/scripts/gen-ec2.mjs`; prices live in `pricing/compute/ec2.json`.
 */
export const EC2_INSTANCE_TYPES: readonly Ec2InstanceType[] = Object.freeze(EC2_INSTANCE_TYPE_ROWS.map(toType));

let byId: ReadonlyMap<string, Ec2InstanceType> | undefined;

/** Looks up an instance type by id (`undefined` when the catalog does not know it). */
export function findInstanceType(id: string): Ec2InstanceType | undefined {
  byId ??= new Map(EC2_INSTANCE_TYPES.map((t) => [t.id, t]));
  return byId.get(id);
}
