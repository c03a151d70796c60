import { createPublicKey, verify } from 'node:crypto';
import sshpk from 'sshpk';
import { jsonReply, parseJsonBody, Router, SimulatorServer } from '@cloudmux/core/testing';
import type { SimulatorRequest } from '@cloudmux/core/testing';
import { NodeState } from '@cloudmux/core/compute';
import { JoyentNodeDriver } from '../../src/index.js';
import { testKey } from '../support/keys.js';

// A tiny CloudAPI 6.5 stand-in: datasets instead of images, packages by name, X-Api-Version,
// and the http-signature 0.9 header (`Signature keyId="…",algorithm="…" <sig>` over the bare Date).
const key = testKey('ed25519');
const pub = createPublicKey(sshpk.parseKey(key.publicKey, 'ssh').toString('pem'));
const DATASET = {
  id: '7456f2b0-67ac-11e0-b5ec-832e6cf079d5',
  urn: 'sdc:sdc:smartos:1.3.15',
  name: 'smartos',
  os: 'smartos',
  type: 'smartmachine',
  version: '1.3.15',
  default: true,
  created: '2011-04-15T22:04:12+00:00',
};
const PACKAGE = { name: 'Small 1GB', memory: 1024, disk: 30720, swap: 2048, default: true };
let posted: Record<string, unknown> | undefined;

function authorize(req: SimulatorRequest): void {
  const auth = String(req.headers['authorization'] ?? '');
  const m = /^Signature keyId="([^"]+)",algorithm="([^"]+)" ([A-Za-z0-9+/=]+)$/.exec(auth);
  const ok =
    m !== null &&
    m[1] === `/demo/keys/${key.md5}` &&
    m[2] === 'ed25519-sha512' &&
    verify(null, Buffer.from(String(req.headers['date'])), pub, Buffer.from(m[3]!, 'base64'));
  if (!ok || req.headers['x-api-version'] !== '~6.5' || req.headers['accept-version'] !== undefined) {
    throw Object.assign(new Error('auth'), {
      reply: jsonReply(401, { code: 'InvalidCredentials', message: 'Invalid authorization credentials supplied' }),
    });
  }
}

function guarded(fn: (req: SimulatorRequest, p: Record<string, string>) => ReturnType<typeof jsonReply>) {
  return (req: SimulatorRequest, p: Record<string, string>) => {
    try {
      authorize(req);
    } catch (e) {
      return (e as { reply: ReturnType<typeof jsonReply> }).reply;
    }
    return fn(req, p);
  };
}

let server: SimulatorServer;
let driver: JoyentNodeDriver;
beforeEach(async () => {
  posted = undefined;
  const router = new Router()
    .add(
      'GET',
      '/:login/datasets',
      guarded(() => jsonReply(200, [DATASET])),
    )
    .add(
      'GET',
      '/:login/datasets/:id',
      guarded((_r, p) =>
        p['id'] === DATASET.id ? jsonReply(200, DATASET) : jsonReply(404, { code: 'ResourceNotFound', message: 'no such dataset' }),
      ),
    )
    .add(
      'GET',
      '/:login/packages',
      guarded(() => jsonReply(200, [PACKAGE])),
    )
    .add(
      'GET',
      '/:login/machines',
      guarded(() => jsonReply(200, [], { 'x-query-limit': '1000', 'x-resource-count': '0' })),
    )
    .add(
      'POST',
      '/:login/machines',
      guarded((req) => {
        posted = parseJsonBody(req) as Record<string, unknown>;
        return jsonReply(201, {
          id: 'm1',
          name: posted['name'],
          type: 'smartmachine',
          state: 'provisioning',
          dataset: posted['dataset'],
          memory: 1024,
          disk: 30720,
          ips: [],
          metadata: {},
          created: '2012-01-01T00:00:00Z',
          updated: '2012-01-01T00:00:00Z',
        });
      }),
    );
  server = await SimulatorServer.start(router.handle);
  driver = new JoyentNodeDriver('demo', undefined, {
    url: server.url,
    privateKey: key.privatePem,
    legacy65: true,
    useAgent: false,
    retry: false,
  });
});
afterEach(async () => {
  driver.close();
  await server.close();
});

describe('legacy CloudAPI 6.5 mode', () => {
  it('lists datasets as images and gets one', async () => {
    const [img] = await driver.listImages();
    expect(img).toMatchObject({ id: DATASET.id, name: 'smartos', extra: { urn: DATASET.urn, default: true, type: 'smartmachine' } });
    expect((await driver.getImage(DATASET.id)).name).toBe('smartos');
    expect((await driver.exGetDefaultImage())?.id).toBe(DATASET.id);
  });

  it('creates with the dataset URN and the package name', async () => {
    const [size] = await driver.listSizes();
    const [image] = await driver.listImages();
    expect(size).toMatchObject({ id: 'Small 1GB', name: 'Small 1GB', ramMb: 1024 });
    const node = await driver.createNode({ name: 'old', size: size!, image: image! });
    expect(posted).toMatchObject({ name: 'old', package: 'Small 1GB', dataset: DATASET.urn });
    expect(posted).not.toHaveProperty('image');
    expect(node).toMatchObject({ id: 'm1', state: NodeState.PENDING, imageId: DATASET.id, extra: { dataset: DATASET.urn } });
  });

  it('takes tombstone as minutes only', async () => {
    expect(await driver.listNodes({ ex: { tombstone: 30 } })).toEqual([]);
    await expect(driver.listNodes({ ex: { tombstone: true } })).rejects.toThrow(/minutes/);
  });
});
