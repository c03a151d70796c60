import { createHash } from 'node:crypto';
import type { SimulatedImage } from './options.js';
import type { SimVm } from './vm-model.js';

/** A simulated PDisk disk. */
export interface SimDisk {
  /** PDisk UUID. */
  readonly uuid: string;
  /** Owner (user name). */
  readonly owner: string;
  /** Tag (the volume's name). */
  readonly tag: string;
  /** Size in GiB. */
  readonly sizeGb: number;
  /** Who may see and use it. */
  readonly visibility: 'private' | 'public';
  /** Marketplace identifier of its content ('' when none). */
  readonly identifier: string;
  /** Mounts: VM id → device. */
  readonly mounts: Map<number, string>;
}

/** A Marketplace entry with its derived id. */
export interface SimImage extends SimulatedImage {
  /** 27-character Marketplace identifier. */
  readonly id: string;
  /** SHA-1 of the (simulated) image file, hex. */
  readonly sha1: string;
  /** MD5 of the image file, hex. */
  readonly md5: string;
  /** Image size in bytes. */
  readonly bytes: number;
  /** Endorsement date (ISO 8601). */
  readonly created: string;
}

/** The Marketplace id of some content: base64url of its SHA-1 (27 characters), as StratusLab made them. */
export function marketplaceId(content: string): string {
  return createHash('sha1').update(content).digest('base64url');
}

/** Default Marketplace entries. */
export const DEFAULT_IMAGES: readonly SimulatedImage[] = [
  {
    title: 'ttylinux-9.7-i486-base-1.4',
    os: 'ttylinux',
    osVersion: '9.7',
    version: '1.4',
    locations: ['http://appliances.stratuslab.eu/images/base/ttylinux-9.7-i486-base-1.4.img.gz'],
  },
  {
    title: 'ubuntu-10.04-x86_64-base-1.2',
    os: 'Ubuntu',
    osVersion: '10.04',
    version: '1.2',
    locations: ['http://appliances.stratuslab.eu/images/base/ubuntu-10.04-x86_64-base-1.2.img.gz'],
  },
  {
    title: 'sl-6.2-x86_64-base-1.0',
    os: 'ScientificLinux',
    osVersion: '6.2',
    version: '1.0',
    disksBus: 'virtio',
    locations: ['http://appliances.stratuslab.eu/images/base/sl-6.2-x86_64-base-1.0.img.gz'],
  },
];

/** Everything one simulated StratusLab cloud holds. */
export class SimState {
  /** Every VM ever allocated (DONE ones stay, as in oned's database). */
  readonly vms: SimVm[] = [];
  /** PDisk disks by UUID. */
  readonly disks = new Map<string, SimDisk>();
  /** Marketplace entries. */
  readonly images: readonly SimImage[];
  /** Id of the next allocated VM. */
  nextVmId = 0;
  #uids = new Map<string, number>();
  #leases = 0;

  constructor(
    /** Lifecycle step duration. */
    readonly stepMs: number,
    /** Hypervisor host names. */
    readonly hosts: readonly string[],
    /** Address for every public NIC, or undefined for per-VM leases. */
    readonly publicAddress: string | undefined,
    /** Second octet of per-VM leases. */
    readonly subnet: number,
    images: readonly SimulatedImage[],
    usernames: readonly string[],
  ) {
    usernames.forEach((u, i) => this.#uids.set(u, i + 2));
    this.images = images.map((img, i) => {
      const content = `${img.title}\n`;
      return {
        ...img,
        id: img.id ?? marketplaceId(content),
        sha1: createHash('sha1').update(content).digest('hex'),
        md5: createHash('md5').update(content).digest('hex'),
        bytes: 1024 * 1024 * (100 + i),
        created: new Date(Date.UTC(2012, 5, 1 + i, 12)).toISOString().replace('.000', ''),
      };
    });
  }

  /** Numeric user id of a user name (oned's UID). */
  uidOf(username: string): number {
    return this.#uids.get(username) ?? -1;
  }

  /** The public address of VM `id`. */
  leaseIp(id: number): string {
    if (this.publicAddress) return this.publicAddress;
    const n = ++this.#leases + id;
    return `10.${this.subnet}.${Math.floor(n / 250) % 250}.${(n % 250) + 2}`;
  }

  /** Why a template `DISK/SOURCE` cannot be used, or undefined when it can. */
  checkDiskSource(source: string, username: string): string | undefined {
    const market = /\/metadata\/([A-Za-z0-9_-]{27})\/?$/.exec(source);
    if (market) {
      const img = this.images.find((i) => i.id === market[1]);
      return img ? undefined : `Cannot resolve image ${market[1]} in the Marketplace`;
    }
    const pdisk = /^pdisk:[^/]+\/([A-Za-z0-9-]+)$/.exec(source);
    if (pdisk) {
      const disk = this.disks.get(pdisk[1]!);
      if (!disk || (disk.visibility === 'private' && disk.owner !== username)) return `Persistent disk ${pdisk[1]} does not exist`;
      if (disk.mounts.size >= 10) return `Persistent disk ${pdisk[1]} is mounted too many times`;
      return undefined;
    }
    return /^https?:\/\//.test(source) ? undefined : `Unsupported disk source ${source}`;
  }

  /** Registers the mount of a persistent disk named in a template (StratusLab's boot hook). */
  registerBootDisk(source: string, vmId: number, target: string): void {
    const uuid = /\/([A-Za-z0-9-]+)$/.exec(source)?.[1];
    const disk = uuid ? this.disks.get(uuid) : undefined;
    disk?.mounts.set(vmId, target);
  }

  /** Releases every mount of a VM that is going away (StratusLab's epilog hook). */
  releaseDisks(vmId: number): void {
    for (const d of this.disks.values()) d.mounts.delete(vmId);
  }
}
