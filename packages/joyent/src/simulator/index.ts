/**
 * `@cloudmux/joyent/simulator`: a stateful Joyent Triton CloudAPI simulator for tests, examples
 * and demos. It verifies real HTTP Signatures (both header dialects, RSA/ECDSA/Ed25519, RBAC
 * sub-users), negotiates `Accept-Version`, paginates like CloudAPI, moves machines through their
 * states over time and answers CloudAPI's status codes and `{ code, message }` errors.
 *
 * ```ts
 * const sim = await CloudApiSimulator.start({ accounts: [{ login: 'demo', keys: [{ name: 'k', key: openSshPublicKey }] }] });
 * // ... new JoyentNodeDriver('demo', undefined, { url: sim.url, privateKey }) ...
 * await sim.close();
 * ```
 * @module
 */
export { CloudApiSimulator } from './cloudapi-simulator.js';
export type { CloudApiSimulatorOptions, SeedMachineTemplate, SimMachineState, SimulatorAccount, SimulatorPublicKey } from './options.js';
export type { SimImage, SimPackage } from './model.js';
export { DEFAULT_VERSIONS } from './store.js';
export { REST_CODES, type RestCode } from './errors.js';
export { satisfies as semverSatisfies, maxSatisfying as semverMaxSatisfying } from './semver.js';
export { runSimulatorCli, CLI_USAGE, type CliHandle } from './cli-main.js';
