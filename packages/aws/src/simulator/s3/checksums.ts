import { crc32 } from 'node:zlib';
import type { SimulatorRequest } from '@cloudmux/core/testing';
import { fail } from './replies.js';

/** An additional checksum stored with an object (S3 "checking object integrity"). */
export interface SimChecksum {
  /** Algorithm, as S3 names it in `x-amz-checksum-algorithm`. */
  algorithm: 'CRC32';
  /** Base64 value; a composite multipart value ends in `-<parts>`. */
  value: string;
  /** How a multipart object's value was formed (single PUTs: `FULL_OBJECT`). */
  type: 'FULL_OBJECT' | 'COMPOSITE';
}

/** The `x-amz-checksum-*` algorithms S3 knows; the simulator verifies CRC32 and answers 501 for the others. */
const KNOWN = ['crc32', 'crc32c', 'crc64nvme', 'sha1', 'sha256'] as const;

/** Base64 of the big-endian CRC-32 of bytes. */
export function crc32Base64(data: Uint8Array | readonly Uint8Array[]): string {
  const b = Buffer.alloc(4);
  const crc = data instanceof Uint8Array ? crc32(data) : data.reduce((c, d) => crc32(d, c), 0);
  b.writeUInt32BE(crc >>> 0);
  return b.toString('base64');
}

function notImplemented(algorithm: string): never {
  fail(501, 'NotImplemented', `The ${algorithm.toUpperCase()} checksum algorithm is not implemented by this simulator (CRC32 is).`);
}

/**
 * Verifies the one `x-amz-checksum-<algorithm>` header of an upload against its body: several →
 * 400 `InvalidRequest`; a value of the wrong form → 400 `InvalidRequest`; another CRC-32 than the
 * body's → 400 `BadDigest`. Returns the CRC-32 given (`undefined`: none).
 */
export function checkUploadChecksum(req: SimulatorRequest): string | undefined {
  const given = KNOWN.filter((a) => req.headers[`x-amz-checksum-${a}`] !== undefined);
  if (given.length === 0) return undefined;
  if (given.length > 1) fail(400, 'InvalidRequest', 'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.');
  const algorithm = given[0]!;
  if (algorithm !== 'crc32') notImplemented(algorithm);
  const value = String(req.headers['x-amz-checksum-crc32']);
  if (!/^[A-Za-z0-9+/]{6}==$/.test(value)) fail(400, 'InvalidRequest', 'Value for x-amz-checksum-crc32 header is invalid.');
  if (crc32Base64(req.body) !== value) fail(400, 'BadDigest', 'The CRC32 you specified did not match the calculated checksum.');
  return value;
}

/** The checksum algorithm and type of a CreateMultipartUpload (`undefined`: none asked for). */
export function multipartChecksum(req: SimulatorRequest): Pick<SimChecksum, 'algorithm' | 'type'> | undefined {
  const algorithm = req.headers['x-amz-checksum-algorithm'];
  const type = req.headers['x-amz-checksum-type'];
  if (algorithm === undefined) {
    if (type !== undefined)
      fail(400, 'InvalidRequest', 'The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.');
    return undefined;
  }
  const a = String(algorithm).toLowerCase();
  if (!(KNOWN as readonly string[]).includes(a))
    fail(400, 'InvalidRequest', `Checksum algorithm provided is unsupported: ${String(algorithm)}`);
  if (a !== 'crc32') notImplemented(a);
  if (type !== undefined && type !== 'FULL_OBJECT' && type !== 'COMPOSITE')
    fail(400, 'InvalidRequest', `Value for x-amz-checksum-type header is invalid: ${String(type)}`);
  return { algorithm: 'CRC32', type: type === 'FULL_OBJECT' ? 'FULL_OBJECT' : 'COMPOSITE' };
}

/** The response headers of a stored checksum (GET/HEAD with `x-amz-checksum-mode: ENABLED`, PUT answers). */
export function checksumHeaders(c: SimChecksum | undefined): Record<string, string> {
  return c === undefined ? {} : { 'x-amz-checksum-crc32': c.value, 'x-amz-checksum-type': c.type };
}
