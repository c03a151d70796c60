import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InvalidArgumentError } from '@cloudmux/core';
import type { NodeDriver, NodeLocation, Ref } from '@cloudmux/core/compute';
import { parseIni } from '../config/ini.js';
import { resolveIniConfig, resolveLocationOptions, type ResolvedConfig, type ResolvedLocation } from '../config/user-config.js';
import { MarketplaceClient } from './marketplace-client.js';
import { OneClient, type TransportOptions } from './one-client.js';
import { checkDriverOptions, type StratusLabDriverOptions } from './options.js';
import { PdiskClient } from './pdisk-client.js';

/** Where the StratusLab client keeps the user configuration. */
export function defaultConfigPath(home: string = os.homedir()): string {
  return path.join(home, '.stratuslab', 'stratuslab-user.cfg');
}

/** The clients of one location, made on first use. */
interface LocationClients {
  one?: OneClient;
  pdisk?: PdiskClient;
}

/**
 * What the resource modules need from a driver: the resolved configuration (credentials included,
 * so it lives only in the driver's private field) and the per-location clients.
 */
export class StratusLabContext {
  /** Resolved locations, default location and instance types. */
  readonly config: ResolvedConfig;
  /** Location ids in configuration order. */
  readonly locationIds: readonly string[];
  /** The driver, for result objects' back-reference. */
  readonly driver: NodeDriver;
  readonly #transport: TransportOptions;
  readonly #clients = new Map<string, LocationClients>();
  readonly #marketplaces = new Map<string, MarketplaceClient>();

  constructor(driver: NodeDriver, username: string | undefined, password: string | undefined, options: StratusLabDriverOptions) {
    checkDriverOptions(options);
    this.driver = driver;
    this.#transport = { timeoutMs: options.timeoutMs, retry: options.retry, tls: options.tls, debugFile: options.debugFile };
    let config: ResolvedConfig;
    if (options.locations !== undefined) {
      config = resolveLocationOptions(options.locations, options.defaultLocation);
    } else if (options.config !== undefined) {
      config = resolveIniConfig(parseIni(options.config, 'config option'), 'config option', options.defaultLocation);
    } else {
      const file = options.configFile ?? defaultConfigPath();
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (cause) {
        throw new InvalidArgumentError(
          `StratusLab configuration ${file} cannot be read (${(cause as NodeJS.ErrnoException).code ?? String(cause)}): pass configFile, config or locations`,
          { provider: 'stratuslab', cause },
        );
      }
      config = resolveIniConfig(parseIni(text, file), file, options.defaultLocation);
    }
    if (username !== undefined && username !== '') {
      config = {
        ...config,
        locations: config.locations.map((l) => Object.freeze({ ...l, username, password: password ?? l.password })),
      };
    }
    this.config = config;
    this.locationIds = config.locations.map((l) => l.id);
  }

  /** The location `ref` names (default: the default location); unknown ids are an `InvalidArgumentError`. */
  location(ref: Ref<NodeLocation> | undefined, method: string): ResolvedLocation {
    const id = ref === undefined ? this.config.defaultLocation : typeof ref === 'string' ? ref : ref.id;
    const found = this.config.locations.find((l) => l.id === id);
    if (!found) {
      throw new InvalidArgumentError(`${method}: unknown location ${JSON.stringify(id)}. Valid locations: ${this.locationIds.join(', ')}`, {
        provider: 'stratuslab',
      });
    }
    return found;
  }

  #of(id: string): LocationClients {
    let c = this.#clients.get(id);
    if (!c) this.#clients.set(id, (c = {}));
    return c;
  }

  /** The one-proxy XML-RPC client of a location. */
  one(location: ResolvedLocation): OneClient {
    const c = this.#of(location.id);
    return (c.one ??= new OneClient(location, this.#transport));
  }

  /** The PDisk client of a location. */
  pdisk(location: ResolvedLocation): PdiskClient {
    const c = this.#of(location.id);
    return (c.pdisk ??= new PdiskClient(location, this.#transport));
  }

  /** The Marketplace client of a location (shared by locations with the same Marketplace). */
  marketplace(location: ResolvedLocation): MarketplaceClient {
    let m = this.#marketplaces.get(location.marketplaceEndpoint);
    if (!m)
      this.#marketplaces.set(location.marketplaceEndpoint, (m = new MarketplaceClient(location.marketplaceEndpoint, this.#transport)));
    return m;
  }

  /** Closes every pooled connection. */
  close(): void {
    for (const c of this.#clients.values()) {
      c.one?.close();
      c.pdisk?.close();
    }
    for (const m of this.#marketplaces.values()) m.close();
  }
}
