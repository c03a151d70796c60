/**
 * The simulator's state: accounts, keys, catalog, address counters and lifecycle timers.
 * @module
 */
import { createPublicKey, randomUUID, type KeyObject } from 'node:crypto';
import sshpk from 'sshpk';
import { defaultImages, defaultNetworks, defaultPackages } from './catalog.js';
import { CloudApiError } from './errors.js';
import { allocateIp, macAddress, stableUuid } from './ids.js';
import type { SimAccount, SimImage, SimKey, SimNetwork, SimNic, SimPackage, SimUser } from './model.js';
import type { CloudApiSimulatorOptions, SimulatorPublicKey } from './options.js';

/** Default route versions (CloudAPI's lib/app.js). */
export const DEFAULT_VERSIONS = ['7.0.0', '7.1.0', '7.2.0', '7.3.0', '8.0.0', '9.0.0'];

/** Options with defaults applied. */
export interface SimSettings {
  provisionDelayMs: number;
  stopDelayMs: number;
  startDelayMs: number;
  deleteDelayMs: number;
  purgeDelayMs: number;
  snapshotDelayMs: number;
  machineIps: { public?: string | undefined; private?: string | undefined };
  maxClockSkewSec: number;
  versions: string[];
  datacenterName: string;
  /** Filled once the server listens. */
  datacenters: Record<string, string>;
}

/** Applies defaults to the user's options (datacenters are completed once the URL is known). */
export function resolveSettings(options: CloudApiSimulatorOptions): SimSettings {
  const provisionDelayMs = options.provisionDelayMs ?? 100;
  const names = options.datacenters ? Object.keys(options.datacenters) : ['us-east-1', 'eu-ams-1'];
  return {
    provisionDelayMs,
    stopDelayMs: options.stopDelayMs ?? 100,
    startDelayMs: options.startDelayMs ?? 100,
    deleteDelayMs: options.deleteDelayMs ?? 100,
    purgeDelayMs: options.purgeDelayMs ?? 300_000,
    snapshotDelayMs: options.snapshotDelayMs ?? provisionDelayMs,
    machineIps: options.machineIps ?? {},
    maxClockSkewSec: options.maxClockSkewSec ?? 300,
    versions: options.versions ?? DEFAULT_VERSIONS,
    datacenterName: options.datacenterName ?? names[0] ?? 'us-east-1',
    datacenters: { ...options.datacenters },
  };
}

/** Parses an OpenSSH public key into a key record; a bad key is 409 InvalidArgument. */
export function parsePublicKey(name: string | undefined, text: string): SimKey {
  let parsed: sshpk.Key;
  let publicKey: KeyObject;
  try {
    parsed = sshpk.parseKey(text.trim(), 'ssh');
    publicKey = createPublicKey(parsed.toString('pkcs8'));
  } catch {
    throw new CloudApiError('InvalidArgument', 'key is invalid');
  }
  const fingerprint = parsed.fingerprint('md5').toString('hex');
  return { name: name && name !== '' ? name : fingerprint, fingerprint, key: text.trim(), parsed, publicKey, created: new Date() };
}

/** Finds a key by name or MD5 fingerprint (with or without an `MD5:` prefix). */
export function findKey(keys: Map<string, SimKey>, nameOrFingerprint: string): SimKey | undefined {
  const byName = keys.get(nameOrFingerprint);
  if (byName) return byName;
  const fp = nameOrFingerprint.replace(/^MD5:/i, '').toLowerCase();
  for (const k of keys.values()) if (k.fingerprint === fp) return k;
  return undefined;
}

/** All mutable simulator state. */
export class SimStore {
  readonly settings: SimSettings;
  readonly accounts = new Map<string, SimAccount>();
  readonly packages: SimPackage[] = defaultPackages();
  readonly images = new Map<string, SimImage>(defaultImages().map((i) => [i.id, i]));
  readonly networks: SimNetwork[] = defaultNetworks();
  private readonly ipCounters = new Map<string, number>();
  private macCounter = 1;
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(settings: SimSettings) {
    this.settings = settings;
  }

  /** Adds (or extends) an account with keys. */
  addAccount(login: string, keys: readonly SimulatorPublicKey[]): SimAccount {
    if (!/^[A-Za-z][A-Za-z0-9._-]*$/.test(login) || login === 'my') throw new TypeError(`Invalid account login "${login}"`);
    let account = this.accounts.get(login);
    if (!account) {
      const now = new Date();
      account = {
        id: stableUuid('account', login),
        login,
        profile: { email: `${login}@example.com`, triton_cns_enabled: false },
        created: now,
        updated: now,
        keys: new Map(),
        users: new Map(),
        machines: new Map(),
        fwrules: new Map(),
      };
      this.accounts.set(login, account);
    }
    for (const k of keys) {
      const key = parsePublicKey(k.name, k.key);
      account.keys.set(key.name, key);
    }
    return account;
  }

  /** Adds (or extends) an RBAC sub-user of `accountLogin`. */
  addSubUser(accountLogin: string, login: string, keys: readonly SimulatorPublicKey[]): SimUser {
    const account = this.accounts.get(accountLogin);
    if (!account) throw new TypeError(`Unknown account "${accountLogin}"`);
    let user = account.users.get(login);
    if (!user) {
      user = { id: stableUuid('user', `${accountLogin}/${login}`), login, keys: new Map(), created: new Date() };
      account.users.set(login, user);
    }
    for (const k of keys) {
      const key = parsePublicKey(k.name, k.key);
      user.keys.set(key.name, key);
    }
    return user;
  }

  /** Package by id or name. */
  findPackage(idOrName: string): SimPackage | undefined {
    return this.packages.find((p) => p.id === idOrName) ?? this.packages.find((p) => p.name === idOrName);
  }

  /** Image by id (or 6.5 URN), visible to `account` (public or owned). */
  findImage(idOrUrn: string, account?: SimAccount): SimImage | undefined {
    const img = this.images.get(idOrUrn) ?? [...this.images.values()].find((i) => i.urn === idOrUrn);
    if (!img) return undefined;
    if (!img.public && account && img.owner !== account.id) return undefined;
    return img;
  }

  /** Network by id. */
  findNetwork(id: string): SimNetwork | undefined {
    return this.networks.find((n) => n.id === id);
  }

  /** A new NIC on `network` (fixed address from `machineIps` for public/private networks, else the next free one). */
  newNic(network: SimNetwork, primary: boolean, ip?: string): SimNic {
    let address = ip;
    if (!address && network.allocator === 'public') address = this.settings.machineIps.public;
    if (!address && network.allocator === 'private') address = this.settings.machineIps.private;
    if (!address) {
      const n = this.ipCounters.get(network.id) ?? 0;
      this.ipCounters.set(network.id, n + 1);
      address = allocateIp(network, n);
    }
    return {
      mac: macAddress(this.macCounter++),
      ip: address,
      primary,
      netmask: network.netmask,
      gateway: network.gateway,
      network: network.id,
      state: 'running',
    };
  }

  /** Runs `fn` after `ms` unless the simulator closed first. */
  schedule(ms: number, fn: () => void): NodeJS.Timeout {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        if (!this.closed) fn();
      },
      Math.max(0, ms),
    );
    timer.unref();
    this.timers.add(timer);
    return timer;
  }

  /** Cancels a timer from {@link schedule}. */
  cancel(timer: NodeJS.Timeout | undefined): void {
    if (!timer) return;
    clearTimeout(timer);
    this.timers.delete(timer);
  }

  /** Stops every pending transition. */
  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** A fresh random id. */
  newId(): string {
    return randomUUID();
  }
}
