// Credentials and errors: HTTP Basic on one-proxy and PDisk, OpenNebula error codes, malformed
// answers, and no password in util.inspect, errors, the debug trace or any request body.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { AlreadyExistsError, BadRequestError, InvalidCredentialsError, MalformedResponseError } from '@cloudmux/core/errors';
import { StratusLabNodeDriver } from '../../src/index.js';
import { StratusLabSimulator } from '../../src/simulator/index.js';

const PASSWORD = 'pw-s3cr3t-4242';

describe('credentials and errors', () => {
  let sim: StratusLabSimulator;
  let dir: string;
  const drivers: StratusLabNodeDriver[] = [];
  const driver = (password = PASSWORD, extra: object = {}): StratusLabNodeDriver => {
    const d = new StratusLabNodeDriver('carol', password, {
      locations: { lal: { endpoint: sim.endpoint, pdiskEndpoint: sim.url, marketplaceEndpoint: sim.url } },
      retry: false,
      ...extra,
    });
    drivers.push(d);
    return d;
  };
  beforeEach(async () => {
    sim = await StratusLabSimulator.start({
      stepMs: 10,
      users: [
        { username: 'carol', password: PASSWORD },
        { username: 'dave', password: 'dave-pw' },
      ],
    });
    dir = mkdtempSync(join(tmpdir(), 'stratuslab-trace-'));
  });
  afterEach(async () => {
    for (const d of drivers.splice(0)) d.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends HTTP Basic to one-proxy (pswd context) and the session string without the password', async () => {
    const trace = join(dir, 'trace.log');
    const d = driver(PASSWORD, { debugFile: trace });
    await d.listNodes();
    await d.listVolumes();
    const xmlrpc = sim.server.requests.find((r) => r.path === '/pswd/xmlrpc')!;
    expect(xmlrpc.headers.authorization).toBe(`Basic ${Buffer.from(`carol:${PASSWORD}`).toString('base64')}`);
    expect(xmlrpc.headers['content-type']).toBe('text/xml');
    expect(sim.server.requests.find((r) => r.path === '/pswd/disks/')?.headers.authorization).toMatch(/^Basic /);
    const text = readFileSync(trace, 'utf8');
    expect(text).toContain('one.vmpool.info');
    expect(text).toContain('carol:-');
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(Buffer.from(`carol:${PASSWORD}`).toString('base64'));
  });

  it('maps a wrong password (HTTP 401 from one-proxy and PDisk) to InvalidCredentialsError, without the password', async () => {
    const d = driver('wrong-password');
    const err = await d.listNodes().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidCredentialsError);
    expect((err as Error).message).not.toContain('wrong-password');
    await expect(d.listVolumes()).rejects.toBeInstanceOf(InvalidCredentialsError);
  });

  it("maps OpenNebula AUTHORIZATION (0x0200) on another user's VM to InvalidCredentialsError", async () => {
    const other = new StratusLabNodeDriver('dave', 'dave-pw', {
      locations: { lal: { endpoint: sim.endpoint, pdiskEndpoint: sim.url, marketplaceEndpoint: sim.url } },
    });
    drivers.push(other);
    const image = (await other.listImages())[0]!.id;
    const node = await other.createNode({ size: 't1.micro', image });
    const err = await driver()
      .getNode(node.id)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidCredentialsError);
    expect((err as InvalidCredentialsError).providerCode).toBe('0x0200');
    expect(await driver().listNodes()).toEqual([]);
  });

  it('turns an unreadable answer into MalformedResponseError', async () => {
    sim.server.injectFault({ kind: 'status', status: 200, path: '/pswd/xmlrpc', body: '<methodResponse><params>' });
    await expect(driver().listNodes()).rejects.toBeInstanceOf(MalformedResponseError);
    sim.server.injectFault({ kind: 'status', status: 200, path: '/metadata', body: '<metadata><rdf:RDF' });
    await expect(driver().listImages()).rejects.toBeInstanceOf(MalformedResponseError);
  });

  it('maps PDisk refusals: size out of range (local check), mount twice (403), delete in use (409)', async () => {
    const d = driver();
    await expect(d.createVolume({ name: 'big', sizeGb: 2000 })).rejects.toThrow(/1 to 1024/);
    const image = (await d.listImages())[0]!.id;
    const node = await d.createNode({ size: 't1.micro', image });
    const vol = await d.createVolume({ name: 'data', sizeGb: 3 });
    await d.waitUntilRunning([node], { pollIntervalMs: 100, timeoutMs: 5000, requireIp: false });
    await d.attachVolume(vol, { node });
    const listed = (await d.listVolumes()).find((v) => v.id === vol.id)!;
    expect([listed.state, listed.attachedTo, listed.sizeGb, listed.name]).toEqual(['inuse', node.id, 3, 'data']);
    expect(sim.server.requests.some((r) => r.method === 'POST' && r.path === `/pswd/disks/${vol.extra.uuid}/mounts/`)).toBe(true);
    await expect(d.attachVolume(vol, { node })).rejects.toBeInstanceOf(AlreadyExistsError);
    await expect(d.destroyVolume(vol)).rejects.toBeInstanceOf(BadRequestError);
    expect(await d.detachVolume(vol)).toBe(true);
    expect(
      sim.server.requests.some((r) => r.method === 'DELETE' && r.path === `/pswd/disks/${vol.extra.uuid}/mounts/${vol.extra.uuid}_0`),
    ).toBe(true);
    await expect(d.detachVolume(vol)).rejects.toThrow(/not attached/);
    expect(await d.destroyVolume(vol)).toBe(true);
  });

  it('refuses to attach a volume to a node that has no host yet (pending)', async () => {
    const slow = await StratusLabSimulator.start({ stepMs: 60_000, users: [{ username: 'carol', password: PASSWORD }] });
    try {
      const d = new StratusLabNodeDriver('carol', PASSWORD, {
        locations: { lal: { endpoint: slow.endpoint, pdiskEndpoint: slow.url, marketplaceEndpoint: slow.url } },
      });
      drivers.push(d);
      const node = await d.createNode({ size: 't1.micro', image: (await d.listImages())[0]!.id });
      const vol = await d.createVolume({ name: 'early', sizeGb: 1 });
      await expect(d.attachVolume(vol, { node })).rejects.toThrow(/not deployed on a host yet/);
    } finally {
      await slow.close();
    }
  });

  it('attaches volumes at boot through the template (pdisk: sources)', async () => {
    const d = driver();
    const vol = await d.createVolume({ name: 'boot-data', sizeGb: 1 });
    const image = (await d.listImages())[0]!.id;
    const node = await d.createNode({ size: 't1.micro', image, ex: { volumes: [vol.id] } });
    const disk = sim.state.vms[0]!.template.vectors.filter((v) => v.name === 'DISK')[2]!;
    expect(disk.values.get('SOURCE')).toBe(`pdisk:${new URL(sim.url).host}/${vol.extra.uuid}`);
    expect((await d.listVolumes()).find((v) => v.id === vol.id)?.attachedTo).toBe(node.id);
    await node.destroy();
    expect((await d.listVolumes()).find((v) => v.id === vol.id)?.state).toBe('available');
  });

  it('keeps the password out of util.inspect and JSON of the driver and its results', async () => {
    const d = driver();
    const image = (await d.listImages())[0]!;
    const node = await d.createNode({ size: 't1.micro', image: image.id });
    const locations = await d.listLocations();
    for (const v of [d, node, image, locations]) {
      expect(inspect(v, { depth: 10, showHidden: true })).not.toContain(PASSWORD);
      expect(JSON.stringify(v)).not.toContain(PASSWORD);
    }
  });

  it("puts the cloud's user_public_key_file in the context when createNode gets no auth", async () => {
    const keyFile = join(dir, 'id_ed25519.pub');
    writeFileSync(keyFile, 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFromFile carol@host\n');
    const d = new StratusLabNodeDriver(undefined, undefined, {
      config: `[default]\nselected_section = lal\nuser_public_key_file = ${keyFile}\n[lal]\nendpoint = ${sim.endpoint}\npdisk_endpoint = ${sim.url}\nmarketplace_endpoint = ${sim.url}\nusername = carol\npassword = ${PASSWORD}\n`,
    });
    drivers.push(d);
    await d.createNode({ size: 't1.micro', image: (await d.listImages())[0]!.id });
    const context = sim.state.vms[0]!.template.vectors.find((v) => v.name === 'CONTEXT')!.values;
    expect(context.get('PUBLIC_KEY')).toBe('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFromFile carol@host');
  });

  it('refuses unknown constructor options and an unreadable configuration file', () => {
    expect(() => new StratusLabNodeDriver(undefined, undefined, { colour: 'blue' } as object)).toThrow(/unknown option "colour"/);
    expect(() => new StratusLabNodeDriver(undefined, undefined, { configFile: join(dir, 'missing.cfg') })).toThrow(
      /cannot be read \(ENOENT\)/,
    );
  });
});
