import { assertKnownOptions } from '@cloudmux/core';
import { InvalidArgumentError } from '@cloudmux/core/errors';

/** Options of `AzureBlobsStorageDriver`. */
export interface AzureBlobsDriverOptions {
  /**
   * Blob service endpoint (default `https://<account>.blob.core.windows.net`). Path-style endpoints
   * carry the account in the path, as Azurite's `http://127.0.0.1:10000/devstoreaccount1`.
   */
  endpoint?: string | undefined;
  /** A SAS token (`sv=...&sig=...`, with or without `?`) to authorize requests instead of the account key. */
  sasToken?: string | undefined;
  /** Uploads up to this many bytes go in one Put Blob; larger ones in blocks (default 4 MiB, 1 KiB to 256 MiB). */
  singlePutThreshold?: number | undefined;
  /** Block size of staged uploads (default 4 MiB, 64 KiB to 100 MiB). */
  blockSize?: number | undefined;
  /** Put Block requests of one staged upload in flight at once (default 4, 1 to 64): memory is about `(blocksInFlight + 1) × blockSize`. */
  blocksInFlight?: number | undefined;
  /** Listing page size (`maxresults`, default 5000, 1 to 5000). */
  pageSize?: number | undefined;
  /** Per-attempt HTTP timeout in ms. */
  timeoutMs?: number | undefined;
}

/** Options after validation and defaults. */
export interface ResolvedAzureOptions {
  endpoint: string;
  sasToken: string | undefined;
  singlePutThreshold: number;
  blockSize: number;
  blocksInFlight: number;
  pageSize: number;
  timeoutMs: number | undefined;
}

const KEYS = ['endpoint', 'sasToken', 'singlePutThreshold', 'blockSize', 'blocksInFlight', 'pageSize', 'timeoutMs'];

function int(name: string, v: unknown, min: number, max: number, dflt: number): number {
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max)
    throw new InvalidArgumentError(
      `AzureBlobsStorageDriver: invalid ${name} ${JSON.stringify(v)}: expected an integer from ${min} to ${max}`,
    );
  return v;
}

/** Validates the account name: 3-24 lower-case letters and digits (Azurite's `devstoreaccount1` included). */
export function checkAccount(account: unknown): string {
  if (typeof account !== 'string' || !/^[a-z0-9]{3,24}$/.test(account))
    throw new InvalidArgumentError(
      `AzureBlobsStorageDriver: invalid account name ${JSON.stringify(account)}: expected 3-24 lower-case letters and digits`,
    );
  return account;
}

/** Validates options and applies defaults. */
export function resolveAzureOptions(account: string, options: AzureBlobsDriverOptions | undefined): ResolvedAzureOptions {
  const o = options ?? {};
  if (typeof o !== 'object') throw new InvalidArgumentError('AzureBlobsStorageDriver: options must be an object');
  assertKnownOptions('AzureBlobsStorageDriver', o, KEYS);
  let endpoint = o.endpoint ?? `https://${account}.blob.core.windows.net`;
  try {
    const u = new URL(endpoint);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error('protocol');
  } catch {
    throw new InvalidArgumentError(`AzureBlobsStorageDriver: invalid endpoint ${JSON.stringify(o.endpoint)}: expected an http(s) URL`);
  }
  endpoint = endpoint.replace(/\/+$/, '');
  let sasToken = o.sasToken;
  if (sasToken !== undefined) {
    if (typeof sasToken !== 'string' || !/(^|&)sig=/.test(sasToken.replace(/^\?/, '')))
      throw new InvalidArgumentError('AzureBlobsStorageDriver: sasToken must be a SAS query string containing sig=');
    sasToken = sasToken.replace(/^\?/, '');
  }
  const MiB = 1024 * 1024;
  return {
    endpoint,
    sasToken,
    singlePutThreshold: int('singlePutThreshold', o.singlePutThreshold, 1024, 256 * MiB, 4 * MiB),
    blockSize: int('blockSize', o.blockSize, 64 * 1024, 100 * MiB, 4 * MiB),
    blocksInFlight: int('blocksInFlight', o.blocksInFlight, 1, 64, 4),
    pageSize: int('pageSize', o.pageSize, 1, 5000, 5000),
    timeoutMs: o.timeoutMs === undefined ? undefined : int('timeoutMs', o.timeoutMs, 1, 2_147_483_647, 30_000),
  };
}

/** Fields of an Azure Storage connection string. */
export interface ConnectionStringParts {
  account: string;
  key: string | undefined;
  endpoint: string | undefined;
  sasToken: string | undefined;
}

/**
 * Parses an Azure Storage connection string (`DefaultEndpointsProtocol=...;AccountName=...;AccountKey=...;BlobEndpoint=...`
 * or `BlobEndpoint=...;SharedAccessSignature=...`). Values are never echoed in errors.
 */
export function parseConnectionString(text: string): ConnectionStringParts {
  const fields = new Map<string, string>();
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    fields.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  const protocol = fields.get('defaultendpointsprotocol') ?? 'https';
  const suffix = fields.get('endpointsuffix') ?? 'core.windows.net';
  let account = fields.get('accountname');
  const endpoint = fields.get('blobendpoint');
  if (!account && endpoint) {
    const u = new URL(endpoint);
    account = u.hostname.split('.')[0] === '127' || u.hostname === 'localhost' ? u.pathname.split('/')[1] : u.hostname.split('.')[0];
  }
  if (!account) throw new InvalidArgumentError('Azure connection string: AccountName (or BlobEndpoint) is missing');
  return {
    account,
    key: fields.get('accountkey'),
    endpoint: endpoint ?? (fields.has('accountname') ? `${protocol}://${account}.blob.${suffix}` : undefined),
    sasToken: fields.get('sharedaccesssignature'),
  };
}
