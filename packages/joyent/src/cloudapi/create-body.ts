import type { CreateNodeOptions, NodeImage, NodeSize } from '@cloudmux/core/compute';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import type { JoyentImageExtra, JoyentSizeExtra } from './types.js';
import type { JoyentCreateNodeEx } from './options.js';

/** CreateMachine's `package`: a string as given (UUID or name), a size's UUID (its name in 6.5 mode). */
export function packageRef(size: string | NodeSize, legacy65: boolean): string {
  if (typeof size === 'string') return size;
  const uuid = (size.extra as Partial<JoyentSizeExtra>).uuid;
  return legacy65 || uuid === undefined ? size.name : uuid;
}

function imageRef(image: string | NodeImage, legacy65: boolean): string {
  if (typeof image === 'string') return image;
  return legacy65 ? ((image.extra as Partial<JoyentImageExtra>).urn ?? image.id) : image.id;
}

/**
 * Builds the CreateMachine body. Metadata and tags go as flattened `metadata.<k>` / `tag.<k>`
 * keys (what CloudAPI reads, also inside JSON); the boot script is `metadata.user-script`; an
 * SSH-key `auth` becomes `metadata.root_authorized_keys`.
 */
export function createMachineBody(
  options: CreateNodeOptions<JoyentCreateNodeEx> & { name: string },
  legacy65: boolean,
): Record<string, unknown> {
  if (!options.size)
    throw new InvalidArgumentError('createNode: size (a package id or name) is required (or ex.useDefaults: true for the default package)');
  if (!options.image)
    throw new InvalidArgumentError('createNode: image (an image id) is required (or ex.useDefaults: true for the default image)');
  const ex = options.ex ?? {};
  const body: Record<string, unknown> = { name: options.name, package: packageRef(options.size, legacy65) };
  body[legacy65 ? 'dataset' : 'image'] = imageRef(options.image, legacy65);
  if (ex.networks) {
    const objects = ex.networks.filter((n) => typeof n !== 'string');
    if (objects.length > 0 && objects.length !== ex.networks.length) {
      throw new InvalidArgumentError('createNode ex.networks: use either network ids or { ipv4Uuid, ipv4Ips } objects, not both');
    }
    body['networks'] = ex.networks.map((n) =>
      typeof n === 'string' ? n : { ipv4_uuid: n.ipv4Uuid, ...(n.ipv4Ips ? { ipv4_ips: [...n.ipv4Ips] } : {}) },
    );
  }
  if (ex.affinity) body['affinity'] = [...ex.affinity];
  if (ex.firewallEnabled !== undefined) body['firewall_enabled'] = ex.firewallEnabled;
  if (ex.deletionProtection !== undefined) body['deletion_protection'] = ex.deletionProtection;
  if (ex.brand !== undefined) body['brand'] = ex.brand;
  if (ex.allowSharedImages !== undefined) body['allow_shared_images'] = ex.allowSharedImages;
  if (ex.delegatedDataset !== undefined) body['delegated_dataset'] = ex.delegatedDataset;
  if (ex.encrypted !== undefined) body['encrypted'] = ex.encrypted;
  if (ex.volumes)
    body['volumes'] = ex.volumes.map((v) => ({
      name: v.name,
      type: v.type ?? 'tritonnfs',
      mode: v.mode ?? 'rw',
      mountpoint: v.mountpoint,
    }));
  for (const [k, v] of Object.entries(ex.metadata ?? {})) {
    if (typeof v !== 'string') throw new InvalidArgumentError(`createNode ex.metadata.${k}: metadata values must be strings`);
    body[`metadata.${k}`] = v;
  }
  if (ex.userScript !== undefined) body['metadata.user-script'] = ex.userScript;
  if (options.auth) {
    if (options.auth.kind !== 'ssh-key') {
      throw new InvalidArgumentError('createNode auth: CloudAPI installs SSH keys (kind "ssh-key"); password logins are not supported');
    }
    body['metadata.root_authorized_keys'] = options.auth.publicKey.trim();
  }
  for (const [k, v] of Object.entries(ex.tags ?? {})) body[`tag.${k}`] = v;
  return body;
}
