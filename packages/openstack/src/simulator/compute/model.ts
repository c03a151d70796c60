/**
 * Nova's records in the simulator.
 * @module
 */

/** Nova `vm_state` values the simulator uses. */
export type SimVmState =
  | 'building'
  | 'active'
  | 'stopped'
  | 'paused'
  | 'suspended'
  | 'resized'
  | 'error'
  | 'deleted'
  | 'soft-delete'
  | 'shelved'
  | 'shelved_offloaded'
  | 'rescued'
  | 'rebuilding';

/** A simulated server. */
export interface SimServer {
  id: string;
  name: string;
  projectId: string;
  userId: string;
  vmState: SimVmState;
  taskState: string | null;
  /** Power state number (1 running, 4 shutdown, 0 nostate). */
  powerState: number;
  /** Status when it differs from the one derived from vm_state (`REBOOT`, `HARD_REBOOT`, `RESIZE`, `VERIFY_RESIZE`…). */
  statusOverride: string | undefined;
  flavorId: string;
  /** Flavor before a resize, while it can be reverted. */
  oldFlavorId: string | undefined;
  imageId: string;
  keyName: string | null;
  availabilityZone: string;
  metadata: Record<string, string>;
  tags: string[];
  securityGroups: string[];
  /** Network name → fixed IPv4. */
  addresses: { network: string; addr: string; type: 'fixed' | 'floating'; mac: string }[];
  configDrive: boolean;
  /** `OS-DCF:diskConfig` (default `MANUAL`). */
  diskConfig: 'AUTO' | 'MANUAL';
  userData: string | undefined;
  volumesAttached: { id: string; deleteOnTermination: boolean }[];
  fault: { code: number; message: string; created: number } | undefined;
  created: number;
  updated: number;
  /** Console lines. */
  console: string[];
}

/** A simulated flavor. */
export interface SimFlavor {
  id: string;
  name: string;
  ram: number;
  disk: number;
  vcpus: number;
  ephemeral: number;
  swap: number;
  rxtxFactor: number;
  isPublic: boolean;
  description: string | null;
  extraSpecs: Record<string, string>;
}

/** A simulated key pair (per user). */
export interface SimKeyPair {
  name: string;
  userId: string;
  type: 'ssh' | 'x509';
  publicKey: string;
  fingerprint: string;
  created: number;
  id: number;
}
