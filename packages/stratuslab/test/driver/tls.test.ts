// one-proxy, PDisk and the Marketplace over HTTPS (the real services are HTTPS-only): certificate
// verification is on by default, and the `tls.ca` option makes a private CA work.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProviderError } from '@cloudmux/core/errors';
import { StratusLabNodeDriver } from '../../src/index.js';
import { StratusLabSimulator } from '../../src/simulator/index.js';
import { describeWithTools } from '../../../../scripts/test/with-tools.mjs';

describeWithTools(['openssl'], 'StratusLab over HTTPS', () => {
  let dir: string;
  let cert: string;
  let sim: StratusLabSimulator;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stratuslab-tls-'));
    const keyFile = join(dir, 'key.pem');
    const certFile = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        keyFile,
        '-out',
        certFile,
        '-days',
        '2',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    cert = readFileSync(certFile, 'utf8');
    sim = await StratusLabSimulator.start({ stepMs: 10, tls: { key: readFileSync(keyFile), cert } });
  });
  afterAll(async () => {
    await sim?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const config = (): string => `[default]\n${sim.configSection('default').split('\n').slice(1).join('\n')}`;

  it('refuses the self-signed certificate by default', async () => {
    expect(sim.url).toMatch(/^https:/);
    const d = new StratusLabNodeDriver(undefined, undefined, { config: config(), retry: false });
    try {
      const err = await d.listNodes().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ProviderError);
      expect((err as Error).message).toMatch(/certificate/i);
    } finally {
      d.close();
    }
  });

  it('works with the certificate as a custom CA: nodes, images and volumes', async () => {
    const d = new StratusLabNodeDriver(undefined, undefined, { config: config(), tls: { ca: cert } });
    try {
      const [image] = await d.listImages();
      const node = await d.createNode({ size: 't1.micro', image: image!.id });
      expect(node.id).toBe('default:0');
      expect((await d.listNodes()).map((n) => n.id)).toEqual(['default:0']);
      await d.createVolume({ name: 'v', sizeGb: 1 });
      expect(await d.listVolumes()).toHaveLength(1);
    } finally {
      d.close();
    }
  });
});
