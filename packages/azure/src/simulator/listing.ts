import { escapeXml } from '../blob/xml.js';
import { BlobState, type SimBlob, type SimContainer } from './state.js';

/** Opaque paging marker: the name the next page starts at. */
export function encodeMarker(name: string): string {
  return Buffer.from(`1!${name}`).toString('base64url');
}

/** Reads a marker (undefined when absent or not one of ours). */
export function decodeMarker(marker: string | null): string | undefined {
  if (!marker) return undefined;
  const s = Buffer.from(marker, 'base64url').toString();
  return s.startsWith('1!') ? s.slice(2) : undefined;
}

function blobXml(name: string, b: SimBlob, withMeta: boolean): string {
  const meta = withMeta ? `<Metadata>${[...b.meta].map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`).join('')}</Metadata>` : '';
  return (
    `<Blob><Name>${escapeXml(name)}</Name><Properties>` +
    `<Creation-Time>${b.created.toUTCString()}</Creation-Time><Last-Modified>${b.lastModified.toUTCString()}</Last-Modified>` +
    `<Etag>${b.etag.replace(/"/g, '')}</Etag><Content-Length>${b.data.length}</Content-Length>` +
    `<Content-Type>${escapeXml(b.contentType ?? '')}</Content-Type><Content-MD5>${b.contentMd5 ?? ''}</Content-MD5>` +
    `<BlobType>BlockBlob</BlobType><AccessTier>Hot</AccessTier><LeaseStatus>unlocked</LeaseStatus><LeaseState>available</LeaseState>` +
    `</Properties>${meta}</Blob>`
  );
}

/** The List Blobs document of one page: blobs and (with a delimiter) `<BlobPrefix>` entries, `maxresults` entries at most. */
export function listBlobsXml(
  endpoint: string,
  c: SimContainer,
  q: { prefix: string; delimiter: string | undefined; marker: string | undefined; max: number; withMeta: boolean; rawMarker: string },
): string {
  type Entry = { name: string; blob?: SimBlob };
  const entries: Entry[] = [];
  let lastPrefix: string | undefined;
  for (const name of BlobState.sortedNames(c)) {
    if (!name.startsWith(q.prefix)) continue;
    const cut = q.delimiter ? name.indexOf(q.delimiter, q.prefix.length) : -1;
    if (cut >= 0) {
      const p = name.slice(0, cut + q.delimiter!.length);
      if (p !== lastPrefix) entries.push({ name: p });
      lastPrefix = p;
    } else entries.push({ name, blob: c.blobs.get(name)! });
  }
  const start = q.marker === undefined ? 0 : entries.findIndex((e) => Buffer.compare(Buffer.from(e.name), Buffer.from(q.marker!)) >= 0);
  const from = start < 0 ? entries.length : start;
  const page = entries.slice(from, from + q.max);
  const next = entries[from + q.max];
  const items = page
    .map((e) => (e.blob ? blobXml(e.name, e.blob, q.withMeta) : `<BlobPrefix><Name>${escapeXml(e.name)}</Name></BlobPrefix>`))
    .join('');
  return (
    `<EnumerationResults ServiceEndpoint="${escapeXml(endpoint)}/" ContainerName="${escapeXml(c.name)}">` +
    (q.prefix ? `<Prefix>${escapeXml(q.prefix)}</Prefix>` : '') +
    (q.rawMarker ? `<Marker>${escapeXml(q.rawMarker)}</Marker>` : '') +
    `<MaxResults>${q.max}</MaxResults>` +
    (q.delimiter ? `<Delimiter>${escapeXml(q.delimiter)}</Delimiter>` : '') +
    `<Blobs>${items}</Blobs><NextMarker>${next ? encodeMarker(next.name) : ''}</NextMarker></EnumerationResults>`
  );
}

/** The List Containers document of one page. */
export function listContainersXml(
  endpoint: string,
  state: BlobState,
  q: { prefix: string; marker: string | undefined; max: number; rawMarker: string },
): string {
  const all = state.sortedContainers().filter((c) => c.name.startsWith(q.prefix));
  const start = q.marker === undefined ? 0 : all.findIndex((c) => c.name >= q.marker!);
  const from = start < 0 ? all.length : start;
  const page = all.slice(from, from + q.max);
  const next = all[from + q.max];
  const items = page
    .map(
      (c) =>
        `<Container><Name>${escapeXml(c.name)}</Name><Properties><Last-Modified>${c.lastModified.toUTCString()}</Last-Modified>` +
        `<Etag>${c.etag.replace(/"/g, '')}</Etag><LeaseStatus>unlocked</LeaseStatus><LeaseState>available</LeaseState></Properties></Container>`,
    )
    .join('');
  return (
    `<EnumerationResults ServiceEndpoint="${escapeXml(endpoint)}/">` +
    (q.prefix ? `<Prefix>${escapeXml(q.prefix)}</Prefix>` : '') +
    (q.rawMarker ? `<Marker>${escapeXml(q.rawMarker)}</Marker>` : '') +
    `<MaxResults>${q.max}</MaxResults><Containers>${items}</Containers><NextMarker>${next ? encodeMarker(next.name) : ''}</NextMarker></EnumerationResults>`
  );
}
