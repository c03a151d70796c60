/** A change that takes effect at a point in time (applied lazily, on the next read). */
export interface PendingChange {
  /** Epoch ms at which the change applies. */
  at: number;
  /** Applies the change. */
  apply(): void;
}

/** Something with at most one pending timed change. */
export interface Timed {
  next?: PendingChange | undefined;
}

/**
 * Applies `item`'s pending change if its time has come. State moves on when it is observed,
 * so the in-memory drivers need no timers (nothing keeps the process alive).
 */
export function settle(item: Timed, now = Date.now()): void {
  const next = item.next;
  if (next && now >= next.at) {
    item.next = undefined;
    next.apply();
  }
}

/** Schedules `apply` on `item` after `delayMs` (immediately when 0). */
export function schedule(item: Timed, delayMs: number, apply: () => void): void {
  if (delayMs <= 0) {
    item.next = undefined;
    apply();
    return;
  }
  item.next = { at: Date.now() + delayMs, apply };
}
