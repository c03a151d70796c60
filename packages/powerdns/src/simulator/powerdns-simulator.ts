import {
  jsonReply,
  Router,
  SimulatorHttpError,
  SimulatorServer,
  textReply,
  type SimulatorReply,
  type SimulatorRequest,
} from '@cloudmux/core/testing';
import { bumpSerial, exportText, rrsetKey, zoneDetail, zoneSummary, type SimRRset, type SimZone } from './model.js';
import { checkCanonical, checkContent, inZone, KNOWN_TYPES, unprocessable } from './validate.js';
import { rrsetsFromZoneText } from './zone-text.js';

/** Options of {@link PowerDnsSimulator.start}. */
export interface PowerDnsSimulatorOptions {
  /** The API key clients must send as `X-API-Key` (default `cloudmux-sim-key`). */
  apiKey?: string | undefined;
  /** Server id (default `localhost`). */
  serverId?: string | undefined;
  /** SOA content of new zones; `@` is the zone name (PowerDNS's `default-soa-content`). */
  defaultSoaContent?: string | undefined;
  /** `SOA-EDIT-API` of new zones (default `DEFAULT`). */
  soaEditApi?: string | undefined;
  /** Clock, for serials (default `new Date()`). */
  now?: (() => Date) | undefined;
}

const plain = (status: number, text: string): SimulatorHttpError => new SimulatorHttpError(textReply(status, text), text);
const NOT_FOUND = (): SimulatorHttpError => plain(404, 'Not Found');

function str(body: Record<string, unknown>, key: string): string {
  const v = body[key];
  if (typeof v !== 'string') throw unprocessable(`Key '${key}' not present or not a String`);
  return v;
}

function bodyOf(req: SimulatorRequest): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(req.body.toString('utf8'));
  } catch {
    throw plain(400, 'Bad Request');
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw plain(400, 'Bad Request');
  return v as Record<string, unknown>;
}

/**
 * A PowerDNS Authoritative HTTP API v1 simulator on loopback: `X-API-Key` checked (401 plain
 * `Unauthorized`), servers/zones/rrsets with the real status codes and bodies (422 JSON
 * `{"error": …}` with PowerDNS's messages for non-canonical and out-of-zone names, bad content,
 * CNAME conflicts, duplicates; plain-text 404 `Not Found`, 409 `Conflict`, 400 `Bad Request`),
 * `PATCH` with `REPLACE`/`DELETE`, `SOA-EDIT-API` serial bumps, zone import (`"zone"`) and export.
 */
export class PowerDnsSimulator {
  /** The HTTP server (request log, fault injection). */
  readonly server: SimulatorServer;
  /** API base URL for the driver's `url` option (`http://127.0.0.1:PORT/api/v1`). */
  readonly url: string;
  /** The accepted API key. */
  readonly apiKey: string;
  /** Server id. */
  readonly serverId: string;
  readonly #zones = new Map<string, SimZone>();
  readonly #options: PowerDnsSimulatorOptions;

  private constructor(server: SimulatorServer, apiKey: string, serverId: string, options: PowerDnsSimulatorOptions) {
    this.server = server;
    this.url = `${server.url}/api/v1`;
    this.apiKey = apiKey;
    this.serverId = serverId;
    this.#options = options;
  }

  /** Starts a simulator on `127.0.0.1:0`. */
  static async start(options: PowerDnsSimulatorOptions = {}): Promise<PowerDnsSimulator> {
    const apiKey = options.apiKey ?? 'cloudmux-sim-key';
    const router = new Router({
      notFound: () => textReply(404, 'Not Found'),
      methodNotAllowed: () => textReply(405, 'Method Not Allowed'),
    });
    const server = await SimulatorServer.start((req) => {
      const key = req.headers['x-api-key'];
      if (key !== apiKey) return textReply(401, 'Unauthorized', undefined, { 'www-authenticate': 'X-API-Key realm="PowerDNS"' });
      return router.handle(req);
    });
    const sim = new PowerDnsSimulator(server, apiKey, options.serverId ?? 'localhost', options);
    sim.#routes(router);
    return sim;
  }

  /** Number of zones held. */
  get zoneCount(): number {
    return this.#zones.size;
  }

  /** Stops the server. */
  close(): Promise<void> {
    return this.server.close();
  }

