// Pure mappers: OpenNebula states, VM XML → Node, Marketplace RDF/XML → NodeImage, the template.
import { NodeState } from '@cloudmux/core/compute';
import { redactText } from '@cloudmux/core/http';
import { StratusLabNodeDriver } from '../../src/index.js';
import { DEFAULT_INSTANCE_TYPES } from '../../src/compute/instance-types.js';
import { parseMarketplaceMetadata } from '../../src/compute/rdf.js';
import { stateSummary, STATE_SUMMARY_MAP, toNodeState } from '../../src/compute/state-map.js';
import { renderTemplate } from '../../src/compute/template.js';
import { latestEntries, toImage } from '../../src/compute/to-image.js';
import { toNode } from '../../src/compute/to-node.js';
import { parseVm, parseVmPool } from '../../src/compute/vm-xml.js';
import { parseTemplate } from '../../src/simulator/template-parser.js';

const driver = new StratusLabNodeDriver(undefined, undefined, { locations: { lal: { endpoint: 'cloud.example.org' } } });

describe('state map', () => {
  it.each([
    [1, 0, 'pending', NodeState.PENDING],
    [3, 1, 'prolog', NodeState.PENDING],
    [3, 2, 'boot', NodeState.PENDING],
    [3, 3, 'running', NodeState.RUNNING],
    [3, 11, 'epilog', NodeState.STOPPING],
    [3, 12, 'shutdown', NodeState.STOPPING],
    [3, 4, 'migrate', NodeState.PENDING],
    [3, 14, 'failure', NodeState.ERROR],
    [4, 0, 'stopped', NodeState.STOPPED],
    [5, 0, 'suspended', NodeState.SUSPENDED],
    [6, 0, 'done', NodeState.TERMINATED],
    [7, 0, 'failed', NodeState.ERROR],
    [2, 5, 'hold', NodeState.PENDING],
    [3, 99, 'unknown', NodeState.UNKNOWN],
    [42, 0, 'unknown', NodeState.UNKNOWN],
  ])('STATE %i / LCM_STATE %i is %s → %s', (state, lcm, summary, expected) => {
    expect(stateSummary(state, lcm)).toBe(summary);
    expect(toNodeState(state, lcm)).toBe(expected);
  });

  it('is a frozen null-prototype table', () => {
    expect(Object.isFrozen(STATE_SUMMARY_MAP)).toBe(true);
    expect(STATE_SUMMARY_MAP['constructor']).toBeUndefined();
  });
});

const VM = `<VM><ID>42</ID><UID>2</UID><UNAME>alice</UNAME><NAME>web-1</NAME><STATE>3</STATE><LCM_STATE>3</LCM_STATE><STIME>1338552000</STIME>
<TEMPLATE><CPU><![CDATA[1]]></CPU><MEMORY><![CDATA[1536]]></MEMORY>
<DISK><SOURCE><![CDATA[https://marketplace.stratuslab.eu/metadata/BN1EEkPiBx87_uLj2-sdybSI-Xb]]></SOURCE><TARGET>vda</TARGET></DISK>
<DISK><TYPE>swap</TYPE><SIZE>1536</SIZE><TARGET>vdb</TARGET></DISK>
<NIC><IP><![CDATA[134.158.75.10]]></IP><NETWORK>public</NETWORK></NIC><NIC><IP>172.17.16.10</IP><NETWORK>private</NETWORK></NIC></TEMPLATE>
<HISTORY_RECORDS><HISTORY><SEQ>0</SEQ><HOSTNAME>node-01</HOSTNAME></HISTORY><HISTORY><SEQ>1</SEQ><HOSTNAME>node-07</HOSTNAME></HISTORY></HISTORY_RECORDS></VM>`;

