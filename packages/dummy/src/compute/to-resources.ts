import { KeyPair, Node, StorageVolume, VolumeSnapshot, type NodeDriver } from '@cloudmux/core/compute';
import type { KeyPairRecord, NodeRecord, SnapshotRecord, VolumeRecord } from './records.js';
import type { DummyKeyPairExtra, DummyNodeExtra, DummyVolumeExtra } from './types.js';

/** Maps a stored node to a {@link Node}. */
export function toNode(n: NodeRecord, driver: NodeDriver): Node<DummyNodeExtra> {
  const extra: DummyNodeExtra = { tags: { ...n.tags }, authMethod: n.authMethod };
  if (n.authKeyFingerprint) extra.authKeyFingerprint = n.authKeyFingerprint;
  if (n.next && n.targetState) extra.targetState = n.targetState;
  return new Node<DummyNodeExtra>(
    {
      id: n.id,
      name: n.name,
      state: n.state,
      publicIps: n.publicIps,
      privateIps: n.privateIps,
      sizeId: n.sizeId,
      imageId: n.imageId,
      locationId: n.locationId,
      created: new Date(n.created),
      extra,
    },
    driver,
  );
}

/** Maps a stored volume to a {@link StorageVolume}. */
export function toVolume(v: VolumeRecord, driver: NodeDriver): StorageVolume<DummyVolumeExtra> {
  const extra: DummyVolumeExtra = { locationId: v.locationId, created: new Date(v.created) };
  if (v.device) extra.device = v.device;
  if (v.snapshotId) extra.snapshotId = v.snapshotId;
  return new StorageVolume<DummyVolumeExtra>(
    { id: v.id, name: v.name, sizeGb: v.sizeGb, state: v.state, attachedTo: v.attachedTo, extra },
    driver,
  );
}

/** Maps a stored snapshot to a {@link VolumeSnapshot}. */
export function toSnapshot(s: SnapshotRecord, driver: NodeDriver): VolumeSnapshot {
  return new VolumeSnapshot(
    { id: s.id, name: s.name, sizeGb: s.sizeGb, sourceId: s.sourceId, state: s.state, created: new Date(s.created) },
    driver,
  );
}

/** Maps a stored key pair to a {@link KeyPair}, with the private key right after generation. */
export function toKeyPair(k: KeyPairRecord, driver: NodeDriver, privateKey?: string): KeyPair<DummyKeyPairExtra> {
  return new KeyPair<DummyKeyPairExtra>(
    {
      name: k.name,
      fingerprint: k.sha256Fingerprint,
      publicKey: k.publicKey,
      privateKey,
      extra: { type: k.type, bits: k.bits, md5Fingerprint: k.md5Fingerprint, created: new Date(k.created) },
    },
    driver,
  );
}
