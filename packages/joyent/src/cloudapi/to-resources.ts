import { KeyPair, NodeImage, NodeLocation, NodeSize, VolumeSnapshot, type NodeDriver } from '@cloudmux/core/compute';
import type { JoyentImageExtra, JoyentKeyPairExtra, JoyentLocationExtra, JoyentSizeExtra, JoyentSnapshotExtra } from './types.js';
import type { WireDataset, WireImage, WireKey, WirePackage, WireSnapshot } from './wire.js';
import { toDate } from './date.js';

/**
 * Maps a package to a {@link NodeSize}; `price` comes from pricing data (undefined when unknown).
 * The size id is the package **name**, because that is how CloudAPI names a machine's package
 * (`node.sizeId`) and how prices are keyed; the package UUID is `extra.uuid`.
 */
export function toSize(p: WirePackage, driver: NodeDriver, price: number | undefined): NodeSize<JoyentSizeExtra> {
  return new NodeSize<JoyentSizeExtra>(
    {
      id: p.name,
      name: p.name,
      ramMb: p.memory,
      diskGb: p.disk / 1024,
      vcpus: p.vcpus || undefined,
      price,
      extra: {
        uuid: p.id,
        diskMb: p.disk,
        swapMb: p.swap,
        lwps: p.lwps,
        version: p.version,
        group: p.group,
        description: p.description,
        default: p.default === true,
        flexibleDisk: p.flexible_disk,
      },
    },
    driver,
  );
}

/** Maps an image (7.x+) or a 6.5 dataset to a {@link NodeImage}. */
export function toImage(i: WireImage | WireDataset, driver: NodeDriver): NodeImage<JoyentImageExtra> {
  const image = i as WireImage & WireDataset;
  return new NodeImage<JoyentImageExtra>(
    {
      id: image.id,
      name: image.name,
      extra: {
        version: image.version,
        os: image.os,
        type: image.type,
        description: image.description,
        requirements: image.requirements ?? {},
        homepage: image.homepage,
        publishedAt: toDate(image.published_at ?? image.created),
        owner: image.owner,
        public: image.public,
        state: image.state,
        tags: image.tags ?? {},
        urn: image.urn,
        default: image.default === true,
      },
    },
    driver,
  );
}

/** Maps a datacenter entry to a {@link NodeLocation}; `country` from the region table when known. */
export function toLocation(name: string, url: string, country: string, driver: NodeDriver): NodeLocation<JoyentLocationExtra> {
  return new NodeLocation<JoyentLocationExtra>({ id: name, name, country, extra: { url } }, driver);
}

/** Maps an SSH key to a {@link KeyPair}. */
export function toKeyPair(k: WireKey, driver: NodeDriver): KeyPair<JoyentKeyPairExtra> {
  return new KeyPair<JoyentKeyPairExtra>(
    { name: k.name, fingerprint: k.fingerprint, publicKey: k.key, extra: { attested: k.attested } },
    driver,
  );
}

/** Maps a machine snapshot to a {@link VolumeSnapshot} (id = name, source = machine id). */
export function toSnapshot(s: WireSnapshot, machineId: string, driver: NodeDriver): VolumeSnapshot<JoyentSnapshotExtra> {
  return new VolumeSnapshot<JoyentSnapshotExtra>(
    {
      id: s.name,
      name: s.name,
      sizeGb: s.size === undefined ? undefined : s.size / 1024,
      sourceId: machineId,
      state: s.state,
      created: toDate(s.created),
      extra: { sizeMb: s.size, updated: toDate(s.updated) },
    },
    driver,
  );
}
