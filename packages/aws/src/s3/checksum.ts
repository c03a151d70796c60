import type { HttpHeaders } from '@cloudmux/core/http';
import { uploadMismatch } from '@cloudmux/core/storage';

/** Header carrying an object's or part's CRC-32 (base64 of the big-endian 4 bytes). */
export const CRC32_HEADER = 'x-amz-checksum-crc32';

/** The base64 form S3 uses for a CRC-32 value. */
export function crc32Base64(value: number): string {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(value >>> 0);
  return b.toString('base64');
}

/** Hex (8 digits) of a base64 CRC-32 from S3; `undefined` for anything else (a composite `…-N` value included). */
export function crc32HexOf(b64: string | undefined): string | undefined {
  if (b64 === undefined || !/^[A-Za-z0-9+/]{6}==$/.test(b64)) return undefined;
  return Buffer.from(b64, 'base64').toString('hex');
}

/**
 * Throws when a response echoes a CRC-32 that differs from the one sent (a service that stored other
 * bytes); a response without one (a service that ignores the header) passes.
 */
export function checkCrc32Echo(headers: HttpHeaders, sent: number, what: string, provider: string): void {
  const echoed = headers[CRC32_HEADER];
  if (typeof echoed !== 'string') return;
  const expected = crc32Base64(sent);
  if (echoed !== expected) throw uploadMismatch(what, 'crc32', crc32HexOf(expected)!, crc32HexOf(echoed) ?? echoed, provider);
}
