import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { describe, it } from '@jest/globals';
import type { Node, NodeDriver } from '@cloudmux/core/compute';
import { CloudError, MalformedResponseError, ProviderError, TimeoutError } from '@cloudmux/core/errors';
import { errorOf, uniqueName } from './harness.js';
import { findLeaks, harvestSignedValues, secretForms, type SecretsTarget } from './secrets-scan.js';
import type { SecretsCheckOptions, SecretsCheckSetup } from './types.js';

/** Body of the default malformed-body fault: truncated JSON echoing machine secrets in nested objects. */
export function defaultMalformedBody(secrets: readonly string[]): string {
  const s = (i: number): string => JSON.stringify(secrets[i % secrets.length] ?? 'x');
  return (
    `{"id":"0badc0de","metadata":{"credentials":{"root":${s(0)},"admin":${s(1)}},"root_pw":${s(0)},"db_pass":${s(1)},` +
    `"user-script":${s(2)}},"password":${s(0)},"secret":${s(1)},"nested":{"deeper":{"token":${s(2)}}},"tr`
  );
}

/** What one test collected: the driver, the errors it saw, the objects to inspect. */
interface Run<D> {
  setup: SecretsCheckSetup<D>;
  debugFile: string;
  errors: { what: string; error: unknown }[];
  objects: { what: string; value: unknown }[];
  /** Secret values of the flow (passwords, metadata, user data). */
  flowSecrets: string[];
}

/**
 * Registers the **secrets check**: runs the driver's flows (list, create, get, destroy, error paths) with the
 * debug trace on (`CLOUDMUX_DEBUG` pointed at a temp file) and, for HTTP drivers, with faults injected through
 * the simulator (connection reset, a hang past the timeout, a malformed body). It then scans the trace, every
 * thrown error (`message`, `JSON.stringify`, `util.inspect` at depth 8, `stack`, the same for each `cause`) and
 * `util.inspect(driver)` for every credential the setup supplied, every signature the simulator received, and
 * every secret the flow set (machine passwords, metadata, user data), raw and base64-, URL- and JSON-encoded.
 * Nodes the flow saw are inspected for credentials too.
 */