  #now(): Date {
    return this.#options.now?.() ?? new Date();
  }

  #base(): string {
    return `/api/v1/servers/${this.serverId}`;
  }

  #server(params: Record<string, string>): void {
    if (params.server !== this.serverId) throw NOT_FOUND();
  }

  #zone(params: Record<string, string>): SimZone {
    this.#server(params);
    const id = params.zone ?? '';
    const z = this.#zones.get(id.endsWith('.') ? id.toLowerCase() : `${id.toLowerCase()}.`);
    if (!z) throw NOT_FOUND();
    return z;
  }

  #routes(r: Router): void {
    const info = (): Record<string, unknown> => ({
      config_url: `${this.#base()}/config{/config_setting}`,
      daemon_type: 'authoritative',
      id: this.serverId,
      type: 'Server',
      url: this.#base(),
      version: '4.7.3',
      zones_url: `${this.#base()}/zones{/zone}`,
    });
    r.add('GET', '/api/v1/servers', () => jsonReply(200, [info()]));
    r.add('GET', '/api/v1/servers/:server', (_q, p) => (this.#server(p), jsonReply(200, info())));
    r.add('GET', '/api/v1/servers/:server/zones', (q, p) => {
      this.#server(p);
      const only = q.url.searchParams.get('zone');
      const want = only === null ? undefined : only.endsWith('.') ? only.toLowerCase() : `${only.toLowerCase()}.`;
      return jsonReply(
        200,
        [...this.#zones.values()].filter((z) => want === undefined || z.name === want).map((z) => zoneSummary(z, this.#base())),
      );
    });
    r.add('POST', '/api/v1/servers/:server/zones', (q, p) => (this.#server(p), this.#createZone(bodyOf(q))));
    r.add('GET', '/api/v1/servers/:server/zones/:zone', (q, p) => this.#getZone(this.#zone(p), q));
    r.add('PUT', '/api/v1/servers/:server/zones/:zone', (q, p) => this.#putZone(this.#zone(p), bodyOf(q)));
    r.add('PATCH', '/api/v1/servers/:server/zones/:zone', (q, p) => this.#patchZone(this.#zone(p), bodyOf(q)));
    r.add('DELETE', '/api/v1/servers/:server/zones/:zone', (_q, p) => {
      this.#zones.delete(this.#zone(p).name);
      return { status: 204, body: '' };
    });
    r.add('GET', '/api/v1/servers/:server/zones/:zone/export', (q, p) => {
      const text = exportText(this.#zone(p));
      return String(q.headers.accept ?? '').includes('application/json')
        ? jsonReply(200, { zone: text })
        : textReply(200, text, 'text/plain; charset=us-ascii');
    });
  }

  #getZone(z: SimZone, q: SimulatorRequest): SimulatorReply {
    const params = q.url.searchParams;
    if (params.get('rrsets') === 'false') {
      const { rrsets: _omit, ...rest } = zoneDetail(z, this.#base(), () => false);
      return jsonReply(200, rest);
    }
    const name = params.get('rrset_name')?.toLowerCase();
    // PowerDNS ignores rrset_type without rrset_name.
    const type = name === undefined ? null : params.get('rrset_type');
    return jsonReply(
      200,
      zoneDetail(z, this.#base(), (r) => (name === undefined || r.name === name) && (type === null || r.type === type)),
    );
  }

  #createZone(body: Record<string, unknown>): SimulatorReply {
    const name = checkCanonical(str(body, 'name'));
    const kind = str(body, 'kind');
    if (this.#zones.has(name)) throw plain(409, 'Conflict');
    const masters = Array.isArray(body.masters) ? body.masters.map(String) : [];
    const z: SimZone = {
      id: name,
      name,
      kind: ['Native', 'Master', 'Slave', 'Producer', 'Consumer'].find((k) => k.toLowerCase() === kind.toLowerCase()) ?? 'Native',
      masters,
      account: typeof body.account === 'string' ? body.account : '',
      soaEdit: typeof body.soa_edit === 'string' ? body.soa_edit : '',
      soaEditApi: typeof body.soa_edit_api === 'string' ? body.soa_edit_api : (this.#options.soaEditApi ?? 'DEFAULT'),
      dnssec: body.dnssec === true,
      apiRectify: body.api_rectify === true,
      notifiedSerial: 0,
      editedSerial: 0,
      rrsets: new Map(),
    };
    if (typeof body.zone === 'string') {
      let sets: Map<string, SimRRset>;
      try {
        sets = rrsetsFromZoneText(body.zone, name);
      } catch {
        // PowerDNS 4.7 answers a zone text it cannot parse with a bare 500, after creating the zone.
        this.#zones.set(name, z);
        throw plain(500, 'Internal Server Error');
      }
      z.rrsets = sets;
    } else {
      if (z.kind !== 'Slave' && z.kind !== 'Consumer') {
        const soa = (this.#options.defaultSoaContent ?? 'ns1.@ hostmaster.@ 0 10800 3600 604800 3600').replaceAll('@', name);
        z.rrsets.set(rrsetKey(name, 'SOA'), { name, type: 'SOA', ttl: 3600, records: [{ content: soa, disabled: false }] });
      }
      const ns = Array.isArray(body.nameservers) ? body.nameservers : [];
      if (ns.length > 0)
        z.rrsets.set(rrsetKey(name, 'NS'), {
          name,
          type: 'NS',
          ttl: 3600,
          records: ns.map((n) => ({ content: checkCanonical(String(n)), disabled: false })),
        });
      if (Array.isArray(body.rrsets))
        for (const c of body.rrsets as Record<string, unknown>[]) this.#apply(z, { ...c, changetype: 'REPLACE' });
    }
    bumpSerial(z, this.#now());
    this.#zones.set(name, z);
    return jsonReply(
      201,
      zoneDetail(z, this.#base(), () => true),
      { location: `${this.#base()}/zones/${name}` },
    );
  }

  #putZone(z: SimZone, body: Record<string, unknown>): SimulatorReply {
    if (typeof body.kind === 'string')
      z.kind =
        ['Native', 'Master', 'Slave', 'Producer', 'Consumer'].find((k) => k.toLowerCase() === String(body.kind).toLowerCase()) ?? 'Native';
    if (Array.isArray(body.masters)) z.masters = body.masters.map(String);
    if (typeof body.account === 'string') z.account = body.account;
    if (typeof body.soa_edit === 'string') z.soaEdit = body.soa_edit;
    if (typeof body.soa_edit_api === 'string') z.soaEditApi = body.soa_edit_api;
    if (typeof body.dnssec === 'boolean') z.dnssec = body.dnssec;
    if (typeof body.api_rectify === 'boolean') z.apiRectify = body.api_rectify;
    return { status: 204, body: '' };
  }

  #patchZone(z: SimZone, body: Record<string, unknown>): SimulatorReply {
    if (!Array.isArray(body.rrsets) || body.rrsets.length === 0) throw unprocessable('No rrsets given in update request');
    // All or nothing: changes are applied to a copy that replaces the zone only when every one is valid.
    const copy: SimZone = {
      ...z,
      rrsets: new Map([...z.rrsets].map(([k, v]) => [k, { ...v, records: v.records.map((x) => ({ ...x })) }])),
    };
    const seen = new Set<string>();
    for (const c of body.rrsets as Record<string, unknown>[]) {
      const key = rrsetKey(String(c.name).toLowerCase(), String(c.type));
      if (seen.has(key))
        throw unprocessable(`Duplicate RRset ${String(c.name)} IN ${String(c.type)} with changetype: ${String(c.changetype)}`);
      seen.add(key);
      this.#apply(copy, c);
    }
    bumpSerial(copy, this.#now());
    z.rrsets = copy.rrsets;
    z.editedSerial = copy.editedSerial;
    return { status: 204, body: '' };
  }

  /** Applies one rrset change to `z`, checking it as PowerDNS does. */
  #apply(z: SimZone, c: Record<string, unknown>): void {
    if (typeof c !== 'object' || c === null) throw unprocessable('RRset is not an object');
    const name = checkCanonical(str(c, 'name'));
    const type = str(c, 'type').toUpperCase();
    const changetype = str(c, 'changetype').toUpperCase();
    if (!inZone(name, z.name)) throw unprocessable(`RRset ${name} IN ${type}: Name is out of zone`);
    if (!KNOWN_TYPES.has(type)) throw unprocessable(`RRset ${name} IN ${type}: unknown type given`);
    const key = rrsetKey(name, type);
    if (changetype === 'DELETE') {
      z.rrsets.delete(key);
      return;
    }
    if (changetype !== 'REPLACE') throw unprocessable('Changetype not understood');
    if (!Array.isArray(c.records)) throw unprocessable(`No change for RRset ${name} IN ${type}`);
    if (c.records.length === 0) {
      z.rrsets.delete(key);
      return;
    }
    if (typeof c.ttl !== 'number' || !Number.isInteger(c.ttl)) throw unprocessable("Key 'ttl' not an Integer or not present");
    const records: { content: string; disabled: boolean }[] = [];
    for (const rec of c.records as Record<string, unknown>[]) {
      const content = checkContent(name, type, str(rec, 'content'));
      if (records.some((x) => x.content === content))
        throw unprocessable(`Duplicate record in RRset ${name} IN ${type} with content "${content}"`);
      records.push({ content, disabled: rec.disabled === true });
    }
    if (type === 'CNAME' && records.length > 1) throw unprocessable(`RRset ${name} IN CNAME has more than one record`);
    for (const other of z.rrsets.values()) {
      if (other.name !== name || other.type === type) continue;
      if (type === 'CNAME' || other.type === 'CNAME') throw unprocessable(`RRset ${name} IN ${type}: Conflicts with pre-existing RRset`);
    }
    z.rrsets.set(key, { name, type, ttl: c.ttl, records });
  }
}
