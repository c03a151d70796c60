/**
 * The simulated Nova's state: servers moving through vm_state/task_state over (scaled) time, flavors with
 * extra specs, availability zones and per-user key pairs.
 * @module
 */
import { createHash } from 'node:crypto';
import { generateOpenSshKey, validPublicKey } from './ssh-key.js';
import type { SimulatorWorld } from '../world.js';
import { novaError } from './errors.js';
import type { SimFlavor, SimKeyPair, SimServer, SimVmState } from './model.js';

/** Simulated durations (ms, before `speed` scaling) of each transition. */
export const NOVA_TIMINGS = Object.freeze({
  build: 3000,
  reboot: 2000,
  stop: 2000,
  start: 2000,
  resize: 3000,
  revert: 2000,
  rebuild: 3000,
  delete: 1000,
  snapshot: 2000,
  rescue: 2000,
  unrescue: 2000,
});

/**
 * Metadata key that makes a build fail: the server goes to ERROR with the value as its `fault.message`
 * (e.g. `{"sim:fail-build": "No valid host was found."}`).
 */
export const FAIL_BUILD_METADATA_KEY = 'sim:fail-build';

declare module '../world.js' {
  interface SimulatorStores {
    /** Nova records. */
    compute?: ComputeStore;
  }
}

const STATUS_BY_VM_STATE: Readonly<Record<SimVmState, string>> = {
  building: 'BUILD',
  active: 'ACTIVE',
  stopped: 'SHUTOFF',
  paused: 'PAUSED',
  suspended: 'SUSPENDED',
  resized: 'VERIFY_RESIZE',
  error: 'ERROR',
  deleted: 'DELETED',
  'soft-delete': 'SOFT_DELETED',
  shelved: 'SHELVED',
  shelved_offloaded: 'SHELVED_OFFLOADED',
  rescued: 'RESCUE',
  rebuilding: 'REBUILD',
};

/** Nova's `status` of a server. */
export function serverStatus(s: SimServer): string {
  return s.statusOverride ?? STATUS_BY_VM_STATE[s.vmState];
}

/** The default flavors (devstack's m1.* and a tiny cirros flavor). */
const SEED_FLAVORS: readonly SimFlavor[] = [
  { id: '1', name: 'm1.tiny', ram: 512, disk: 1, vcpus: 1 },
  { id: '2', name: 'm1.small', ram: 2048, disk: 20, vcpus: 1 },
  { id: '3', name: 'm1.medium', ram: 4096, disk: 40, vcpus: 2 },
  { id: '4', name: 'm1.large', ram: 8192, disk: 80, vcpus: 4 },
  { id: '42', name: 'm1.nano', ram: 128, disk: 1, vcpus: 1 },
  { id: 'c1', name: 'cirros256', ram: 256, disk: 1, vcpus: 1 },
].map((f): SimFlavor => ({
  ...f,
  ephemeral: 0,
  swap: 0,
  rxtxFactor: 1,
  isPublic: true,
  description: null,
  extraSpecs: (f.id === '4' ? { 'hw:cpu_policy': 'dedicated', 'hw:mem_page_size': 'large' } : { 'hw_rng:allowed': 'True' }) as Record<
    string,
    string
  >,
}));

/** The Nova store of one simulator. */
export class ComputeStore {
  /** Servers, oldest first. */
  readonly servers = new Map<string, SimServer>();
  /** Flavors by id. */
  readonly flavors = new Map<string, SimFlavor>();
  /** Key pairs by `userId/name`. */
  readonly keyPairs = new Map<string, SimKeyPair>();
  /** Availability zones and whether each is available. */
  readonly zones: { name: string; available: boolean }[] = [
    { name: 'nova', available: true },
    { name: 'az-2', available: true },
  ];
  readonly #world: SimulatorWorld;
  #ipCounter = 10;
  #keyCounter = 0;

  constructor(world: SimulatorWorld) {
    this.#world = world;
    for (const f of SEED_FLAVORS) this.flavors.set(f.id, { ...f, extraSpecs: { ...f.extraSpecs } });
  }

  /** A server of `projectId`, or a 404 `itemNotFound`. */
  server(projectId: string, id: string): SimServer {
    const s = this.servers.get(id);
    if (!s || s.projectId !== projectId) novaError(404, `Instance ${id} could not be found.`);
    return s;
  }