export function describeSecretsCheck<D extends NodeDriver>(options: SecretsCheckOptions<D>): void {
  const faults = options.faults ?? true;
  const budget = (options.timeoutMs ?? 10_000) * 3 + 30_000;

  async function withRun(body: (run: Run<D>) => Promise<void>): Promise<void> {
    const dir = await mkdtemp(join(tmpdir(), 'cmx-secrets-'));
    const debugFile = join(dir, 'trace.log');
    const saved = process.env.CLOUDMUX_DEBUG;
    process.env.CLOUDMUX_DEBUG = debugFile;
    let setup: SecretsCheckSetup<D>;
    try {
      setup = await options.setup({ debugFile });
    } finally {
      if (saved === undefined) delete process.env.CLOUDMUX_DEBUG;
      else process.env.CLOUDMUX_DEBUG = saved;
    }
    const run: Run<D> = { setup, debugFile, errors: [], objects: [], flowSecrets: [] };
    try {
      await body(run);
      await verify(run);
    } finally {
      await setup.teardown().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    }
  }

  async function verify(run: Run<D>): Promise<void> {
    const { setup } = run;
    const credentials = [...setup.credentials];
    if (setup.server) credentials.push(...harvestSignedValues(setup.server.requests));
    for (const c of [...credentials, ...run.flowSecrets]) {
      if (c.length < 8)
        throw new Error(`${options.name} secrets check: secret ${JSON.stringify(c)} is too short to search for reliably (8+ characters)`);
    }
    const everything = secretForms([...credentials, ...run.flowSecrets], setup.publicValues);
    const credentialForms = secretForms(credentials, setup.publicValues);
    const targets: SecretsTarget[] = [];
    let trace = '';
    try {
      trace = await readFile(run.debugFile, 'utf8');
    } catch {
      // no trace written
    }
    if (setup.server && trace === '')
      throw new Error(`${options.name} secrets check: the driver wrote no debug trace to CLOUDMUX_DEBUG=${run.debugFile}`);
    targets.push({ where: 'debug trace', text: trace, forms: everything });
    targets.push({ where: 'util.inspect(driver)', text: inspect(setup.driver, { depth: 8, showHidden: false }), forms: everything });
    for (const { what, error } of run.errors) {
      let e: unknown = error;
      for (let depth = 0; e !== undefined && e !== null && depth < 8; depth++) {
        const label = `${what}${'.cause'.repeat(depth)}`;
        const obj = e as { message?: unknown; stack?: unknown; cause?: unknown };
        let json = '';
        try {
          json = JSON.stringify(e) ?? '';
        } catch (err) {
          json = `[JSON.stringify threw ${String(err)}]`;
        }
        targets.push({ where: `${label}.message`, text: typeof obj.message === 'string' ? obj.message : String(e), forms: everything });
        targets.push({ where: `JSON.stringify(${label})`, text: json, forms: everything });
        targets.push({ where: `util.inspect(${label}, { depth: 8 })`, text: inspect(e, { depth: 8 }), forms: everything });
        targets.push({ where: `${label}.stack`, text: typeof obj.stack === 'string' ? obj.stack : '', forms: everything });
        e = typeof e === 'object' ? obj.cause : undefined;
      }
    }
    for (const { what, value } of run.objects)
      targets.push({ where: `util.inspect(${what}, { depth: 8 })`, text: inspect(value, { depth: 8 }), forms: credentialForms });
    const leaks = findLeaks(targets);
    if (leaks.length > 0) throw new Error(`${options.name} secrets check: ${leaks.length} leak(s):\n${leaks.join('\n')}`);
  }

  async function expectFailure(
    run: Run<D>,
    what: string,
    fn: () => Promise<unknown>,
    kind: new (...args: never[]) => CloudError = CloudError,
  ): Promise<unknown> {
    const err = await errorOf(fn).catch(() => {
      throw new Error(`${options.name} secrets check: ${what} was expected to fail`);
    });
    if (!(err instanceof kind)) throw new Error(`${options.name} secrets check: ${what} must fail with ${kind.name}, got ${String(err)}`);
    run.errors.push({ what, error: err });
    return err;
  }

  async function createNode(run: Run<D>): Promise<Node> {
    const d = run.setup.driver;
    const { options: create, secrets } = await options.createNodeOptions(d);
    run.flowSecrets.push(...secrets);
    const node = await d.createNode({ ...create, name: create.name ?? uniqueName('cmx-secrets') });
    run.objects.push({ what: 'createNode result', value: node });
    return node;
  }

  async function destroy(run: Run<D>, node: Node): Promise<void> {
    const d = run.setup.driver;
    if (d.supports('destroyNode')) await d.destroyNode(node.id);
  }

  function server(run: Run<D>): NonNullable<SecretsCheckSetup<D>['server']> {
    const s = run.setup.server;
    if (!s)
      throw new Error(
        `${options.name} secrets check: setup() returned no simulator server to inject faults through (pass faults: false for drivers without HTTP)`,
      );
    return s;
  }

  describe(`secrets check: ${options.name}`, () => {
    it(
      'list, create, get, destroy and error paths leak no credential or secret (trace, errors, inspect)',
      async () => {
        await withRun(async (run) => {
          const d = run.setup.driver;
          if (d.supports('listNodes')) run.objects.push({ what: 'listNodes result', value: await d.listNodes() });
          const node = await createNode(run);
          if (d.supports('getNode')) run.objects.push({ what: 'getNode result', value: await d.getNode(node.id) });
          if (d.supports('getNode')) await expectFailure(run, 'getNode(missing id)', () => d.getNode(`${node.id}-missing0`));
          const { options: create } = await options.createNodeOptions(d);
          await expectFailure(run, 'createNode(unknown image)', () =>
            d.createNode({ ...create, name: uniqueName('cmx-secrets'), image: 'cmx-no-such-image-0000' }),
          );
          await destroy(run, node);
          if (d.supports('destroyNode')) await expectFailure(run, 'destroyNode(missing id)', () => d.destroyNode(`${node.id}-missing0`));
        });
      },
      budget,
    );

    if (!faults) return;

    it(
      'a connection reset leaks no credential or secret',
      async () => {
        await withRun(async (run) => {
          const d = run.setup.driver;
          const node = await createNode(run);
          server(run).injectFault({ kind: 'reset', times: 1000 });
          await expectFailure(
            run,
            'getNode after a connection reset',
            () => (d.supports('getNode') ? d.getNode(node.id) : d.listNodes()),
            ProviderError,
          );
          await expectFailure(run, 'createNode after a connection reset', async () => {
            const { options: create } = await options.createNodeOptions(d);
            return d.createNode({ ...create, name: uniqueName('cmx-secrets') });
          });
          server(run).clearFaults();
          await destroy(run, node);
        });
      },
      budget,
    );

    it(
      'a hang past the timeout leaks no credential or secret',
      async () => {
        await withRun(async (run) => {
          const d = run.setup.driver;
          const node = await createNode(run);
          server(run).injectFault({ kind: 'hang', times: 1000 });
          await expectFailure(
            run,
            'getNode on a hung server',
            () => (d.supports('getNode') ? d.getNode(node.id) : d.listNodes()),
            TimeoutError,
          );
          server(run).clearFaults();
          await destroy(run, node);
        });
      },
      budget,
    );

    it(
      'a malformed body leaks no credential or secret',
      async () => {
        await withRun(async (run) => {
          const d = run.setup.driver;
          const node = await createNode(run);
          const bodies = (options.malformedBodies ?? ((s: readonly string[]) => [defaultMalformedBody(s)]))(run.flowSecrets);
          for (const [i, body] of bodies.entries()) {
            server(run).injectFault({ kind: 'status', status: 200, body, times: 1000 });
            await expectFailure(
              run,
              `getNode with malformed body #${i + 1}`,
              () => (d.supports('getNode') ? d.getNode(node.id) : d.listNodes()),
              MalformedResponseError,
            );
            server(run).clearFaults();
          }
          await destroy(run, node);
        });
      },
      budget,
    );
  });
}
