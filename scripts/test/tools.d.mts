import type { ToolId } from './with-tools.mjs';
/** Repository root. */
export const REPO_ROOT: string;
/** Tool id → executables, Debian package and purpose. */
export const TOOLS: Readonly<Record<ToolId, { bins: string[]; debian: string; purpose: string }>>;
/** Directories searched for tools. */
export function toolDirs(env?: NodeJS.ProcessEnv): string[];
/** Absolute path of an executable, or undefined. */
export function findExecutable(bin: string, dirs?: string[]): string | undefined;
/** The ids with an executable missing. */
export function missingTools(ids?: readonly ToolId[], env?: NodeJS.ProcessEnv): ToolId[];
/** `apt-get install` command line for the tools. */
export function installCommand(ids: readonly ToolId[]): string;
/** Test files that declare they need the tool. */
export function suitesNeeding(id: ToolId, root?: string): string[];
/** Test files (relative to the root) under each package's test folder. */
export function testFiles(root?: string): string[];
