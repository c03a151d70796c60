/** A user the simulated one-proxy and PDisk accept (HTTP Basic). */
export interface SimulatedUser {
  /** User name. */
  readonly username: string;
  /** Password. */
  readonly password: string;
}

/** A Marketplace entry the simulator serves. */
export interface SimulatedImage {
  /** Title (`dcterms:title`); the 27-character id is derived from it unless `id` is given. */
  readonly title: string;
  /** 27-character Marketplace identifier. */
  readonly id?: string | undefined;
  /** `slterms:os`. */
  readonly os?: string | undefined;
  /** `slterms:os-version`. */
  readonly osVersion?: string | undefined;
  /** `slterms:version`. */
  readonly version?: string | undefined;
  /** Image download URLs (`slterms:location`); an entry without one cannot be instantiated. */
  readonly locations?: readonly string[] | undefined;
  /** `slterms:disks-bus`. */
  readonly disksBus?: 'virtio' | 'scsi' | 'ide' | undefined;
}

/** Options of `StratusLabSimulator.start`. */
export interface StratusLabSimulatorOptions {
  /** Accepted users (default one: `alice` / `alice-password`). */
  users?: readonly SimulatedUser[] | undefined;
  /** Time each VM lifecycle step takes (pending → prolog → boot → running, shutdown → epilog → done); default 1000 ms. */
  stepMs?: number | undefined;
  /** Address leased to every VM's public NIC (e.g. `127.0.0.1` for deploy tests); default `10.<n>.x.y` per VM. */
  publicAddress?: string | undefined;
  /** Second octet of the default leases (default 1), so two simulated clouds lease different addresses. */
  subnet?: number | undefined;
  /** Hypervisor host names VMs are deployed on (default `node-01`, `node-02`). */
  hosts?: readonly string[] | undefined;
  /** Marketplace entries (default: three public images). */
  images?: readonly SimulatedImage[] | undefined;
  /** Serve HTTPS with this key pair. */
  tls?: { key: string | Buffer; cert: string | Buffer } | undefined;
}
