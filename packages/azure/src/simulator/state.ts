import { createHash, randomBytes } from 'node:crypto';

/** A committed block blob. */
export interface SimBlob {
  data: Buffer;
  contentType: string | undefined;
  /** Base64 Content-MD5 property, when set. */
  contentMd5: string | undefined;
  /** Metadata: stored name (as sent, lower-cased by HTTP) → value. */
  meta: Map<string, string>;
  etag: string;
  lastModified: Date;
  created: Date;
  /** Copy status and when a pending copy completes. */
  copy: { completeAt: number } | undefined;
}

/** A container. */
export interface SimContainer {
  name: string;
  etag: string;
  lastModified: Date;
  blobs: Map<string, SimBlob>;
  /** Uncommitted blocks per blob name: block id → bytes. */
  blocks: Map<string, Map<string, Buffer>>;
}

/** A fresh ETag (`"0x8D..."`). */
export function newEtag(): string {
  return `"0x8D${randomBytes(7).toString('hex').toUpperCase()}"`;
}

/** Base64 MD5 of bytes. */
export function md5Base64(data: Buffer): string {
  return createHash('md5').update(data).digest('base64');
}

/** The simulator's account state. */
export class BlobState {
  readonly containers = new Map<string, SimContainer>();

  /** Containers sorted by name. */
  sortedContainers(): SimContainer[] {
    return [...this.containers.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Committed blob names of a container in UTF-8 byte order. */
  static sortedNames(c: SimContainer): string[] {
    return [...c.blobs.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  }
}
