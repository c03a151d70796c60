import { createHash } from 'node:crypto';
import { semverMaxSatisfying, semverSatisfies } from '../../src/simulator/index.js';
import { call, key, type Sim, startSim, until } from './support.js';

const SERVED = ['7.0.0', '7.1.0', '7.2.0', '7.3.0', '8.0.0', '9.0.0'];

describe('semver range matcher', () => {
  it.each([
    ['~7', '7.3.0'],
    ['~7.2', '7.2.0'],
    ['~8', '8.0.0'],
    ['~9||~8', '9.0.0'],
    ['~8||~7', '8.0.0'],
    ['*', '9.0.0'],
    ['>=7.0.0', '9.0.0'],
    ['>=7.0.0 <8', '7.3.0'],
    ['7.1.0', '7.1.0'],
    ['7', '7.3.0'],
    ['^7.1', '7.3.0'],
    ['7.0.0 - 7.2.0', '7.2.0'],
    ['~7.2.0', '7.2.0'],
    ['<=8', '8.0.0'],
  ])('%s picks %s', (range, want) => {
    expect(semverMaxSatisfying(SERVED, range)).toBe(want);
  });

  it.each([['~5'], ['~6.5'], ['>9.0.0'], ['7.4'], ['not a range'], ['~7 ||| x']])('%s matches nothing served', (range) => {
    expect(semverMaxSatisfying(SERVED, range)).toBeUndefined();
  });

  it('answers satisfies() for single versions', () => {
    expect(semverSatisfies('7.2.0', '~7.2')).toBe(true);
    expect(semverSatisfies('7.3.0', '~7.2')).toBe(false);
    expect(semverSatisfies('6.5.0', '~6.5')).toBe(true);
    expect(semverSatisfies('8.0.0', '^8.0.0 || ~7')).toBe(true);
  });
});

describe('version negotiation and response headers', () => {
  let s: Sim;
  beforeAll(async () => {
    s = await startSim();
  });
  afterAll(() => s.close());

  it('echoes the matched route version and sends the standard headers', async () => {
    const res = await s.api('GET', '/my/packages', undefined, { 'accept-version': '~8' });
    expect(res.status).toBe(200);
    expect(res.headers['api-version']).toBe('8.0.0');
    expect(res.headers['request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['response-time']).toMatch(/^\d+$/);
    expect(res.headers['server']).toMatch(/^cloudapi\/9\./);
    expect(res.headers['content-md5']).toBe(createHash('md5').update(res.text).digest('base64'));
    expect(res.headers['x-api-version']).toBeUndefined();
    const old = await s.api('GET', '/my/packages', undefined, { 'accept-version': '~7.2' });
    expect(old.headers['api-version']).toBe('7.2.0');
    expect(old.headers['x-api-version']).toBe('7.2.0');
    expect(old.headers['x-request-id']).toBe(old.headers['request-id']);
    const latest = await s.api('GET', '/my/packages');
    expect(latest.headers['api-version']).toBe('9.0.0');
  });

  it('answers 400 InvalidVersion for a range no route serves', async () => {
    const res = await s.api('GET', '/my/machines', undefined, { 'accept-version': '~5' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      code: 'InvalidVersion',
      message: 'GET /my/machines supports versions: 6.5.0, 7.0.0, 7.1.0, 7.2.0, 7.3.0, 8.0.0, 9.0.0',
    });
    const images = await s.api('GET', '/my/images', undefined, { 'x-api-version': '~6.5' });
    expect(images.status).toBe(400);
    expect(images.body).toMatchObject({ code: 'InvalidVersion', message: expect.stringContaining('supports versions: 7.0.0') });
    const datasets = await s.api('GET', '/my/datasets', undefined, { 'accept-version': '~8' });
    expect(datasets.status).toBe(400);
  });

  it('answers unknown routes 404 and wrong verbs 405 in CloudAPI format', async () => {
    const nope = await s.api('GET', '/my/volcanoes');
    expect(nope.status).toBe(404);
    expect(nope.body).toEqual({ code: 'ResourceNotFound', message: '/my/volcanoes does not exist' });
    const put = await s.api('PUT', '/my/machines');
    expect(put.status).toBe(405);
    expect(put.body).toMatchObject({ code: 'BadMethod' });
  });

  it('speaks the 6.5 shapes to X-Api-Version: ~6.5 clients', async () => {
    const v65 = { 'x-api-version': '~6.5' };
    const datasets = await s.api('GET', '/my/datasets', undefined, v65);
    expect(datasets.headers['api-version']).toBe('6.5.0');
    const base = (datasets.body as Array<Record<string, unknown>>).find((d) => d['name'] === 'base-64-lts')!;
    expect(base).toMatchObject({ urn: 'sdc:sdc:base-64-lts:23.4.0', type: 'smartmachine', default: true });
    const pkgs = (await s.api('GET', '/my/packages', undefined, v65)).body as Array<Record<string, unknown>>;
    expect(Object.keys(pkgs[0]!).sort()).toEqual(['default', 'disk', 'memory', 'name', 'swap']);
    expect((await s.api('GET', '/my/packages/g4-highcpu-1G', undefined, v65)).body).toMatchObject({ name: 'g4-highcpu-1G', memory: 1024 });

    const created = await s.api('POST', '/my/machines', { name: 'old-school', dataset: base['urn'], package: 'g4-highcpu-128M' }, v65);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'old-school',
      type: 'smartmachine',
      state: 'provisioning',
      dataset: 'sdc:sdc:base-64-lts:23.4.0',
    });
    expect(created.body).not.toHaveProperty('image');
    const id = (created.body as { id: string }).id;
    await until(
      () => s.api('GET', `/my/machines/${id}`, undefined, v65),
      (r) => (r.body as { state: string }).state === 'running',
    );
    const refused = await s.api('DELETE', `/my/machines/${id}`, undefined, v65);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'InvalidState' });
    expect((await s.api('POST', `/my/machines/${id}?action=stop`, undefined, v65)).status).toBe(202);
    await until(
      () => s.api('GET', `/my/machines/${id}`, undefined, v65),
      (r) => (r.body as { state: string }).state === 'stopped',
    );
    expect((await s.api('DELETE', `/my/machines/${id}`, undefined, v65)).status).toBe(204);
    const gone = await until(
      () => s.api('GET', '/my/machines?tombstone=5', undefined, v65),
      (r) => (r.body as Array<{ state: string }>)[0]?.state === 'deleted',
    );
    expect(gone.body).toHaveLength(1);
    expect((await s.api('GET', '/my/machines', undefined, v65)).body).toEqual([]);
  });

  it('reports the 7.x image type and dataset field before 8.0', async () => {
    const images = (await s.api('GET', '/my/images?name=ubuntu-certified-22.04', undefined, { 'accept-version': '~7' })).body as Array<
      Record<string, unknown>
    >;
    expect(images[0]).toMatchObject({ type: 'virtualmachine' });
    const modern = (await s.api('GET', '/my/images?name=ubuntu-certified-22.04')).body as Array<Record<string, unknown>>;
    expect(modern[0]).toMatchObject({ type: 'zvol', os: 'linux' });
  });

  it('accepts Api-Version as a synonym of Accept-Version', async () => {
    const res = await call(s.sim.url, { path: '/demo', headers: { 'api-version': '~7.3' }, sign: { key: key('ed25519') } });
    expect(res.headers['api-version']).toBe('7.3.0');
  });
});
