/** One StratusLab instance type: CPUs, RAM and swap (MiB). */
export interface StratusLabInstanceType {
  /** Name (`m1.small`). */
  readonly name: string;
  /** Virtual CPUs (the template's `CPU` and `VCPU`). */
  readonly cpu: number;
  /** RAM in MiB (the template's `MEMORY`). */
  readonly ramMb: number;
  /** Swap disk size in MiB (the template's swap `DISK`). */
  readonly swapMb: number;
}

/** The StratusLab client's built-in instance types (`VmManager.getDefaultInstanceTypes`). */
export const DEFAULT_INSTANCE_TYPES: readonly StratusLabInstanceType[] = Object.freeze([
  { name: 't1.micro', cpu: 1, ramMb: 512, swapMb: 512 },
  { name: 'm1.small', cpu: 1, ramMb: 1536, swapMb: 1536 },
  { name: 'm1.medium', cpu: 1, ramMb: 3072, swapMb: 3072 },
  { name: 'm1.large', cpu: 2, ramMb: 6144, swapMb: 6144 },
  { name: 'm1.xlarge', cpu: 4, ramMb: 8192, swapMb: 8192 },
  { name: 'c1.medium', cpu: 2, ramMb: 1536, swapMb: 1536 },
  { name: 'c1.xlarge', cpu: 4, ramMb: 6144, swapMb: 6144 },
]);

/** The instance type the StratusLab client uses when none is given. */
export const DEFAULT_INSTANCE_TYPE = 'm1.small';

/**
 * Parses an `[instance_types]` entry (`cpu, ram_MiB, swap_MiB`: three positive integers).
 * Returns undefined for an invalid entry (the StratusLab client drops those too).
 */
export function parseInstanceType(name: string, value: string): StratusLabInstanceType | undefined {
  const parts = value.split(',').map((p) => p.trim());
  if (parts.length !== 3 || !parts.every((p) => /^[1-9]\d*$/.test(p))) return undefined;
  const [cpu, ramMb, swapMb] = parts.map(Number) as [number, number, number];
  return { name, cpu, ramMb, swapMb };
}

/** The defaults with `extra` entries added or overriding same-named ones, in a stable order. */
export function mergeInstanceTypes(extra: readonly StratusLabInstanceType[]): readonly StratusLabInstanceType[] {
  const byName = new Map(DEFAULT_INSTANCE_TYPES.map((t) => [t.name, t]));
  for (const t of extra) byName.set(t.name, t);
  return Object.freeze([...byName.values()]);
}