  /** Adds a server record directly (seeding, e.g. 10,000 servers for a benchmark); no transitions. */
  insert(init: Partial<SimServer> & { name: string; projectId: string; userId: string; flavorId: string; imageId: string }): SimServer {
    const now = this.#world.now();
    const n = this.#ipCounter++;
    const server: SimServer = {
      id: this.#world.newId(),
      vmState: 'active',
      taskState: null,
      powerState: 1,
      statusOverride: undefined,
      oldFlavorId: undefined,
      keyName: null,
      availabilityZone: 'nova',
      metadata: {},
      tags: [],
      securityGroups: ['default'],
      addresses: [
        {
          network: 'private',
          addr: `10.0.${Math.floor(n / 250) % 250}.${(n % 250) + 2}`,
          type: 'fixed',
          mac: `fa:16:3e:${[n >> 16, n >> 8, n].map((b) => (b & 255).toString(16).padStart(2, '0')).join(':')}`,
        },
      ],
      configDrive: false,
      diskConfig: 'MANUAL',
      userData: undefined,
      volumesAttached: [],
      fault: undefined,
      created: now,
      updated: now,
      console: [],
      ...init,
    };
    this.servers.set(server.id, server);
    return server;
  }

  /** Creates a server in BUILD and schedules it to ACTIVE (or ERROR when {@link FAIL_BUILD_METADATA_KEY} is set). */
  build(init: Parameters<ComputeStore['insert']>[0]): SimServer {
    const s = this.insert({ ...init, vmState: 'building', taskState: 'scheduling', powerState: 0 });
    this.#set(s, { taskState: 'spawning' }, NOVA_TIMINGS.build / 3);
    this.#world.schedule(NOVA_TIMINGS.build, () => {
      if (!this.servers.has(s.id) || s.vmState !== 'building') return;
      const failure = s.metadata[FAIL_BUILD_METADATA_KEY];
      if (failure !== undefined) {
        Object.assign(s, {
          vmState: 'error',
          taskState: null,
          powerState: 0,
          fault: { code: 500, message: failure, created: this.#world.now() },
        });
      } else {
        Object.assign(s, { vmState: 'active', taskState: null, powerState: 1 });
        s.console.push(`[    0.000000] Linux version 6.1.0 (sim@cloudmux)`, `${s.name} login:`);
      }
      s.updated = this.#world.now();
    });
    return s;
  }

  /** Runs a timed transition: `during` now, `after` once `ms` of simulated time passed (if the server still exists). */
  transition(s: SimServer, during: Partial<SimServer>, ms: number, after: Partial<SimServer>): void {
    Object.assign(s, during, { updated: this.#world.now() });
    this.#world.schedule(ms, () => {
      if (!this.servers.has(s.id)) return;
      Object.assign(s, after, { updated: this.#world.now() });
    });
  }

  /** Deletes: ACTIVE + `deleting` for a while, then gone. */
  remove(s: SimServer): void {
    s.taskState = 'deleting';
    s.updated = this.#world.now();
    this.#world.schedule(NOVA_TIMINGS.delete, () => {
      this.servers.delete(s.id);
    });
  }

  /** A fixed address for a new port. */
  nextIp(): string {
    const n = this.#ipCounter++;
    return `10.0.${Math.floor(n / 250) % 250}.${(n % 250) + 2}`;
  }

  /** A key pair; `publicKey` generated (a fake but well-formed OpenSSH key) when absent. */
  addKeyPair(userId: string, name: string, publicKey: string | undefined, type: 'ssh' | 'x509'): { pair: SimKeyPair; privateKey?: string } {
    const key = `${userId}/${name}`;
    if (this.keyPairs.has(key)) novaError(409, `Key pair '${name}' already exists.`);
    let privateKey: string | undefined;
    let pub = publicKey?.trim();
    if (pub === undefined) {
      const generated = generateOpenSshKey(`${name}@nova`);
      pub = generated.publicKey;
      privateKey = generated.privateKey;
    } else if (!validPublicKey(pub)) {
      novaError(400, 'Keypair data is invalid: failed to generate fingerprint');
    }
    const blob = Buffer.from(pub.split(/\s+/)[1] ?? '', 'base64');
    const fingerprint = (createHash('md5').update(blob).digest('hex').match(/../g) ?? []).join(':');
    const pair: SimKeyPair = { name, userId, type, publicKey: pub, fingerprint, created: this.#world.now(), id: ++this.#keyCounter };
    this.keyPairs.set(key, pair);
    return privateKey === undefined ? { pair } : { pair, privateKey };
  }

  #set(s: SimServer, patch: Partial<SimServer>, ms: number): void {
    this.#world.schedule(ms, () => {
      if (this.servers.has(s.id) && s.vmState === 'building') Object.assign(s, patch);
    });
  }
}

/** The world's compute store, created on first use. */
export function computeStore(world: SimulatorWorld): ComputeStore {
  let store = world.stores.compute;
  if (!store) {
    store = new ComputeStore(world);
    world.stores.compute = store;
  }
  return store;
}
