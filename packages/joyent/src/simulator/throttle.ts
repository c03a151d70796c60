/**
 * A token bucket per caller, answering like restify's throttle plugin.
 * @module
 */

/** Per-key token buckets: `ratePerSec` refill, `burst` capacity. */
export class Throttle {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  readonly ratePerSec: number;
  private readonly burst: number;

  constructor(ratePerSec: number, burst?: number) {
    if (!(ratePerSec > 0)) throw new RangeError(`throttle.ratePerSec must be positive, got ${ratePerSec}`);
    this.ratePerSec = ratePerSec;
    this.burst = Math.max(1, burst ?? ratePerSec);
  }

  /** Takes a token for `key`; returns the seconds to wait when none is left, else `undefined`. */
  take(key: string, now = Date.now()): number | undefined {
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.ratePerSec);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return undefined;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.ratePerSec));
  }
}
