import type { ServiceName } from './with-service.mjs';
/** Service name → purpose. */
export const SERVICES: Readonly<Record<ServiceName, { purpose: string }>>;
/** Directory of a service's scripts. */
export function serviceDir(name: ServiceName, env?: NodeJS.ProcessEnv): string;
/** State directory of the services. */
export function servicesStateDir(env?: NodeJS.ProcessEnv): string;
/** Test files that declare the service. */
export function suitesUsingService(name: ServiceName, root?: string): string[];
/** Services the selected suites need. */
export function servicesFor(jestArgs: readonly string[], root?: string): ServiceName[];
/** Starts a service. */
export function startService(
  name: ServiceName,
  env?: NodeJS.ProcessEnv,
): { ok: true; vars: Record<string, string>; seconds: number } | { ok: false; reason: string; seconds: number };
/** Stops a service; the error text or undefined. */
export function stopService(name: ServiceName, env?: NodeJS.ProcessEnv): string | undefined;
/** Loud summary of services that could not start. */
export function serviceSummary(failed: ReadonlyArray<{ name: ServiceName; reason: string }>, env?: NodeJS.ProcessEnv): string;
