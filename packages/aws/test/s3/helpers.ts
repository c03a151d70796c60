/** `n` bytes of a repeating pattern (`(i * step + seed) & 0xff`): known content without randomness. */
export function patternBytes(n: number, seed: number, step: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = (i * step + seed) & 0xff;
  return b;
}

/** Every chunk of a stream (or async iterable), concatenated. */
export async function readAll(s: AsyncIterable<unknown>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of s) parts.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(parts);
}
