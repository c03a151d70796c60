/**
 * A small semver range matcher for `Accept-Version` negotiation: `*`, `x`, exact and partial
 * versions (`7`, `7.2`, `7.2.0`), `~`, `^`, comparators (`>=7.0.0 <9`), hyphen ranges and `||`.
 * @module
 */

type Triple = [number, number, number];
interface Comparator {
  op: '<' | '<=' | '>' | '>=' | '=';
  v: Triple;
}

/** Parses `M.m.p` (all three parts). */
export function parseVersion(text: string): Triple | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

function compare(a: Triple, b: Triple): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** Compares two `M.m.p` versions (negative, zero or positive). */
export function compareVersions(a: string, b: string): number {
  const pa = parseVersion(a);
  const pb = parseVersion(b);
  if (!pa || !pb) return a.localeCompare(b);
  return compare(pa, pb);
}

/** A partial version: missing or wildcard parts are `undefined`. */
function parsePartial(text: string): Array<number | undefined> | undefined {
  const t = text.replace(/^v/, '');
  if (t === '' || t === '*' || t === 'x' || t === 'X') return [];
  const parts = t.split('.');
  if (parts.length > 3) return undefined;
  const out: Array<number | undefined> = [];
  for (const p of parts) {
    if (p === '*' || p === 'x' || p === 'X') break;
    if (!/^\d+$/.test(p)) return undefined;
    out.push(Number(p));
  }
  return out;
}

function full(p: Array<number | undefined>): Triple {
  return [p[0] ?? 0, p[1] ?? 0, p[2] ?? 0];
}

/** Comparators for one partial version under an operator. */
function expand(op: string, partial: Array<number | undefined>): Comparator[] | undefined {
  const n = partial.length;
  const lo = full(partial);
  const upper = (level: number): Triple =>
    level === 0 ? [lo[0] + 1, 0, 0] : level === 1 ? [lo[0], lo[1] + 1, 0] : [lo[0], lo[1], lo[2] + 1];
  switch (op) {
    case '':
    case '=':
      if (n === 0) return [];
      if (n === 3) return [{ op: '=', v: lo }];
      return [
        { op: '>=', v: lo },
        { op: '<', v: upper(n - 1) },
      ];
    case '~':
      if (n === 0) return [];
      return [
        { op: '>=', v: lo },
        { op: '<', v: upper(n === 1 ? 0 : 1) },
      ];
    case '^': {
      if (n === 0) return [];
      const level = lo[0] !== 0 || n === 1 ? 0 : lo[1] !== 0 || n === 2 ? 1 : 2;
      return [
        { op: '>=', v: lo },
        { op: '<', v: upper(level) },
      ];
    }
    case '>=':
      return n === 0 ? [] : [{ op: '>=', v: lo }];
    case '>':
      return n === 0 ? [{ op: '<', v: [0, 0, 0] }] : n === 3 ? [{ op: '>', v: lo }] : [{ op: '>=', v: upper(n - 1) }];
    case '<':
      return n === 0 ? [{ op: '<', v: [0, 0, 0] }] : [{ op: '<', v: lo }];
    case '<=':
      return n === 0 ? [] : n === 3 ? [{ op: '<=', v: lo }] : [{ op: '<', v: upper(n - 1) }];
    default:
      return undefined;
  }
}

/** Parses one `||` alternative into comparators (all must hold); `undefined` when invalid. */
function parseAlternative(text: string): Comparator[] | undefined {
  const t = text.trim();
  const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(t);
  if (hyphen) {
    const a = parsePartial(hyphen[1]!);
    const b = parsePartial(hyphen[2]!);
    if (!a || !b) return undefined;
    const left = expand('>=', a);
    const right = expand('<=', b);
    return left && right ? [...left, ...right] : undefined;
  }
  const out: Comparator[] = [];
  const tokens = t
    .replace(/(>=|<=|>|<|=|~|\^)\s+/g, '$1')
    .split(/\s+/)
    .filter(Boolean);
  for (const token of tokens) {
    const m = /^(>=|<=|>|<|=|~>?|\^)?(.*)$/.exec(token);
    if (!m) return undefined;
    const partial = parsePartial(m[2]!);
    if (!partial) return undefined;
    const cmp = expand((m[1] ?? '').replace('~>', '~'), partial);
    if (!cmp) return undefined;
    out.push(...cmp);
  }
  return out;
}

function holds(c: Comparator, v: Triple): boolean {
  const d = compare(v, c.v);
  switch (c.op) {
    case '<':
      return d < 0;
    case '<=':
      return d <= 0;
    case '>':
      return d > 0;
    case '>=':
      return d >= 0;
    case '=':
      return d === 0;
  }
}

/** A compiled range; `undefined` when the text is not a valid range. */
export function parseRange(range: string): Comparator[][] | undefined {
  const alternatives = range.split('||').map(parseAlternative);
  if (alternatives.some((a) => a === undefined)) return undefined;
  return alternatives as Comparator[][];
}

/** Whether `version` (`M.m.p`) satisfies `range`; an invalid range satisfies nothing. */
export function satisfies(version: string, range: string): boolean {
  const v = parseVersion(version);
  const alts = parseRange(range);
  if (!v || !alts) return false;
  return alts.some((cmps) => cmps.every((c) => holds(c, v)));
}

/** The highest of `versions` satisfying `range`, or `undefined`. */
export function maxSatisfying(versions: readonly string[], range: string): string | undefined {
  let best: string | undefined;
  for (const v of versions) {
    if (satisfies(v, range) && (best === undefined || compareVersions(v, best) > 0)) best = v;
  }
  return best;
}
