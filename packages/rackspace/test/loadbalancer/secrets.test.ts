import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { findLeaks, secretForms, type SecretsTarget } from '@cloudmux/test-kit';
import { RackspaceLoadBalancerDriver } from '../../src/loadbalancer/index.js';
import { RackspaceSimulator } from '../../src/simulator/index.js';
import { demoToken } from './support.js';

const API_KEY = 'Rax-Api-Key-7Hq2Lp9Zw';
const PRIVATE_KEY =
  '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7secretbody\n-----END PRIVATE KEY-----\n';

let sim: RackspaceSimulator;
let dir: string;
beforeEach(async () => {
  sim = await RackspaceSimulator.start({ speed: 50, users: [{ username: 'zed', apiKey: API_KEY, password: 'Zed-Password-44x' }] });
  dir = await mkdtemp(join(tmpdir(), 'cmx-clb-secrets-'));
});
afterEach(async () => {
  await sim.stop();
  await rm(dir, { recursive: true, force: true });
});

function errorTexts(what: string, err: unknown): { where: string; text: string }[] {
  const e = err as Error;
  return [
    { where: `${what} message`, text: e.message },
    { where: `${what} stack`, text: e.stack ?? '' },
    { where: `util.inspect(${what})`, text: inspect(e, { depth: 8 }) },
    { where: `JSON.stringify(${what})`, text: JSON.stringify(e) },
  ];
}

describe('Cloud Load Balancers secrets', () => {
  it('keeps the API key, tokens and SSL private key out of the trace, errors and util.inspect', async () => {
    const debugFile = join(dir, 'trace.log');
    const d = new RackspaceLoadBalancerDriver('zed', API_KEY, {
      region: 'DFW',
      identity: sim.identityUrl,
      debugFile,
      retry: false,
      pollIntervalMs: 100,
    });
    try {
      const b = await d.createBalancer({ name: 'tls', port: 80, protocol: 'http' });
      await d.exSetSslTermination(b, {
        securePort: 443,
        certificate: '-----BEGIN CERTIFICATE-----\nMIIBcert\n-----END CERTIFICATE-----\n',
        privatekey: PRIVATE_KEY,
      });
      const token = await demoToken(sim, 'zed', API_KEY);
      // A refused token (retried once), a validation failure, a malformed answer.
      sim.openstack.revokeAllTokens();
      await d.getBalancer(b.id);
      const eBad = await d.exSetSslTermination(b, { securePort: 80, certificate: 'x', privatekey: PRIVATE_KEY }).catch((e: unknown) => e);
      sim.injectFault({
        kind: 'status',
        path: `/lbaas/v1.0/${sim.accountId('zed')}/loadbalancers/${b.id}`,
        status: 200,
        body: `{"loadBalancer":{"sslTermination":{"privatekey":${JSON.stringify(PRIVATE_KEY)}},"apiKey":"${API_KEY}","token":"${token}","na`,
      });
      const eMalformed = await d.getBalancer(b.id).catch((e: unknown) => e);
      expect(eBad).toBeInstanceOf(Error);
      expect(eMalformed).toBeInstanceOf(Error);

      const trace = await readFile(debugFile, 'utf8');
      expect(trace).toContain('/ssltermination');
      const driverTokens = [
        ...new Set(sim.server.requests.map((r) => r.headers['x-auth-token']).filter((t): t is string => typeof t === 'string')),
      ];
      expect(driverTokens.length).toBeGreaterThanOrEqual(2); // the one revoked and its replacement
      const forms = secretForms([API_KEY, PRIVATE_KEY, token, ...driverTokens]);
      const targets: SecretsTarget[] = [
        { where: 'debug trace', text: trace },
        { where: 'util.inspect(driver)', text: inspect(d, { depth: 8, showHidden: true }) },
        { where: 'util.inspect(balancer)', text: inspect(b, { depth: 8, showHidden: true }) },
        ...errorTexts('validation error', eBad),
        ...errorTexts('malformed error', eMalformed),
      ].map((t) => ({ ...t, forms }));
      expect(findLeaks(targets)).toEqual([]);
    } finally {
      d.close();
    }
  });
});
