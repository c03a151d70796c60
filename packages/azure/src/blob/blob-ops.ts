import { sleep } from '@cloudmux/core';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import type { TempUrlMethod } from '@cloudmux/core/storage';
import type { BlobClient } from './client.js';
import { metaHeaders } from './meta.js';
import { sasTime, serviceSasQuery } from './sas.js';
import { AZURE_BLOB_VERSION } from './shared-key.js';

/** Where a copy goes. */
export interface CopyRequest {
  source: { container: string; name: string };
  target: { container: string; name: string };
  /** New metadata for the copy (undefined: the source's). */
  meta: Record<string, string> | undefined;
  signal: AbortSignal | undefined;
}

/** Copy Blob, then polls Get Blob Properties (every 100 ms, up to a minute) while the copy is `pending`. */
export async function copyBlob(client: BlobClient, r: CopyRequest): Promise<void> {
  const { container, name } = r.target;
  let res = await client.send({
    method: 'PUT',
    container,
    blob: name,
    headers: { 'x-ms-copy-source': client.copySourceUrl(r.source.container, r.source.name), ...(r.meta ? metaHeaders(r.meta) : {}) },
    action: 'CopyBlob',
    signal: r.signal,
  });
  for (let i = 0; res.headers['x-ms-copy-status'] === 'pending' && i < 600; i++) {
    await sleep(100, r.signal);
    res = await client.send({ method: 'HEAD', container, blob: name, action: 'GetBlobProperties', signal: r.signal });
  }
}

/** Set Blob Metadata: replaces all user metadata. */
export async function setBlobMetadata(
  client: BlobClient,
  container: string,
  name: string,
  meta: Record<string, string>,
  signal: AbortSignal | undefined,
): Promise<void> {
  await client.send({
    method: 'PUT',
    container,
    blob: name,
    query: { comp: 'metadata' },
    headers: metaHeaders(meta),
    action: 'SetBlobMetadata',
    signal,
  });
}

/** Set Blob Properties with a new content type. The call clears every content header it is not given, so the stored MD5 is sent back. */
export async function setBlobContentType(
  client: BlobClient,
  container: string,
  name: string,
  contentType: string,
  signal: AbortSignal | undefined,
): Promise<void> {
  const current = await client.send({ method: 'HEAD', container, blob: name, action: 'GetBlobProperties', signal });
  const md5 = current.headers['content-md5'];
  await client.send({
    method: 'PUT',
    container,
    blob: name,
    query: { comp: 'properties' },
    headers: { 'x-ms-blob-content-type': contentType, ...(typeof md5 === 'string' ? { 'x-ms-blob-content-md5': md5 } : {}) },
    action: 'SetBlobProperties',
    signal,
  });
}

/**
 * A service SAS URL for one blob: `GET` → read (`sp=r`), `PUT` → create and write (`sp=cw`; the PUT
 * must send `x-ms-blob-type: BlockBlob`). Needs the account key (`InvalidArgumentError` otherwise).
 */
export function blobSasUrl(client: BlobClient, container: string, name: string, method: TempUrlMethod, expiresInMs: number): string {
  const key = client.signingKey();
  if (key === undefined) throw new InvalidArgumentError('getObjectTempUrl needs the account key: this driver is authorized by a SAS token');
  const q = serviceSasQuery(
    {
      permissions: method === 'GET' ? 'r' : 'cw',
      start: '',
      expiry: sasTime(Date.now() + expiresInMs),
      account: client.account,
      container,
      blob: name,
      version: AZURE_BLOB_VERSION,
      resource: 'b',
      protocol: '',
    },
    key,
  );
  return `${client.blobUrl(container, name)}?${q.toString()}`;
}
