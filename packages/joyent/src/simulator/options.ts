/**
 * Public option and seed types of the CloudAPI simulator.
 * @module
 */

/** An SSH public key to register: a name and the OpenSSH public key text (`ssh-ed25519 AAAA... comment`). */
export interface SimulatorPublicKey {
  name: string;
  key: string;
}

/** An account to create at start. */
export interface SimulatorAccount {
  login: string;
  keys: SimulatorPublicKey[];
}

/** Options of {@link CloudApiSimulator.start}. Delays are in milliseconds of real time. */
export interface CloudApiSimulatorOptions {
  /** Interface to listen on (default `127.0.0.1`). */
  host?: string | undefined;
  /** Port (default 0: any free port). */
  port?: number | undefined;
  /** Accounts and their keys (more can be added with `addAccount`). */
  accounts?: SimulatorAccount[] | undefined;
  /** provisioning → running (default 100). */
  provisionDelayMs?: number | undefined;
  /** stopping → stopped (default 100). */
  stopDelayMs?: number | undefined;
  /** stopped → running after a start (default 100); also the restart part of a reboot. */
  startDelayMs?: number | undefined;
  /** DELETE → deleted (default 100). */
  deleteDelayMs?: number | undefined;
  /** deleted → purged: GET answers 410 until then, 404 after (default 300000). */
  purgeDelayMs?: number | undefined;
  /** queued → created for snapshots, creating → active for images (default: `provisionDelayMs`). */
  snapshotDelayMs?: number | undefined;
  /** Fixed addresses given to every machine's public / private NIC (e.g. `127.0.0.1` to reach a local sshd). */
  machineIps?: { public?: string | undefined; private?: string | undefined } | undefined;
  /** Datacenter name → CloudAPI URL (default `{ 'us-east-1': <own url>, 'eu-ams-1': <own url> }`). */
  datacenters?: Record<string, string> | undefined;
  /** This datacenter's name (`Triton-Datacenter-Name` header; default the first datacenter, else `us-east-1`). */
  datacenterName?: string | undefined;
  /** Allowed clock skew of the signed Date, seconds (default 300). */
  maxClockSkewSec?: number | undefined;
  /** API versions the routes serve (default `['7.0.0','7.1.0','7.2.0','7.3.0','8.0.0','9.0.0']`); 6.5 is served as a compat mode. */
  versions?: string[] | undefined;
  /** Answer 429 RequestThrottled above this many requests per second per account (default: no throttling). */
  throttle?: { ratePerSec: number; burst?: number | undefined } | undefined;
  /** Keep only the newest this many request log entries (default: all). */
  requestLogLimit?: number | undefined;
}

/** CloudAPI machine states. */
export type SimMachineState = 'provisioning' | 'ready' | 'running' | 'stopping' | 'stopped' | 'offline' | 'deleted' | 'failed' | 'unknown';

/** Template for {@link CloudApiSimulator.seedMachines} (wire names; everything optional). */
export interface SeedMachineTemplate {
  /** Name; with `count > 1` a `-<n>` suffix is added. Default: the first 8 characters of the id. */
  name?: string | undefined;
  /** State (default `running`; `deleted` machines are only listed with `tombstone`). */
  state?: SimMachineState | undefined;
  /** Image id or name (default `base-64-lts`). */
  image?: string | undefined;
  /** Package id or name (default `g4-highcpu-128M`). */
  package?: string | undefined;
  tags?: Record<string, string | number | boolean> | undefined;
  metadata?: Record<string, string> | undefined;
  brand?: string | undefined;
  firewall_enabled?: boolean | undefined;
  deletion_protection?: boolean | undefined;
  /** Creation time (default now, one millisecond apart per seeded machine). */
  created?: Date | string | undefined;
}
