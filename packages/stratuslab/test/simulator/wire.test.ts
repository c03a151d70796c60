// The simulator on the wire, without the driver: one-proxy auth and XML-RPC (results, faults, the
// VM lifecycle over time), Marketplace RDF/XML, PDisk JSON, and loud 404s for unknown routes.
import { decodeResponse, encodeCall, type XmlRpcInput, type XmlRpcValue } from '../../src/xmlrpc/codec.js';
import { marketplaceId, StratusLabSimulator } from '../../src/simulator/index.js';

const AUTH = `Basic ${Buffer.from('alice:alice-password').toString('base64')}`;

describe('StratusLab simulator wire protocol', () => {
  let sim: StratusLabSimulator;
  beforeEach(async () => {
    // Each state lasts 150 ms: long enough that the first poll after allocate still sees PENDING on a
    // loaded CI machine (30 ms was not), short enough to reach RUNNING well inside the 3 s deadline.
    sim = await StratusLabSimulator.start({ stepMs: 150 });
  });
  afterEach(() => sim.close());

  async function rpc(
    method: string,
    params: readonly XmlRpcInput[],
    auth = AUTH,
  ): Promise<{ status: number; value?: XmlRpcValue; fault?: string }> {
    const res = await fetch(`${sim.url}/pswd/xmlrpc`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml', authorization: auth },
      body: encodeCall(method, ['ignored:session', ...params]),
    });
    const text = await res.text();
    if (res.status !== 200) return { status: res.status };
    const r = decodeResponse(text);
    return r.kind === 'fault' ? { status: 200, fault: `${r.faultCode} ${r.faultString}` } : { status: 200, value: r.value };
  }

  const template = (name: string): string =>
    `NAME = "${name}"\nCPU = 1\nMEMORY = 512\nDISK = [ SOURCE = "${sim.url}/metadata/${sim.state.images[0]!.id}", TARGET = "vda" ]\nNIC = [ NETWORK = "public" ]\nCONTEXT = [ PUBLIC_KEY = "ssh-ed25519 AAAA k", TARGET = "hdd" ]\n`;

  it('answers 401 with a Basic challenge without credentials or with a wrong password', async () => {
    expect((await rpc('one.vmpool.info', [-3, -1, -1, -1], '')).status).toBe(401);
    const res = await fetch(`${sim.url}/pswd/xmlrpc`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('alice:nope').toString('base64')}` },
      body: '',
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Basic realm="StratusLab"');
  });

  it('answers XML-RPC faults for unknown methods, wrong parameters and malformed calls', async () => {
    expect((await rpc('one.vm.migrate', [1])).fault).toBe("-506 Method 'one.vm.migrate' not defined");
    expect((await rpc('one.vm.info', ['7'])).fault).toMatch(/^-501 Type mismatch/);
    expect((await rpc('one.vm.info', [])).fault).toMatch(/^-501 Wrong number of parameters/);
    const res = await fetch(`${sim.url}/pswd/xmlrpc`, { method: 'POST', headers: { authorization: AUTH }, body: '<methodCall>' });
    const r = decodeResponse(await res.text());
    expect(r.kind === 'fault' && r.faultCode).toBe(-503);
  });

  it('allocates, moves pending → prolog → boot → running over time, and finalizes to done', async () => {
    const alloc = await rpc('one.vm.allocate', [template('t1')]);
    expect(alloc.value).toEqual([true, 0, 0]);
    const seen: string[] = [];
    const deadline = Date.now() + 3000;
    for (;;) {
      const info = (await rpc('one.vm.info', [0])).value as [boolean, string, number];
      const s = /<STATE>(\d+)<\/STATE><LCM_STATE>(\d+)<\/LCM_STATE>/.exec(info[1])!;
      const key = `${s[1]}/${s[2]}`;
      if (seen.at(-1) !== key) seen.push(key);
      if (key === '3/3' || Date.now() > deadline) {
        expect(info[1]).toContain('<HOSTNAME>');
        expect(info[1]).toMatch(/<UNAME>alice<\/UNAME>/);
        expect(info[1]).toMatch(/<IP><!\[CDATA\[10\.1\./);
        break;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(seen[0]).toBe('1/0');
    expect(seen.at(-1)).toBe('3/3');
    expect(seen.every((k) => ['1/0', '3/1', '3/2', '3/3'].includes(k))).toBe(true);
    expect(((await rpc('one.vmpool.info', [-3, -1, -1, -1])).value as [boolean, string])[1]).toContain('<ID>0</ID>');
    expect((await rpc('one.vm.action', ['finalize', 0])).value).toEqual([true, 0, 0]);
    expect(((await rpc('one.vmpool.info', [-3, -1, -1, -1])).value as [boolean, string])[1]).toBe('<VM_POOL></VM_POOL>');
    expect(((await rpc('one.vm.info', [0])).value as [boolean, string])[1]).toMatch(/<STATE>6<\/STATE>/);
    expect(((await rpc('one.vm.action', ['finalize', 0])).value as unknown[])[2]).toBe(0x0800);
  });

  it('answers OpenNebula errors as [false, message, code]', async () => {
    expect((await rpc('one.vm.info', [41])).value).toEqual([false, '[VirtualMachineInfo] Error getting virtual machine [41].', 0x0400]);
    expect(((await rpc('one.vm.allocate', ['CPU = 1\nDISK = [ SOURCE = "x" ]'])).value as unknown[])[0]).toBe(false);
    expect(((await rpc('one.vm.allocate', ['NAME = "x\nMEMORY = 1'])).value as unknown[])[2]).toBe(0x1000);
    const bad = (await rpc('one.vm.allocate', [template('t').replace(sim.state.images[0]!.id, 'A'.repeat(27))])).value as unknown[];
    expect(bad[1]).toMatch(/Cannot resolve image/);
    expect(((await rpc('one.vm.action', ['shutdown', 99])).value as unknown[])[2]).toBe(0x0400);
  });

  it('serves Marketplace entries as RDF/XML, one id or all; unknown ids are 404', async () => {
    const all = await fetch(`${sim.url}/metadata`);
    expect(all.headers.get('content-type')).toMatch(/^application\/xml/);
    const text = await all.text();
    expect(text.match(/<rdf:RDF /g)).toHaveLength(3);
    expect(text).toContain('xmlns:slreq="http://mp.stratuslab.eu/slreq#"');
    const id = sim.state.images[1]!.id;
    expect(id).toBe(marketplaceId('ubuntu-10.04-x86_64-base-1.2\n'));
    expect((await (await fetch(`${sim.url}/metadata/${id}`)).text()).match(/<dcterms:identifier>/g)).toHaveLength(1);
    expect((await fetch(`${sim.url}/metadata/${'B'.repeat(27)}`)).status).toBe(404);
  });

  it('serves PDisk with string-valued JSON, form bodies, with and without trailing slashes', async () => {
    const headers = { authorization: AUTH, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' };
    expect((await fetch(`${sim.url}/pswd/disks/`)).status).toBe(401);
    expect((await fetch(`${sim.url}/pswd/disks/`, { method: 'POST', headers, body: 'size=0&tag=x' })).status).toBe(400);
    const created = await fetch(`${sim.url}/pswd/disks/`, { method: 'POST', headers, body: 'size=5&tag=data&visibility=private' });
    expect(created.status).toBe(201);
    const { uuid } = (await created.json()) as { uuid: string };
    expect(await (await fetch(`${sim.url}/pswd/disks`, { headers })).json()).toEqual([
      { uuid, tag: 'data', count: '0', owner: 'alice', identifier: '', size: '5' },
    ]);
    expect((await fetch(`${sim.url}/pswd/disks/${uuid}/mounts/`, { method: 'POST', headers, body: 'node=node-01' })).status).toBe(400);
    expect((await fetch(`${sim.url}/pswd/disks/${uuid}/mounts/`, { method: 'POST', headers, body: 'node=node-01&vm_id=3' })).status).toBe(
      200,
    );
    expect(await (await fetch(`${sim.url}/pswd/disks/${uuid}/mounts`, { headers })).json()).toEqual([{ vmId: '3', device: 'vdc' }]);
    expect((await fetch(`${sim.url}/pswd/disks/${uuid}/`, { method: 'DELETE', headers })).status).toBe(409);
    expect((await fetch(`${sim.url}/pswd/disks/${uuid}/mounts/${uuid}_3`, { method: 'DELETE', headers })).status).toBe(200);
    expect(await (await fetch(`${sim.url}/pswd/disks/${uuid}/`, { method: 'DELETE', headers })).json()).toEqual({ uuid });
  });

  it('answers a loud 404 for unknown routes', async () => {
    expect((await fetch(`${sim.url}/cert/xmlrpc`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${sim.url}/RPC2`, { method: 'POST' })).status).toBe(404);
  });
});
