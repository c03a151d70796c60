import type { QueryParams } from '../params.js';
import type { XmlWriter } from '../xml-writer.js';
import { validation } from './errors.js';
import type { ElbState } from './state.js';

/** What an action handler gets. */
export interface ElbActionContext {
  /** Request parameters. */
  params: QueryParams;
  /** The simulated account. */
  state: ElbState;
  /** Request time. */
  now: number;
}

/** An action handler: writes the inside of `<{Action}Result>`. */
export type ElbAction = (ctx: ElbActionContext, w: XmlWriter) => void;

/** Page size of a request: `PageSize` (1–400) capped by the simulator's `maxPageSize`. */
export function pageSizeOf(ctx: ElbActionContext): number {
  const asked = ctx.params.get('PageSize');
  let n = 400;
  if (asked !== undefined) {
    if (!/^\d+$/.test(asked) || Number(asked) < 1 || Number(asked) > 400)
      throw validation(
        `1 validation error detected: Value '${asked}' at 'pageSize' failed to satisfy constraint: Member must have value between 1 and 400`,
      );
    n = Number(asked);
  }
  return Math.min(n, ctx.state.options.maxPageSize);
}

/** A valid balancer/target group name (1–32 letters, digits, hyphens; no leading/trailing hyphen). */
export const NAME_RE = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/;
