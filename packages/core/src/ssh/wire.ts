/** SSH wire format (RFC 4251): `string`, `mpint` and `uint32` fields. */

/** Encodes each part as an SSH `string` (uint32 length + bytes) and concatenates them. */
export function sshString(...parts: (Buffer | string)[]): Buffer {
  let size = 0;
  const bufs = parts.map((p) => {
    const b = typeof p === 'string' ? Buffer.from(p, 'utf8') : p;
    size += 4 + b.length;
    return b;
  });
  const out = Buffer.allocUnsafe(size);
  let offset = 0;
  for (const b of bufs) {
    out.writeUInt32BE(b.length, offset);
    b.copy(out, offset + 4);
    offset += 4 + b.length;
  }
  return out;
}

/** Encodes an unsigned big-endian integer as an SSH `mpint` field (leading zeros dropped, a sign byte added when needed). */
export function sshMpint(unsigned: Buffer): Buffer {
  let i = 0;
  while (i < unsigned.length - 1 && unsigned[i] === 0) i++;
  const trimmed = unsigned.subarray(i);
  return sshString(((trimmed[0] ?? 0) & 0x80) !== 0 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

/** Sequential reader over SSH wire data; throws `RangeError` on truncation. */
export class SshReader {
  #offset = 0;
  /** Reads `buf` from the start. */
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
