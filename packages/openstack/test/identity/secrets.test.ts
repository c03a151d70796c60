import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { findLeaks, secretForms, type SecretsTarget } from '@cloudmux/test-kit';
import { ServiceClient } from '../../src/common/service-client.js';
import { IdentitySession } from '../../src/identity/session.js';
import type { OpenStackSimulator } from '../../src/simulator/index.js';
import { startSim } from './sim-support.js';

const PASSWORD = 'Pa55-word-7Qx91Lm';
let sim: OpenStackSimulator;
let dir: string;
beforeEach(async () => {
  sim = await startSim({ users: [{ name: 'zed', password: PASSWORD, projects: ['zp'] }] });
  dir = await mkdtemp(join(tmpdir(), 'cmx-os-secrets-'));
});
afterEach(async () => {
  await sim.stop();
  await rm(dir, { recursive: true, force: true });
});

function errorTexts(what: string, err: unknown): Array<{ where: string; text: string }> {
  const e = err as Error;
  return [
    { where: `${what} message`, text: e.message },
    { where: `${what} stack`, text: e.stack ?? '' },
    { where: `util.inspect(${what})`, text: inspect(e, { depth: 8 }) },
    { where: `JSON.stringify(${what})`, text: JSON.stringify(e) },
  ];
}

describe('secrets', () => {
  it('keeps passwords, tokens and application credential secrets out of traces, errors and util.inspect', async () => {
    const debugFile = join(dir, 'trace.log');
    const session = new IdentitySession({
      authUrl: sim.authUrl,
      credentials: { type: 'v3password', username: 'zed', userDomainName: 'Default', password: PASSWORD },
      scope: { projectName: 'zp', projectDomainName: 'Default' },
      connection: { debugFile, retry: false },
    });
    const identity = new ServiceClient(session, { provider: 'openstack', selector: { type: 'identity' } });
    const token = await session.token();
    const userId = (await session.access()).userId!;
    const created = await identity.request<{ application_credential: { id: string; secret: string } }>({
      method: 'POST',
      path: `/users/${userId}/application_credentials`,
      json: { application_credential: { name: 'leak-check', secret: 'AppCred-Secret-9z8y7x' } },
    });
    const acSession = new IdentitySession({
      authUrl: sim.authUrl,
      credentials: { type: 'v3applicationcredential', id: created.body.application_credential.id, secret: 'AppCred-Secret-9z8y7x' },
      connection: { debugFile },
    });
    const acToken = await acSession.token();

    // Error paths: a refused token (401 retried once), a wrong password, a malformed answer.
    sim.revokeAllTokens();
    sim.injectFault({ kind: 'status', path: '/identity/v3/auth/catalog', status: 401, times: 2, body: 'Authentication required' });
    const e401 = await identity.request({ method: 'GET', path: '/auth/catalog' }).catch((e: unknown) => e);
    const wrong = new IdentitySession({
      authUrl: sim.authUrl,
      credentials: { type: 'v3password', username: 'zed', userDomainName: 'Default', password: `${PASSWORD}-nope` },
      connection: { debugFile, retry: false },
    });
    const eWrong = await wrong.token().catch((e: unknown) => e);
    sim.injectFault({
      kind: 'status',
      path: '/identity/v3/auth/tokens',
      status: 201,
      body: `{"token": {"password": "${PASSWORD}", "id": "${token}"`,
    });
    const eMalformed = await new IdentitySession({
      authUrl: sim.authUrl,
      credentials: { type: 'v3password', username: 'zed', userDomainName: 'Default', password: PASSWORD },
      connection: { debugFile, retry: false },
    })
      .token()
      .catch((e: unknown) => e);
    expect(e401).toBeInstanceOf(Error);
    expect(eWrong).toBeInstanceOf(Error);
    expect(eMalformed).toBeInstanceOf(Error);

    const trace = await readFile(debugFile, 'utf8');
    expect(trace).toContain('POST');
    expect(trace).toContain('/auth/tokens');
    const forms = secretForms([PASSWORD, token, acToken, 'AppCred-Secret-9z8y7x']);
    const texts = [
      { where: 'debug trace', text: trace },
      { where: 'util.inspect(session)', text: inspect(session, { depth: 8, showHidden: true }) },
      { where: 'util.inspect(client)', text: inspect(identity, { depth: 8, showHidden: true }) },
      { where: 'util.inspect(acSession)', text: inspect(acSession, { depth: 8, showHidden: true }) },
      { where: 'JSON.stringify(session)', text: JSON.stringify(session) },
      ...errorTexts('401 error', e401),
      ...errorTexts('wrong-password error', eWrong),
      ...errorTexts('malformed error', eMalformed),
    ];
    const targets: SecretsTarget[] = texts.map((t) => ({ ...t, forms }));
    expect(findLeaks(targets)).toEqual([]);
  });
});