describe('VM XML → Node', () => {
  it('maps id (with location), name, state, addresses, size, image, host and creation time', () => {
    const node = toNode(parseVm(VM), 'lal', DEFAULT_INSTANCE_TYPES, driver);
    expect(node.id).toBe('lal:42');
    expect(node.name).toBe('web-1');
    expect(node.state).toBe(NodeState.RUNNING);
    expect(node.publicIps).toEqual(['134.158.75.10']);
    expect(node.privateIps).toEqual(['172.17.16.10']);
    expect(node.sizeId).toBe('m1.small');
    expect(node.imageId).toBe('BN1EEkPiBx87_uLj2-sdybSI-Xb');
    expect(node.locationId).toBe('lal');
    expect(node.created).toEqual(new Date(1338552000 * 1000));
    expect(node.extra).toMatchObject({
      vmId: 42,
      host: 'node-07',
      owner: 'alice',
      cpu: 1,
      ramMb: 1536,
      swapMb: 1536,
      stateSummary: 'running',
    });
  });

  it('reads a pool (empty, one, many) and names unnamed VMs one-<id>', () => {
    expect(parseVmPool('<VM_POOL/>')).toEqual([]);
    expect(parseVmPool(`<VM_POOL>${VM}</VM_POOL>`)).toHaveLength(1);
    const pending = parseVm('<VM><ID>7</ID><NAME></NAME><STATE>1</STATE><LCM_STATE>0</LCM_STATE><TEMPLATE/><HISTORY_RECORDS/></VM>');
    const node = toNode(pending, 'lal', DEFAULT_INSTANCE_TYPES, driver);
    expect(node.name).toBe('one-7');
    expect(node.extra.host).toBeUndefined();
    expect(node.sizeId).toBeUndefined();
    expect(() => parseVmPool('<NOT_A_POOL/>')).toThrow();
  });
});

const RDF = `<?xml version="1.0" encoding="UTF-8"?>
<metadata>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcterms="http://purl.org/dc/terms/"
  xmlns:slterms="http://mp.stratuslab.eu/slterms#" xmlns:slreq="http://mp.stratuslab.eu/slreq#" xml:base="http://mp.stratuslab.eu/">
 <rdf:Description rdf:about="#MMZu9WvwKIro-rtBQfDk4PsKO7_">
  <dcterms:identifier>MMZu9WvwKIro-rtBQfDk4PsKO7_</dcterms:identifier>
  <slreq:bytes>100</slreq:bytes>
  <slreq:checksum rdf:parseType="Resource"><slreq:algorithm>MD5</slreq:algorithm><slreq:value>ec434ef8a756cf4787e39247abcc8382</slreq:value></slreq:checksum>
  <slreq:checksum rdf:parseType="Resource"><slreq:algorithm>SHA-1</slreq:algorithm><slreq:value>c319bbd5afc0a22ba3eaed0507c39383ec28eeff</slreq:value></slreq:checksum>
  <slreq:endorsement rdf:parseType="Resource"><dcterms:created>2011-01-24T09:59:42Z</dcterms:created>
   <slreq:endorser rdf:parseType="Resource"><slreq:email>jane@example.org</slreq:email></slreq:endorser></slreq:endorsement>
  <dcterms:description>   A very long description of a Scientific Linux image for tests</dcterms:description>
  <slterms:os>ScientificLinux</slterms:os><slterms:os-version>6.2</slterms:os-version><slterms:os-arch>x86_64</slterms:os-arch>
  <slterms:version>1.0</slterms:version><slterms:kind>machine</slterms:kind><slterms:disks-bus>virtio</slterms:disks-bus>
  <slterms:location>http://example.org/sl.img.gz</slterms:location>
 </rdf:Description>
</rdf:RDF>
<r:RDF xmlns:r="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/terms/" xmlns:x="http://mp.stratuslab.eu/slterms#">
 <r:Description><dc:identifier>MMZu9WvwKIro-rtBQfDk4PsKO7_</dc:identifier><dc:title>newer</dc:title>
  <slreq:endorsement xmlns:slreq="http://mp.stratuslab.eu/slreq#" r:parseType="Resource"><dc:created>2012-01-01T00:00:00Z</dc:created></slreq:endorsement>
 </r:Description>
</r:RDF>
<rdf:RDF xmlns:rdf="http://example.org/not-rdf#"><rdf:Description><dcterms:identifier xmlns:dcterms="http://purl.org/dc/terms/">IGNORED</dcterms:identifier></rdf:Description></rdf:RDF>
</metadata>`;

