import type { FaultMatch } from './types.js';

/** Whether a fault's method/path filter matches a request (`path` is the decoded path without query). */
export function faultMatches(match: FaultMatch, method: string, path: string): boolean {
  if (match.method !== undefined && match.method.toUpperCase() !== method) return false;
  if (match.path === undefined) return true;
  if (typeof match.path === 'string') return match.path === path;
  match.path.lastIndex = 0;
  return match.path.test(path);
}
