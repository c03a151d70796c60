import { InvalidArgumentError } from '@cloudmux/core/errors';

/** Most UTF-8 bytes in an object name. */
export const MAX_OBJECT_NAME_BYTES = 1024;
/** Most UTF-8 bytes in one path segment (a file name on common file systems). */
export const MAX_SEGMENT_BYTES = 255;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `segment` cannot be one path segment, or undefined when it can. */
function segmentProblem(segment: string): string | undefined {
  if (segment.length === 0) return 'it has an empty segment (a leading, trailing or doubled "/")';
  if (segment === '.' || segment === '..') return `it has a "${segment}" segment`;
  if (Buffer.byteLength(segment) > MAX_SEGMENT_BYTES) return `a segment is longer than ${MAX_SEGMENT_BYTES} bytes`;
  return undefined;
}

/** Why `name` is not a valid object name, or undefined when it is. */
export function objectNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string') return `expected a string, got ${typeof name}`;
  if (name.length === 0) return 'it is empty';
  if (CONTROL.test(name)) return 'it contains a NUL or control character';
  if (name.includes('\\')) return 'it contains a backslash';
  if (LONE_SURROGATE.test(name)) return 'it is not well-formed Unicode';
  if (name.startsWith('/')) return 'it is an absolute path';
  if (Buffer.byteLength(name) > MAX_OBJECT_NAME_BYTES) return `it is longer than ${MAX_OBJECT_NAME_BYTES} bytes`;
  for (const s of name.split('/')) {
    const p = segmentProblem(s);
    if (p) return p;
  }
  return undefined;
}

/**
 * Checks an object name: relative `/`-separated segments, none empty, `.` or `..`; no NUL or
 * control characters, backslashes or lone surrogates. Throws `InvalidArgumentError` naming it.
 */
export function checkObjectName(name: unknown): string {
  const problem = objectNameProblem(name);
  if (problem) throw new InvalidArgumentError(`Invalid object name ${JSON.stringify(name)}: ${problem}`);
  return name as string;
}

/** Why `name` is not a valid container name, or undefined when it is. */
export function containerNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string') return `expected a string, got ${typeof name}`;
  if (name.length === 0) return 'it is empty';
  if (CONTROL.test(name)) return 'it contains a NUL or control character';
  if (name.includes('/') || name.includes('\\')) return 'it contains a path separator';
  if (LONE_SURROGATE.test(name)) return 'it is not well-formed Unicode';
  if (name.startsWith('.')) return 'names starting with "." are reserved (the driver keeps its staging and metadata there)';
  if (Buffer.byteLength(name) > MAX_SEGMENT_BYTES) return `it is longer than ${MAX_SEGMENT_BYTES} bytes`;
  return undefined;
}

/** Checks a container name (one directory under the root); throws `InvalidArgumentError` naming it. */
export function checkContainerName(name: unknown): string {
  const problem = containerNameProblem(name);
  if (problem) throw new InvalidArgumentError(`Invalid container name ${JSON.stringify(name)}: ${problem}`);
  return name as string;
}
