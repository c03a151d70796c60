/** Minimal SSH wire-format helpers (RFC 4251 strings and mpints) for the agent protocol. */

/** Encodes an SSH `string` (uint32 length + bytes). */
export function sshString(data: Buffer | string): Buffer {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const out = Buffer.allocUnsafe(4 + bytes.length);
  out.writeUInt32BE(bytes.length, 0);
  bytes.copy(out, 4);
  return out;
}

/** Sequential reader over SSH wire data; throws on truncation. */
export class SshReader {
  #offset = 0;
  constructor(private readonly buf: Buffer) {}
  /** Bytes left. */
  get remaining(): number {
    return this.buf.length - this.#offset;
  }
  /** Reads a byte. */
  byte(): number {
    if (this.remaining < 1) throw new RangeError('SSH data truncated');
    return this.buf[this.#offset++] as number;
  }
  /** Reads a uint32. */
  uint32(): number {
    if (this.remaining < 4) throw new RangeError('SSH data truncated');
    const v = this.buf.readUInt32BE(this.#offset);
    this.#offset += 4;
    return v;
  }
  /** Reads a `string` as bytes. */
  string(): Buffer {
    const len = this.uint32();
    if (this.remaining < len) throw new RangeError('SSH data truncated');
    const v = this.buf.subarray(this.#offset, this.#offset + len);
    this.#offset += len;
    return v;
  }
}

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
