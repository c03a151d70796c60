import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from '@cloudmux/core/http';
import { SimulatorServer, Router, jsonReply } from '@cloudmux/core/testing';
import { ProviderError } from '@cloudmux/core/errors';
import { describeWithTools } from '../../../../scripts/test/with-tools.mjs';

describeWithTools(['openssl'], 'TLS verification', () => {
  let dir: string;
  let cert: string;
  let sim: SimulatorServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cloudmux-tls-'));
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
    sim = await SimulatorServer.start(new Router().add('GET', '/ping', () => jsonReply(200, { pong: true })).handle, {
      tls: { key: readFileSync(keyFile), cert },
    });
  });

  afterAll(async () => {
    await sim?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves HTTPS from the simulator', () => {
    expect(sim.url).toBe(`https://127.0.0.1:${sim.port}`);
  });

  it('refuses a self-signed certificate by default, without retrying', async () => {
    let attempts = 0;
    const conn = new Connection({ provider: 'acme', baseUrl: sim.url, signer: () => void (attempts += 1) });
    try {
      const err = await conn.request({ method: 'GET', path: '/ping' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ProviderError);
      expect((err as ProviderError).message).toContain('TLS certificate verification failed');
      expect((err as ProviderError).retryable).toBe(false);
      expect(attempts).toBe(1);
      expect(sim.requests).toHaveLength(0);
    } finally {
      conn.close();
    }
  });

  it('accepts the server with its certificate as a custom CA', async () => {
    const conn = new Connection({ provider: 'acme', baseUrl: sim.url, tls: { ca: cert } });
    try {
      expect((await conn.request({ method: 'GET', path: '/ping' })).body).toEqual({ pong: true });
    } finally {
      conn.close();
    }
  });

  it('accepts it with an explicit rejectUnauthorized: false, and only then', async () => {
    const off = new Connection({ provider: 'acme', baseUrl: sim.url, tls: { rejectUnauthorized: false } });
    const on = new Connection({ provider: 'acme', baseUrl: sim.url, tls: { rejectUnauthorized: true } });
    try {
      expect((await off.request({ method: 'GET', path: '/ping' })).status).toBe(200);
      await expect(on.request({ method: 'GET', path: '/ping' })).rejects.toBeInstanceOf(ProviderError);
    } finally {
      off.close();
      on.close();
    }
  });
});
