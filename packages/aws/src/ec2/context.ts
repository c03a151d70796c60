import type { NodeDriver } from '@cloudmux/core/compute';
import type { Ec2Client } from './client.js';
import type { Ec2Settings } from './options.js';

/** What the operation modules need from a driver instance. */
export interface Ec2Context {
  /** The Query API client. */
  readonly client: Ec2Client;
  /** The driver (back-reference for result objects). */
  readonly driver: NodeDriver;
  /** Resolved settings. */
  readonly settings: Ec2Settings;
}

/** `true` when a response's `<return>` is `true` (or absent, as some clones omit it). */
export function returned(res: { return?: unknown }): boolean {
  return res.return === undefined || res.return === 'true';
}
