import type { HttpHeaders } from '@cloudmux/core/http';
import { md5Base64ToHex, StorageObject, type StorageDriver } from '@cloudmux/core/storage';
import { decodeMetaKey } from './meta.js';
import { child, list, text, type XmlNode } from './xml.js';

/** `extra` of Azure blobs. */
export interface AzureBlobExtra {
  /** Entity tag as the service sent it (quoted). */
  etag: string | undefined;
  /** `BlockBlob`, `PageBlob` or `AppendBlob`. */
  blobType: string | undefined;
  /** Access tier (`Hot`, `Cool`, `Archive`), when reported. */
  accessTier: string | undefined;
}

/** `extra` of Azure containers. */
export interface AzureContainerExtra {
  /** Entity tag. */
  etag: string | undefined;
  /** Last modified. */
  lastModified: Date | undefined;
}

function header(h: HttpHeaders, name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
}

function date(v: string | undefined): Date | undefined {
  if (!v) return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/**
 * The portable `hash` of a blob: the hex MD5 of its content when the service reports one
 * (`Content-MD5`, set by Put Blob and by this driver on block uploads), else the ETag.
 */
export function blobHash(contentMd5: string | undefined, etag: string | undefined): string {
  return md5Base64ToHex(contentMd5) ?? (etag ?? '').replace(/"/g, '');
}

/** A blob from the headers of Get Blob Properties / Get Blob. */
export function objectFromHeaders(
  h: HttpHeaders,
  container: string,
  name: string,
  driver: StorageDriver,
  size?: number,
): StorageObject<AzureBlobExtra> {
  const meta: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    if (k.startsWith('x-ms-meta-') && v !== undefined)
      meta[decodeMetaKey(k.slice('x-ms-meta-'.length))] = Array.isArray(v) ? v.join(',') : v;
  }
  const etag = header(h, 'etag');
  return new StorageObject<AzureBlobExtra>(
    {
      name,
      containerName: container,
      size: size ?? Number(header(h, 'content-length') ?? 0),
      hash: blobHash(header(h, 'content-md5'), etag),
      contentType: header(h, 'content-type'),
      lastModified: date(header(h, 'last-modified')),
      meta,
      extra: { etag, blobType: header(h, 'x-ms-blob-type'), accessTier: header(h, 'x-ms-access-tier') },
    },
    driver,
  );
}

/** A blob from a `<Blob>` entry of List Blobs (`include=metadata`). */
export function objectFromListEntry(node: XmlNode, container: string, driver: StorageDriver): StorageObject<AzureBlobExtra> {
  const props = child(node, 'Properties');
  const metaNode = child(node, 'Metadata');
  const meta: Record<string, string> = {};
  if (metaNode && typeof metaNode === 'object' && !Array.isArray(metaNode)) {
    for (const [k, v] of Object.entries(metaNode)) if (k !== '#text') meta[decodeMetaKey(k)] = text(v) ?? '';
  }
  const etag = text(child(props, 'Etag'));
  const contentType = text(child(props, 'Content-Type'));
  return new StorageObject<AzureBlobExtra>(
    {
      name: text(child(node, 'Name')) ?? '',
      containerName: container,
      size: Number(text(child(props, 'Content-Length')) ?? 0),
      hash: blobHash(text(child(props, 'Content-MD5')) || undefined, etag),
      contentType: contentType || undefined,
      lastModified: date(text(child(props, 'Last-Modified'))),
      meta,
      extra: { etag, blobType: text(child(props, 'BlobType')), accessTier: text(child(props, 'AccessTier')) },
    },
    driver,
  );
}

/** The `<Blob>` and `<BlobPrefix>` entries and `NextMarker` of a List Blobs page. */
export function listBlobsPage(doc: Record<string, XmlNode | undefined>): {
  blobs: XmlNode[];
  prefixes: string[];
  next: string | undefined;
} {
  const root = doc['EnumerationResults'];
  const blobs = child(root, 'Blobs');
  return {
    blobs: list(child(blobs, 'Blob')),
    prefixes: list(child(blobs, 'BlobPrefix')).map((p) => text(child(p, 'Name')) ?? ''),
    next: text(child(root, 'NextMarker')) || undefined,
  };
}

/** The container entries and `NextMarker` of a List Containers page. */
export function listContainersPage(doc: Record<string, XmlNode | undefined>): {
  containers: { name: string; extra: AzureContainerExtra }[];
  next: string | undefined;
} {
  const root = doc['EnumerationResults'];
  const containers = list(child(child(root, 'Containers'), 'Container')).map((c) => {
    const props = child(c, 'Properties');
    return {
      name: text(child(c, 'Name')) ?? '',
      extra: { etag: text(child(props, 'Etag')), lastModified: date(text(child(props, 'Last-Modified'))) },
    };
  });
  return { containers, next: text(child(root, 'NextMarker')) || undefined };
}
