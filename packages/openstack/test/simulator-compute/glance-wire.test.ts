import { OpenStackSimulator } from '../../src/simulator/index.js';

let sim: OpenStackSimulator;
let token: string;
beforeEach(async () => {
  sim = await OpenStackSimulator.start();
  const res = await fetch(`${sim.authUrl}/v3/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: { methods: ['password'], password: { user: { name: 'demo', domain: { name: 'Default' }, password: 'secret' } } },
        scope: { project: { name: 'demo', domain: { name: 'Default' } } },
      },
    }),
  });
  token = res.headers.get('x-subject-token')!;
});
afterEach(() => sim.stop());

describe('simulated Glance wire protocol', () => {
  it('answers the unversioned root with 300 and a CURRENT v2 version', async () => {
    const res = await fetch(`${sim.url}/image`);
    expect(res.status).toBe(300);
    const body = (await res.json()) as { versions: { id: string; status: string; links: { href: string }[] }[] };
    const current = body.versions.find((v) => v.status === 'CURRENT');
    expect(current?.id).toMatch(/^v2\./);
    expect(current?.links[0]?.href).toBe(`${sim.url}/image/v2/`);
  });

  it('pages with next/first links relative to the service root', async () => {
    const res = await fetch(`${sim.url}/image/v2/images?limit=1`, { headers: { 'x-auth-token': token } });
    const body = (await res.json()) as { images: unknown[]; next?: string; first: string };
    expect(body.images).toHaveLength(1);
    expect(body.first).toBe('/v2/images?limit=1');
    expect(body.next).toMatch(/^\/v2\/images\?limit=1&marker=[0-9a-f-]{36}$/);
    const last = await fetch(`${sim.url}/image${body.next!}`, { headers: { 'x-auth-token': token } });
    const lastBody = (await last.json()) as { images: unknown[]; next?: string };
    expect(lastBody.images).toHaveLength(1);
  });

  it('refuses a patch with the wrong media type (415), answers 404 in webob HTML, and 401 without a token', async () => {
    const id = '7e1b8d2a-5c43-4b8f-9c3e-2a1f0e6d9b01';
    const patch = await fetch(`${sim.url}/image/v2/images/${id}`, {
      method: 'PATCH',
      headers: { 'x-auth-token': token, 'content-type': 'application/json' },
      body: '[]',
    });
    expect(patch.status).toBe(415);
    const missing = await fetch(`${sim.url}/image/v2/images/00000000-0000-4000-8000-000000000000`, { headers: { 'x-auth-token': token } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/text\/html/);
    expect(await missing.text()).toMatch(/No image found with ID 00000000-0000-4000-8000-000000000000/);
    expect((await fetch(`${sim.url}/image/v2/images`)).status).toBe(401);
  });
});
