import type { StratusLabDriverOptions } from './options.js';

/** An environment (`process.env`). */
export type Env = Readonly<Record<string, string | undefined>>;

/** What the `STRATUSLAB_*` variables configure. */
export interface StratusLabEnvConfig {
  /** `STRATUSLAB_USERNAME`. */
  readonly username: string | undefined;
  /** `STRATUSLAB_PASSWORD`. */
  readonly password: string | undefined;
  /** Driver options. */
  readonly options: StratusLabDriverOptions;
}

/**
 * Reads the StratusLab command-line variables: `STRATUSLAB_ENDPOINT` (with `STRATUSLAB_PDISK_ENDPOINT`,
 * `STRATUSLAB_MARKETPLACE_ENDPOINT`, `STRATUSLAB_KEY`) defines one location named by
 * `STRATUSLAB_USER_CONFIG_SECTION` (default `default`); without it the user configuration file is read
 * and that variable selects its default section. `STRATUSLAB_USERNAME`/`STRATUSLAB_PASSWORD` give the credentials.
 */
export function readStratusLabEnv(env: Env): StratusLabEnvConfig {
  const v = (name: string): string | undefined => (env[name] === undefined || env[name] === '' ? undefined : env[name]);
  const section = v('STRATUSLAB_USER_CONFIG_SECTION');
  const endpoint = v('STRATUSLAB_ENDPOINT');
  const username = v('STRATUSLAB_USERNAME');
  const password = v('STRATUSLAB_PASSWORD');
  if (endpoint === undefined) return { username, password, options: section !== undefined ? { defaultLocation: section } : {} };
  const id = section ?? 'default';
  return {
    username,
    password,
    options: {
      locations: {
        [id]: {
          endpoint,
          pdiskEndpoint: v('STRATUSLAB_PDISK_ENDPOINT'),
          marketplaceEndpoint: v('STRATUSLAB_MARKETPLACE_ENDPOINT'),
          userPublicKeyFile: v('STRATUSLAB_KEY'),
        },
      },
    },
  };
}
