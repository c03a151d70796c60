import type { DriverRegistry } from '@cloudmux/core';

/** Registers bundled providers by module specifier (nothing is loaded until `getDriver`). */
export function registerBundled<C extends abstract new (...args: never[]) => unknown>(
  registry: DriverRegistry<C>,
  entries: Readonly<Record<string, readonly [specifier: string, exportName: string]>>,
): void {
  for (const [id, [specifier, exportName]] of Object.entries(entries)) {
    if (!registry.has(id)) registry.set(id, specifier, exportName, { packageName: specifier, resolveFrom: import.meta.url });
  }
}
