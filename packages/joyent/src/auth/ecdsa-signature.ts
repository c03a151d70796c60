/** Converts agent ECDSA signatures (SSH wire format) to the DER form HTTP Signature uses. */
import { SshReader } from '@cloudmux/core/ssh';

/** DER length octets. */
function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** DER INTEGER content from an unsigned or two's-complement big-endian magnitude. */
function derInteger(mag: Buffer): Buffer {
  let i = 0;
  while (i < mag.length - 1 && mag[i] === 0 && ((mag[i + 1] as number) & 0x80) === 0) i++;
  let body = mag.subarray(i);
  if (body.length === 0) body = Buffer.from([0]);
  if (((body[0] as number) & 0x80) !== 0) body = Buffer.concat([Buffer.from([0]), body]);
  return Buffer.concat([Buffer.from([0x02]), derLength(body.length), body]);
}

/** Converts an SSH ECDSA signature body (`mpint r, mpint s`) to ASN.1 DER `SEQUENCE { r, s }`. */
export function ecdsaSshToDer(sshSig: Buffer): Buffer {
  const r = new SshReader(sshSig);
  const content = Buffer.concat([derInteger(r.string()), derInteger(r.string())]);
  return Buffer.concat([Buffer.from([0x30]), derLength(content.length), content]);
}
