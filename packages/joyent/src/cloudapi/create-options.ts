/** `createNode` options of the CloudAPI driver: the `ex` keys of CreateMachine and the options type that allows `ex.useDefaults`. */
import type { CreateNodeOptions } from '@cloudmux/core/compute';

/** A network to attach: a network (or pool) uuid, or a network with fixed IPs (CloudAPI 8.5+). */
export type JoyentNetworkSpec = string | { readonly ipv4Uuid: string; readonly ipv4Ips?: readonly string[] | undefined };

/** A volume to mount at creation (CloudAPI 8.x+, tritonnfs). */
export interface JoyentVolumeMount {
  /** Volume name. */
  name: string;
  /** Volume type (default `tritonnfs`). */
  type?: 'tritonnfs' | undefined;
  /** Mount mode (default `rw`). */
  mode?: 'rw' | 'ro' | undefined;
  /** Mount point in the instance. */
  mountpoint: string;
}

/** `CreateNodeOptions.ex` for Joyent (CreateMachine inputs). */
export interface JoyentCreateNodeEx {
  /** Networks to attach (uuids, or `{ ipv4Uuid, ipv4Ips }`; no mixing). */
  networks?: readonly JoyentNetworkSpec[] | undefined;
  /** Metadata (`metadata.<key>`); values must be strings. */
  metadata?: Readonly<Record<string, string>> | undefined;
  /** Tags (`tag.<key>`). */
  tags?: Readonly<Record<string, string | number | boolean>> | undefined;
  /** Boot script, run at first boot and every reboot (`user-script` metadata). */
  userScript?: string | undefined;
  /** Path of a file whose text is the boot script (py-smartdc's `boot_script` file); not with `userScript`. `~` expands. */
  userScriptFile?: string | undefined;
  /**
   * Omitted `size` / `image` become the datacenter's default package and image (py-smartdc's
   * no-argument `create_machine()`): see `exGetDefaultSize` / `exGetDefaultImage`. Without it a
   * missing size or image is an `InvalidArgumentError`.
   */
  useDefaults?: boolean | undefined;
  /** Turn the Cloud Firewall on. */
  firewallEnabled?: boolean | undefined;
  /** Refuse deletion until turned off (CloudAPI 8.6+). */
  deletionProtection?: boolean | undefined;
  /** Affinity rules, e.g. `instance!=web*`, `role==~db` (CloudAPI 8.3+). */
  affinity?: readonly string[] | undefined;
  /** Brand for images that allow several (`kvm`, `bhyve`; CloudAPI 9.9+). */
  brand?: string | undefined;
  /** Allow images shared with the account (CloudAPI 9.1+). */
  allowSharedImages?: boolean | undefined;
  /** NFS volumes to mount. */
  volumes?: readonly JoyentVolumeMount[] | undefined;
  /** Give the instance a delegated ZFS dataset. */
  delegatedDataset?: boolean | undefined;
  /** Provision on an encrypted compute node. */
  encrypted?: boolean | undefined;
}

/**
 * `createNode` options of the Joyent driver: the portable ones, where `size` and `image` may be
 * left out when `ex.useDefaults` is `true`.
 */
export type JoyentCreateNodeOptions =
  | CreateNodeOptions<JoyentCreateNodeEx>
  | (Omit<CreateNodeOptions<JoyentCreateNodeEx>, 'size' | 'image' | 'ex'> & {
      size?: CreateNodeOptions['size'] | undefined;
      image?: CreateNodeOptions['image'] | undefined;
      ex: JoyentCreateNodeEx & { useDefaults: true };
    });

/** @deprecated Renamed {@link JoyentCreateNodeEx} (provider `ex` option types end in `Ex`). */
export type JoyentCreateNodeExtras = JoyentCreateNodeEx;

/** Names accepted in {@link JoyentCreateNodeEx}. */
export const CREATE_NODE_EXTRAS = [
  'networks',
  'metadata',
  'tags',
  'userScript',
  'userScriptFile',
  'useDefaults',
  'firewallEnabled',
  'deletionProtection',
  'affinity',
  'brand',
  'allowSharedImages',
  'volumes',
  'delegatedDataset',
  'encrypted',
] as const;
