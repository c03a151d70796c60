import { Node, type NodeDriver } from '@cloudmux/core/compute';
import { formatId } from './ids.js';
import type { StratusLabInstanceType } from './instance-types.js';
import { stateSummary, toNodeState } from './state-map.js';
import type { WireVm } from './wire.js';

/** StratusLab data of a {@link Node}. */
export interface StratusLabNodeExtra {
  /** Location (cloud) id; also the prefix of the node id. */
  readonly location: string;
  /** The OpenNebula VM id in that cloud. */
  readonly vmId: number;
  /** OpenNebula `STATE` number. */
  readonly state: number;
  /** OpenNebula `LCM_STATE` number. */
  readonly lcmState: number;
  /** The StratusLab client's `state_summary`, lower-cased (`running`, `prolog`, `epilog`…). */
  readonly stateSummary: string;
  /** Hypervisor host (`HISTORY/HOSTNAME`), absent while pending. */
  readonly host: string | undefined;
  /** Owner (`UNAME`). */
  readonly owner: string | undefined;
  /** Virtual CPUs (`TEMPLATE/CPU`). */
  readonly cpu: number | undefined;
  /** RAM in MiB (`TEMPLATE/MEMORY`). */
  readonly ramMb: number | undefined;
  /** Swap disk size in MiB (the template's swap `DISK/SIZE`). */
  readonly swapMb: number | undefined;
  /** Virtual network of each NIC (`public`, `private`, `local`). */
  readonly networks: readonly string[];
}

function num(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const n = Number(s.trim());
  return s.trim() !== '' && Number.isFinite(n) ? n : undefined;
}

/** The image id of a VM: the last path segment of the Marketplace URL in a `DISK/SOURCE`. */
export function imageIdOf(vm: WireVm): string | undefined {
  for (const d of vm.disks) {
    const m = d.source ? /\/metadata\/([A-Za-z0-9_-]{27})\/?$/.exec(d.source) : null;
    if (m) return m[1];
  }
  return undefined;
}

/** The one instance type with exactly this CPU, RAM and swap, if there is exactly one. */
export function matchInstanceType(
  types: readonly StratusLabInstanceType[],
  cpu?: number,
  ramMb?: number,
  swapMb?: number,
): string | undefined {
  const hits = types.filter((t) => t.cpu === cpu && t.ramMb === ramMb && t.swapMb === swapMb);
  return hits.length === 1 ? hits[0]!.name : undefined;
}

/** Maps an OpenNebula VM to a {@link Node} whose id carries the location (`lal:42`). */
export function toNode(
  vm: WireVm,
  location: string,
  types: readonly StratusLabInstanceType[],
  driver: NodeDriver,
): Node<StratusLabNodeExtra> {
  const publicIps: string[] = [];
  const privateIps: string[] = [];
  for (const nic of vm.nics) {
    if (!nic.ip) continue;
    (nic.network === undefined || nic.network === 'public' ? publicIps : privateIps).push(nic.ip);
  }
  const cpu = num(vm.cpu);
  const ramMb = num(vm.memory);
  const swapMb = num(vm.disks.find((d) => d.type?.toLowerCase() === 'swap')?.size);
  const vmId = Number(vm.id);
  return new Node<StratusLabNodeExtra>(
    {
      id: formatId(location, vm.id),
      name: vm.name || `one-${vm.id}`,
      state: toNodeState(vm.state, vm.lcmState),
      publicIps,
      privateIps,
      sizeId: matchInstanceType(types, cpu, ramMb, swapMb),
      imageId: imageIdOf(vm),
      locationId: location,
      created: vm.stime !== undefined ? new Date(vm.stime * 1000) : undefined,
      extra: {
        location,
        vmId,
        state: vm.state,
        lcmState: vm.lcmState,
        stateSummary: stateSummary(vm.state, vm.lcmState),
        host: vm.hostname,
        owner: vm.uname,
        cpu,
        ramMb,
        swapMb,
        networks: vm.nics.flatMap((n) => (n.network ? [n.network] : [])),
      },
    },
    driver,
  );
}