describe('Marketplace RDF/XML → NodeImage', () => {
  it('reads entries by namespace URI (any prefix), and ignores elements of other namespaces', () => {
    const entries = parseMarketplaceMetadata(RDF);
    expect(entries.map((e) => e.identifier)).toEqual(['MMZu9WvwKIro-rtBQfDk4PsKO7_', 'MMZu9WvwKIro-rtBQfDk4PsKO7_']);
    expect(entries[0]!.about).toBe('#MMZu9WvwKIro-rtBQfDk4PsKO7_');
  });

  it('maps checksums, OS, version, endpoint; the name falls back to the trimmed description', () => {
    const [entry] = parseMarketplaceMetadata(RDF);
    const image = toImage(entry!, 'https://mp.example.org/metadata/MMZu9WvwKIro-rtBQfDk4PsKO7_', driver);
    expect(image.id).toBe('MMZu9WvwKIro-rtBQfDk4PsKO7_');
    expect(image.name).toBe('A very long description of a S');
    expect(image.extra).toMatchObject({
      os: 'ScientificLinux',
      osVersion: '6.2',
      osArch: 'x86_64',
      version: '1.0',
      kind: 'machine',
      disksBus: 'virtio',
      bytes: 100,
      checksums: { MD5: 'ec434ef8a756cf4787e39247abcc8382', 'SHA-1': 'c319bbd5afc0a22ba3eaed0507c39383ec28eeff' },
      locations: ['http://example.org/sl.img.gz'],
      endorser: 'jane@example.org',
      endpoint: 'https://mp.example.org/metadata/MMZu9WvwKIro-rtBQfDk4PsKO7_',
    });
  });

  it('keeps the newest endorsement of an image id', () => {
    const latest = latestEntries(parseMarketplaceMetadata(RDF));
    expect(latest).toHaveLength(1);
    expect(latest[0]!.terms.get('http://purl.org/dc/terms/title')).toBe('newer');
  });

  it('refuses DOCTYPEs', () => {
    expect(() => parseMarketplaceMetadata('<!DOCTYPE metadata [<!ENTITY x "y">]><metadata/>')).toThrow(/DOCTYPE/);
  });
});

describe('template', () => {
  const base = {
    name: 'web-1',
    size: DEFAULT_INSTANCE_TYPES[1]!,
    imageUrl: 'https://mp.example.org/metadata/MMZu9WvwKIro-rtBQfDk4PsKO7_',
    diskBus: 'virtio' as const,
    network: 'public',
    publicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA user@host',
    context: { WEB_PORT: '8080' },
    persistentDisks: ['pdisk:pdisk.example.org:8445/7f0c1c2a-0000-4000-8000-000000000001'],
  };

  it('renders what schema.one documents, and parses back', () => {
    const text = renderTemplate(base);
    const t = parseTemplate(text);
    expect(t.single.get('NAME')).toBe('web-1');
    expect(t.single.get('CPU')).toBe('1');
    expect(t.single.get('VCPU')).toBe('1');
    expect(t.single.get('MEMORY')).toBe('1536');
    expect(t.single.get('RANK')).toBe('- RUNNING_VMS');
    const disks = t.vectors.filter((v) => v.name === 'DISK').map((v) => Object.fromEntries(v.values));
    expect(disks[0]).toEqual({ SOURCE: base.imageUrl, TARGET: 'vda', SAVE: 'no', READONLY: 'no', DRIVER: 'raw' });
    expect(disks[1]).toEqual({ TYPE: 'swap', SIZE: '1536', TARGET: 'vdb' });
    expect(disks[2]).toEqual({ SOURCE: base.persistentDisks[0], TYPE: 'block', TARGET: 'vdc' });
    expect(Object.fromEntries(t.vectors.find((v) => v.name === 'NIC')!.values)).toEqual({ NETWORK_UNAME: 'oneadmin', NETWORK: 'public' });
    expect(Object.fromEntries(t.vectors.find((v) => v.name === 'CONTEXT')!.values)).toEqual({
      PUBLIC_KEY: base.publicKey,
      WEB_PORT: '8080',
      TARGET: 'hdd',
    });
  });

  it("writes context entries so that core's trace redaction hides password-like variables", () => {
    const text = renderTemplate({ ...base, context: { DB_PASSWORD: 'db-s3cr3t-1234', WEB_PORT: '8080' } });
    expect(text).toContain('DB_PASSWORD="db-s3cr3t-1234"');
    const redacted = redactText(text);
    expect(redacted).not.toContain('db-s3cr3t-1234');
    expect(redacted).toContain('WEB_PORT="8080"');
  });

  it('uses the disk bus prefix and refuses values that would break the syntax', () => {
    expect(renderTemplate({ ...base, diskBus: 'scsi' })).toMatch(/TARGET="sda"/);
    expect(() => renderTemplate({ ...base, context: { X: 'a"b' } })).toThrow(/must not contain/);
    expect(() => renderTemplate({ ...base, context: { lower: 'x' } })).toThrow(/invalid key/);
    expect(() => renderTemplate({ ...base, publicKey: 'ssh-rsa AAA\nCONTEXT = [' })).toThrow(/control characters/);
  });
});
