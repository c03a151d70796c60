/**
 * Gives a stored object the bytes of its parts (a completed multipart upload, a committed block list)
 * without copying them at completion: `data` is joined into one buffer when first read, then kept, as
 * a real service keeps the parts rather than copying them. An object deleted unread is never copied.
 * Assigning `data` replaces the bytes as usual. Returns `o`.
 */
export function joinedOnFirstRead<T extends { data: Buffer }>(o: T, parts: readonly Buffer[]): T {
  const settle = (data: Buffer): Buffer => {
    Object.defineProperty(o, 'data', { value: data, writable: true, enumerable: true, configurable: true });
    return data;
  };
  if (parts.length === 1) {
    settle(parts[0]!);
    return o;
  }
  Object.defineProperty(o, 'data', { enumerable: true, configurable: true, get: () => settle(Buffer.concat(parts)), set: settle });
  return o;
}
