/**
 * Pure mappers: Nova flavors, availability zones and key pairs → core resources.
 * @module
 */
import { KeyPair, NodeLocation, NodeSize, type NodeDriver } from '@cloudmux/core/compute';
import type { OpenStackKeyPairExtra, OpenStackLocationExtra, OpenStackSizeExtra } from './types.js';
import type { NovaAvailabilityZone, NovaFlavor, NovaKeyPair } from './wire.js';

/** A flavor as a {@link NodeSize}; `extraSpecs` when fetched separately (before 2.61). */
export function toSize(
  f: NovaFlavor,
  driver: NodeDriver,
  price: number | undefined,
  extraSpecs?: Record<string, string>,
): NodeSize<OpenStackSizeExtra> {
  return new NodeSize<OpenStackSizeExtra>(
    {
      id: f.id,
      name: f.name ?? f.id,
      ramMb: f.ram ?? 0,
      diskGb: f.disk ?? 0,
      vcpus: f.vcpus,
      price,
      extra: {
        ephemeralGb: f['OS-FLV-EXT-DATA:ephemeral'] ?? 0,
        swapMb: typeof f.swap === 'number' ? f.swap : 0,
        rxtxFactor: f.rxtx_factor,
        isPublic: f['os-flavor-access:is_public'],
        disabled: f['OS-FLV-DISABLED:disabled'],
        description: f.description ?? undefined,
        extraSpecs: Object.freeze({ ...(extraSpecs ?? f.extra_specs) }),
      },
    },
    driver,
  );
}

/** An availability zone as a {@link NodeLocation} (country unknown: empty). */
export function toLocation(z: NovaAvailabilityZone, driver: NodeDriver, region: string | undefined): NodeLocation<OpenStackLocationExtra> {
  return new NodeLocation<OpenStackLocationExtra>(
    { id: z.zoneName, name: z.zoneName, country: '', extra: { available: z.zoneState?.available !== false, region } },
    driver,
  );
}

/** A Nova key pair as a {@link KeyPair}. */
export function toKeyPair(k: NovaKeyPair, driver: NodeDriver): KeyPair<OpenStackKeyPairExtra> {
  const created = k.created_at ? new Date(/Z|[+-]\d\d:?\d\d$/.test(k.created_at) ? k.created_at : `${k.created_at}Z`) : undefined;
  return new KeyPair<OpenStackKeyPairExtra>(
    {
      name: k.name,
      fingerprint: k.fingerprint ?? '',
      publicKey: k.public_key,
      privateKey: k.private_key,
      extra: { type: k.type, userId: k.user_id, created: created && !Number.isNaN(created.getTime()) ? created : undefined },
    },
    driver,
  );
}
