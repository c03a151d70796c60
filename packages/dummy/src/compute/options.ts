import { assertKnownOptions } from '@cloudmux/core';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import { checkInteger, checkIp, checkObject, envInteger, envList } from '../common/validate.js';
import { DUMMY_REGIONS } from './catalog.js';

/** Addresses given to created nodes, handed out round-robin in creation order. */
export interface DummyNodeIps {
  /** Public addresses (default: TEST-NET-1 `192.0.2.x`). An empty list gives nodes no public address. */
  public?: readonly string[] | undefined;
  /** Private addresses (default: `10.0.x.y`). An empty list gives nodes no private address. */
  private?: readonly string[] | undefined;
}

/** Options of {@link DummyNodeDriver}. Unknown keys throw `InvalidArgumentError`. */
export interface DummyNodeDriverOptions {
  /** How long a created or started node stays `pending` before it is `running` (default 0 ms). */
  bootDelayMs?: number | undefined;
  /** How long a rebooted node stays `rebooting` (default: `bootDelayMs`). */
  rebootDelayMs?: number | undefined;
  /** How long a stopped node stays `stopping` before it is `stopped` (default: `bootDelayMs`). */
  stopDelayMs?: number | undefined;
  /** How long a destroyed node stays listed as `terminated` before it is gone (default: `bootDelayMs`). */
  destroyDelayMs?: number | undefined;
  /** How long volumes stay `creating`/`attaching`/`detaching` and snapshots `creating` (default: `bootDelayMs`). */
  volumeDelayMs?: number | undefined;
  /** Addresses for created nodes (deploy tests use `{ public: ['127.0.0.1'] }`). */
  nodeIps?: DummyNodeIps | undefined;
  /** Nodes per page in `iterateNodes` (default 100, at most 1000). */
  pageSize?: number | undefined;
  /** Default location of new nodes and volumes (default `dummy-east-1`). */
  region?: string | undefined;
}

/** Options after validation and defaults. */
export interface ResolvedDummyOptions {
  bootDelayMs: number;
  rebootDelayMs: number;
  stopDelayMs: number;
  destroyDelayMs: number;
  volumeDelayMs: number;
  publicIps: readonly string[] | undefined;
  privateIps: readonly string[] | undefined;
  pageSize: number;
  region: string;
}

const OPTION_KEYS = [
  'bootDelayMs',
  'rebootDelayMs',
  'stopDelayMs',
  'destroyDelayMs',
  'volumeDelayMs',
  'nodeIps',
  'pageSize',
  'region',
] as const;
const DAY_MS = 86_400_000;

function delay(name: string, value: unknown, fallback: number): number {
  return value === undefined ? fallback : checkInteger(name, value, 0, DAY_MS);
}

function ipList(name: string, value: unknown): readonly string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw new InvalidArgumentError(`Invalid ${name}: expected an array of IP addresses`);
  return Object.freeze(value.map((ip, i) => checkIp(`${name}[${i}]`, ip)));
}

/** Validates the constructor options of the Dummy compute driver and applies defaults. */
export function resolveDummyOptions(options: DummyNodeDriverOptions | undefined): ResolvedDummyOptions {
  const o = checkObject('DummyNodeDriver options', options) ?? {};
  assertKnownOptions('DummyNodeDriver', o, OPTION_KEYS);
  const bootDelayMs = delay('bootDelayMs', o.bootDelayMs, 0);
  const ips = checkObject('nodeIps', o.nodeIps);
  if (ips) assertKnownOptions('DummyNodeDriver nodeIps', ips, ['public', 'private']);
  const region = o.region === undefined ? 'dummy-east-1' : o.region;
  if (typeof region !== 'string' || !DUMMY_REGIONS.some((r) => r.id === region)) {
    throw new InvalidArgumentError(
      `Unknown Dummy region ${JSON.stringify(region)}. Valid regions: ${DUMMY_REGIONS.map((r) => r.id).join(', ')}`,
    );
  }
  return {
    bootDelayMs,
    rebootDelayMs: delay('rebootDelayMs', o.rebootDelayMs, bootDelayMs),
    stopDelayMs: delay('stopDelayMs', o.stopDelayMs, bootDelayMs),
    destroyDelayMs: delay('destroyDelayMs', o.destroyDelayMs, bootDelayMs),
    volumeDelayMs: delay('volumeDelayMs', o.volumeDelayMs, bootDelayMs),
    publicIps: ipList('nodeIps.public', ips?.public),
    privateIps: ipList('nodeIps.private', ips?.private),
    pageSize: o.pageSize === undefined ? 100 : checkInteger('pageSize', o.pageSize, 1, 1000),
    region,
  };
}

/**
 * Reads Dummy driver settings from the environment: `CLOUDMUX_DUMMY_KEY` (default `dummy`),
 * `CLOUDMUX_DUMMY_REGION`, `CLOUDMUX_DUMMY_BOOT_DELAY_MS`, `CLOUDMUX_DUMMY_PAGE_SIZE`,
 * `CLOUDMUX_DUMMY_PUBLIC_IPS` and `CLOUDMUX_DUMMY_PRIVATE_IPS` (comma-separated).
 */
export function readDummyEnv(env: NodeJS.ProcessEnv): { key: string; options: DummyNodeDriverOptions } {
  const options: DummyNodeDriverOptions = {};
  const boot = envInteger(env, 'CLOUDMUX_DUMMY_BOOT_DELAY_MS');
  if (boot !== undefined) options.bootDelayMs = boot;
  const pageSize = envInteger(env, 'CLOUDMUX_DUMMY_PAGE_SIZE');
  if (pageSize !== undefined) options.pageSize = pageSize;
  if (env.CLOUDMUX_DUMMY_REGION) options.region = env.CLOUDMUX_DUMMY_REGION;
  const pub = envList(env, 'CLOUDMUX_DUMMY_PUBLIC_IPS');
  const priv = envList(env, 'CLOUDMUX_DUMMY_PRIVATE_IPS');
  if (pub || priv) options.nodeIps = { ...(pub ? { public: pub } : {}), ...(priv ? { private: priv } : {}) };
  return { key: env.CLOUDMUX_DUMMY_KEY || 'dummy', options };
}
