/** Names of the real servers in services.mjs's table. */
export type ServiceName = 'powerdns' | 'keystone' | 'swift' | 's3rver' | 'azurite';
/** What to do with a suite needing a real server. */
export function serviceGate(name: ServiceName, env?: NodeJS.ProcessEnv): 'run' | 'skip' | 'fail';
/** `describe(title, fn)` when the server runs; skipped (or failed under CI=true) otherwise. */
export function describeWithService(name: ServiceName, title: string, fn: () => void): void;
