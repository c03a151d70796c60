import type { QueryParams } from '../params.js';
import type { Ec2State } from '../state.js';
import type { XmlWriter } from '../xml-writer.js';

/** What an action handler gets for one request. */
export interface ActionContext {
  /** Action name. */
  readonly action: string;
  /** Request parameters. */
  readonly params: QueryParams;
  /** The account. */
  readonly state: Ec2State;
  /** Request time (epoch ms). */
  readonly now: number;
  /** Request id of the response. */
  readonly requestId: string;
}

/**
 * Handles one action: validates everything first (throwing an `Ec2Error`), then mutates state and
 * writes the response elements after `requestId` into `w`.
 */
export type ActionHandler = (ctx: ActionContext, w: XmlWriter) => void | Promise<void>;

/** Action handlers by action name. */
export type ActionTable = Record<string, ActionHandler>;

/** ISO 8601 time as EC2 writes it (`2024-01-10T12:00:00.000Z`). */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
