import { NodeImage, type NodeDriver } from '@cloudmux/core/compute';
import { NS, type MarketplaceEntry } from './rdf.js';

/** StratusLab data of a {@link NodeImage}: what the Marketplace says about the image. */
export interface StratusLabImageExtra {
  /** `dcterms:description`. */
  readonly description: string | undefined;
  /** `slterms:os` (`ScientificLinux`, `Ubuntu`…). */
  readonly os: string | undefined;
  /** `slterms:os-version`. */
  readonly osVersion: string | undefined;
  /** `slterms:os-arch` (`x86_64`). */
  readonly osArch: string | undefined;
  /** `slterms:version` of the image. */
  readonly version: string | undefined;
  /** `slterms:kind` (`machine`, `disk`). */
  readonly kind: string | undefined;
  /** `slterms:hypervisor`. */
  readonly hypervisor: string | undefined;
  /** `slterms:disks-bus` (`virtio`, `scsi`, `ide`). */
  readonly disksBus: string | undefined;
  /** `dcterms:format` (`raw`, `qcow2`). */
  readonly format: string | undefined;
  /** `dcterms:compression` (`gz`, `none`…). */
  readonly compression: string | undefined;
  /** `dcterms:creator`. */
  readonly creator: string | undefined;
  /** `dcterms:publisher`. */
  readonly publisher: string | undefined;
  /** `dcterms:created`. */
  readonly created: string | undefined;
  /** `dcterms:valid`: the entry's expiry date. */
  readonly valid: string | undefined;
  /** `slreq:bytes`: image size in bytes. */
  readonly bytes: number | undefined;
  /** Checksums by algorithm (`MD5`, `SHA-1`, `SHA-256`, `SHA-512`). */
  readonly checksums: Readonly<Record<string, string>>;
  /** `slterms:location`: where the image file can be downloaded. */
  readonly locations: readonly string[];
  /** The entry's endorser e-mail. */
  readonly endorser: string | undefined;
  /** The Marketplace metadata URL of the image (what a VM template's `DISK/SOURCE` names). */
  readonly endpoint: string;
}

/**
 * The Libcloud driver's image name: the title, else the description left-trimmed and cut to 30
 * characters, else the id.
 */
export function imageName(entry: MarketplaceEntry): string {
  const title = entry.terms.get(NS.dcterms + 'title')?.trim();
  if (title) return title;
  const description = entry.terms.get(NS.dcterms + 'description')?.trimStart();
  return description ? description.slice(0, 30) : entry.identifier;
}

/** The newest entry per identifier (by endorsement date, then `dcterms:created`), in first-seen order. */
export function latestEntries(entries: readonly MarketplaceEntry[]): MarketplaceEntry[] {
  const byId = new Map<string, MarketplaceEntry>();
  const dateOf = (e: MarketplaceEntry): string => e.endorsed ?? e.terms.get(NS.dcterms + 'created') ?? '';
  for (const e of entries) {
    const seen = byId.get(e.identifier);
    if (!seen || dateOf(e) > dateOf(seen)) byId.set(e.identifier, e);
  }
  return [...byId.values()];
}

/** Maps a Marketplace entry to a {@link NodeImage}. */
export function toImage(entry: MarketplaceEntry, metadataUrl: string, driver: NodeDriver): NodeImage<StratusLabImageExtra> {
  const t = (uri: string, local: string): string | undefined => entry.terms.get(uri + local);
  const bytes = t(NS.slreq, 'bytes');
  const checksums: Record<string, string> = {};
  for (const c of entry.checksums) checksums[c.algorithm] = c.value;
  return new NodeImage<StratusLabImageExtra>(
    {
      id: entry.identifier,
      name: imageName(entry),
      extra: {
        description: t(NS.dcterms, 'description'),
        os: t(NS.slterms, 'os'),
        osVersion: t(NS.slterms, 'os-version'),
        osArch: t(NS.slterms, 'os-arch'),
        version: t(NS.slterms, 'version'),
        kind: t(NS.slterms, 'kind'),
        hypervisor: t(NS.slterms, 'hypervisor'),
        disksBus: t(NS.slterms, 'disks-bus'),
        format: t(NS.dcterms, 'format'),
        compression: t(NS.dcterms, 'compression'),
        creator: t(NS.dcterms, 'creator'),
        publisher: t(NS.dcterms, 'publisher'),
        created: t(NS.dcterms, 'created'),
        valid: t(NS.dcterms, 'valid'),
        bytes: bytes !== undefined && /^\d+$/.test(bytes.trim()) ? Number(bytes) : undefined,
        checksums: Object.freeze(checksums),
        locations: Object.freeze([...entry.locations]),
        endorser: entry.endorserEmail,
        endpoint: metadataUrl,
      },
    },
    driver,
  );
}
