// The real-server half of the test set-up: which services a run needs, how a service's
// KEY=VALUE lines reach the suites, and what a suite does when its server is not running.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serviceSummary, servicesFor, startService, stopService } from './services.mjs';
import { serviceGate } from './with-service.mjs';

const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'cmx-services-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function script(dir: string, name: string, file: string, body: string): void {
  mkdirSync(path.join(dir, name), { recursive: true });
  const p = path.join(dir, name, file);
  writeFileSync(p, `#!/usr/bin/env bash\n${body}\n`);
  chmodSync(p, 0o755);
}

describe('service gate', () => {
  it('runs a suite whose server npm test started', () => {
    expect(serviceGate('powerdns', { CLOUDMUX_TEST_SERVICES: 'keystone,powerdns' })).toBe('run');
  });
  it('skips it when the server is not running, and fails it under CI=true', () => {
    expect(serviceGate('powerdns', { CLOUDMUX_TEST_SERVICES: 'keystone' })).toBe('skip');
    expect(serviceGate('keystone', { CI: 'true' })).toBe('fail');
  });
  it('refuses an unknown service name, listing the known ones', () => {
    expect(() => serviceGate('mysql' as never, {})).toThrow(
      /unknown test service "mysql"; known: powerdns, keystone, swift, s3rver, azurite/,
    );
  });
});

describe('services a run needs', () => {
  function repo(): string {
    const root = tempDir();
    const write = (rel: string, text: string): void => {
      mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      writeFileSync(path.join(root, rel), text);
    };
    write('packages/a/test/real/pdns.test.ts', "describeWithService('powerdns', 'real', () => {});");
    write('packages/b/test/real/ks.test.ts', 'describeWithService(\n  "keystone", "real", () => {});');
    write('packages/c/test/unit.test.ts', "describe('x', () => {});");
    return root;
  }
  it('is every declared service for a whole run', () => {
    expect(servicesFor([], repo())).toEqual(['powerdns', 'keystone']);
  });
  it('is only those of the selected paths otherwise', () => {
    const root = repo();
    expect(servicesFor(['packages/a', '--runInBand'], root)).toEqual(['powerdns']);
    expect(servicesFor(['packages/c'], root)).toEqual([]);
  });
});

describe('starting and stopping a service', () => {
  it('hands the KEY=VALUE lines start.sh prints to the caller, with its own state dir', () => {
    const scripts = tempDir();
    const state = tempDir();
    script(
      scripts,
      'powerdns',
      'start.sh',
      'echo "[powerdns] starting" >&2\necho "PDNS_API_URL=http://127.0.0.1:1/api/v1"\necho "STATE=$SERVICES_DIR"\necho "CONN=\'A=1;B=2;\'"\necho "not a variable line"',
    );
    const r = startService('powerdns', { PATH: process.env.PATH, CLOUDMUX_TEST_SERVICE_SCRIPTS: scripts, SERVICES_DIR: state });
    expect(r).toMatchObject({ ok: true, vars: { PDNS_API_URL: 'http://127.0.0.1:1/api/v1', STATE: state, CONN: 'A=1;B=2;' } });
  });
  it('reports why a service could not start, and the summary names it and its suites', () => {
    const scripts = tempDir();
    script(scripts, 'keystone', 'start.sh', 'echo "[keystone] ERROR: missing Debian packages: python3-keystone" >&2\nexit 1');
    const r = startService('keystone', { PATH: process.env.PATH, CLOUDMUX_TEST_SERVICE_SCRIPTS: scripts, SERVICES_DIR: tempDir() });
    expect(r.ok).toBe(false);
    const reason = r.ok ? '' : r.reason;
    expect(reason).toContain('missing Debian packages: python3-keystone');
    const summary = serviceSummary([{ name: 'keystone', reason }], { CI: 'true' });
    expect(summary).toMatch(/1 real server\(s\) could not start: the suites below are FAILING \(CI=true\)/);
    expect(summary).toContain('python3-keystone');
  });
  it('says so when a service has no start script, and stopping one without scripts is a no-op', () => {
    const scripts = tempDir();
    expect(startService('powerdns', { CLOUDMUX_TEST_SERVICE_SCRIPTS: scripts })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('start.sh'),
    });
    expect(stopService('powerdns', { CLOUDMUX_TEST_SERVICE_SCRIPTS: scripts })).toBeUndefined();
  });
});
