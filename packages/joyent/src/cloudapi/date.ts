/** Reads `count` decimal digits of `s` from `at`; NaN when one is not a digit. */
function digits(s: string, at: number, count: number): number {
  let v = 0;
  for (let i = at; i < at + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Reads CloudAPI's usual `YYYY-MM-DDTHH:MM:SS.sssZ` without the generic date parser (listing
 * thousands of machines parses one per machine); NaN when `s` has another shape.
 */
function parseIsoUtcMillis(s: string): number {
  if (s.length !== 24 || s.charCodeAt(23) !== 90 /* Z */ || s.charCodeAt(10) !== 84 /* T */) return NaN;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58 || s.charCodeAt(19) !== 46)
    return NaN;
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  // Anything out of range is left to the generic parser.
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 59)) return NaN;
  const year = digits(s, 0, 4);
  const ms = digits(s, 20, 3);
  // Date.UTC maps years 0-99 to 1900-1999: those go to the generic parser too.
  if (!(year >= 100) || Number.isNaN(ms)) return NaN;
  // In range, this equals the generic parser's result (which also rolls 2024-02-30 over to March).
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

/** Parses a CloudAPI timestamp; `undefined` when absent or invalid. */
export function toDate(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const fast = parseIsoUtcMillis(value);
  if (!Number.isNaN(fast)) return new Date(fast);
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
