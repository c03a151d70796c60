import type { Ec2ImageDefinition } from './catalog.js';

/** An access key the simulator accepts. */
export interface Ec2SimulatorCredentials {
  /** Access key id. */
  accessKeyId: string;
  /** Secret access key. */
  secretAccessKey: string;
  /** Session token: when set, requests must carry it in `X-Amz-Security-Token`. */
  sessionToken?: string | undefined;
  /** When temporary credentials expire: later requests fail with `RequestExpired`. */
  expiration?: Date | undefined;
}

/** The credentials a simulator accepts when none are given. */
export const DEFAULT_CREDENTIALS: Readonly<{ accessKeyId: string; secretAccessKey: string }> = Object.freeze({
  accessKeyId: 'AKIACLOUDMUXSIMUL001',
  secretAccessKey: 'cloudmuxEc2SimulatorSecretAccessKey00001',
});

/** Options of {@link Ec2Simulator.start}. */
export interface Ec2SimulatorOptions {
  /** Interface to listen on (default `127.0.0.1`). */
  host?: string | undefined;
  /** Port (default 0: any free port). */
  port?: number | undefined;
  /** Accepted credentials (default: [{@link DEFAULT_CREDENTIALS}]). */
  credentials?: Ec2SimulatorCredentials[] | undefined;
  /** Region the simulator is (signatures must be scoped to it; default `us-east-1`). */
  region?: string | undefined;
  /** Availability zones (default: the region plus `a`, `b`, `c`). */
  availabilityZones?: string[] | undefined;
  /** Account id owning everything created (default `123456789012`). */
  accountId?: string | undefined;
  /** pending → running (default 100 ms). */
  pendingDelayMs?: number | undefined;
  /** stopping → stopped (default 100 ms). */
  stoppingDelayMs?: number | undefined;
  /** shutting-down → terminated (default 100 ms). */
  shuttingDownDelayMs?: number | undefined;
  /** How long terminated instances stay visible (default 60 000 ms). */
  terminatedVisibleMs?: number | undefined;
  /** Volume creating → available, attaching → attached, snapshot and image pending → done (default: `pendingDelayMs`). */
  resourceDelayMs?: number | undefined;
  /** Largest accepted difference between `X-Amz-Date` and the clock (default 15 minutes). */
  maxClockSkewMs?: number | undefined;
  /** Public images (default: {@link DEFAULT_IMAGES}). */
  images?: Ec2ImageDefinition[] | undefined;
  /** Instance types offered (names; default: every type of {@link DEFAULT_INSTANCE_TYPES}). */
  instanceTypes?: string[] | undefined;
  /** Fixed addresses for every instance, e.g. `{ public: '127.0.0.1' }` to reach a local sshd. */
  instanceIps?: { public?: string | undefined; private?: string | undefined } | undefined;
  /** Elastic IP limit (default 5, AWS's default quota). */
  addressLimit?: number | undefined;
  /** Request paths the Query API answers on (default `['/']`; Eucalyptus uses e.g. `/services/compute`). */
  paths?: string[] | undefined;
  /** Keep only the newest this many entries in `server.requests` and `calls` (default: all). */
  requestLogLimit?: number | undefined;
  /** Also accept AWS Signature Version 2 (older Eucalyptus and Nimbus front ends; default false, as AWS regions today). */
  signatureV2?: boolean | undefined;
}

/** Options with defaults applied. */
export interface ResolvedOptions {
  region: string;
  availabilityZones: string[];
  accountId: string;
  pendingDelayMs: number;
  stoppingDelayMs: number;
  shuttingDownDelayMs: number;
  terminatedVisibleMs: number;
  resourceDelayMs: number;
  maxClockSkewMs: number;
  images: Ec2ImageDefinition[] | undefined;
  instanceTypes: string[] | undefined;
  instanceIps: { public?: string | undefined; private?: string | undefined };
  addressLimit: number;
  paths: string[];
}

/** Applies defaults. */
export function resolveOptions(options: Ec2SimulatorOptions): ResolvedOptions {
  const region = options.region ?? 'us-east-1';
  const pendingDelayMs = options.pendingDelayMs ?? 100;
  return {
    region,
    availabilityZones: options.availabilityZones ?? [`${region}a`, `${region}b`, `${region}c`],
    accountId: options.accountId ?? '123456789012',
    pendingDelayMs,
    stoppingDelayMs: options.stoppingDelayMs ?? 100,
    shuttingDownDelayMs: options.shuttingDownDelayMs ?? 100,
    terminatedVisibleMs: options.terminatedVisibleMs ?? 60_000,
    resourceDelayMs: options.resourceDelayMs ?? pendingDelayMs,
    maxClockSkewMs: options.maxClockSkewMs ?? 15 * 60_000,
    images: options.images,
    instanceTypes: options.instanceTypes,
    instanceIps: options.instanceIps ?? {},
    addressLimit: options.addressLimit ?? 5,
    paths: options.paths ?? ['/'],
  };
}
