import { InvalidArgumentError } from '@cloudmux/core/errors';

/** Characters that never need quoting in a POSIX shell word. */
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * Quotes one word for a POSIX shell (`sh`, `bash`, `dash`, `zsh`): returned as is when it only
 * holds safe characters, otherwise in single quotes with embedded `'` written as `'\''`.
 */
export function shellQuote(word: string): string {
  if (word.includes('\0')) throw new InvalidArgumentError('Shell arguments cannot contain NUL bytes');
  if (word !== '' && SAFE.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Joins words into one shell command line, each quoted with {@link shellQuote}. */
export function shellJoin(words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}

/** Valid environment variable name. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Prefix that exports `env` for the rest of a shell command line (`export A='1' B='2'; `).
 * Used instead of SSH `env` requests, which sshd drops unless its `AcceptEnv` lists the name.
 */
export function envPrefix(env: Readonly<Record<string, string>> | undefined): string {
  if (!env) return '';
  const entries = Object.entries(env);
  if (entries.length === 0) return '';
  for (const [name] of entries) {
    if (!ENV_NAME.test(name)) throw new InvalidArgumentError(`Invalid environment variable name "${name}"`);
  }
  return `export ${entries.map(([k, v]) => `${k}=${shellQuote(v)}`).join(' ')}; `;
}
