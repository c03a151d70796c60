/** A PDisk disk as `GET /disks/` lists it (every value a string). */
export interface WireDisk {
  uuid: string;
  tag?: string;
  count?: string;
  owner?: string;
  identifier?: string;
  size?: string;
  quarantine?: string;
  type?: string;
  visibility?: string;
}

/** A PDisk mount as `GET /disks/{uuid}/mounts` lists it. */
export interface WireMount {
  vmId: string;
  device?: string;
}

/** The fields of OpenNebula's `<VM>` document the driver reads (element text as strings). */
export interface WireVm {
  id: string;
  name: string;
  uname: string | undefined;
  state: number;
  lcmState: number;
  stime: number | undefined;
  cpu: string | undefined;
  memory: string | undefined;
  /** `TEMPLATE/NIC` entries (IP, NETWORK). */
  nics: readonly { ip: string | undefined; network: string | undefined }[];
  /** `TEMPLATE/DISK` entries (SOURCE, SIZE, TYPE, TARGET). */
  disks: readonly { source: string | undefined; size: string | undefined; type: string | undefined; target: string | undefined }[];
  /** `HISTORY_RECORDS/HISTORY/HOSTNAME` of the last record (absent while PENDING). */
  hostname: string | undefined;
}
