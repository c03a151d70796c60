/** Ids of the system tools in tools.mjs's table. */
export type ToolId = 'sshd' | 'ssh-keygen' | 'ssh-agent' | 'named-checkzone' | 'openssl';
/** What to do with a suite needing some tools. */
export function toolGate(ids: readonly ToolId[], env?: NodeJS.ProcessEnv): { action: 'run' | 'skip' | 'fail'; missing: ToolId[] };
/** `describe(name, fn)` when every tool is installed; skipped (or failed under CI=true) otherwise. */
export function describeWithTools(ids: readonly ToolId[], name: string, fn: () => void): void;
