import { XMLParser } from 'fast-xml-parser';
import { signRequestV4, type AwsCredentials } from '../../src/signing/sigv4.js';
import { DEFAULT_CREDENTIALS, Ec2Simulator, type Ec2SimulatorOptions } from '../../src/simulator/index.js';

/** A parsed XML element (EC2 `item` lists are always arrays). */
export type Xml = { [name: string]: Xml & Xml[] & string };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === 'item',
});

/** The answer of one call. */
export interface CallResult {
  status: number;
  text: string;
  /** Parsed body root element (`DescribeInstancesResponse`, `Response`, …). */
  xml: Xml;
  headers: Headers;
}

/** Options of {@link Ec2TestClient.call}. */
export interface CallOptions {
  creds?: AwsCredentials;
  region?: string;
  service?: string;
  now?: Date;
  method?: 'GET' | 'POST';
  /** Change the signed request before it is sent (to break the signature). */
  tamper?: (req: { headers: Record<string, string>; body: Buffer }) => { headers: Record<string, string>; body: Buffer };
  unsigned?: boolean;
  /** Skip XML parsing (`xml` is then `{}`), for big pages. */
  raw?: boolean;
}

/** Signs and sends EC2 Query API calls to a simulator. */
export class Ec2TestClient {
  constructor(readonly sim: Ec2Simulator) {}

  async call(action: string, params: Record<string, string | number | boolean> = {}, opts: CallOptions = {}): Promise<CallResult> {
    const query = new URLSearchParams({ Action: action, Version: '2016-11-15' });
    for (const [k, v] of Object.entries(params)) query.set(k, String(v));
    const method = opts.method ?? 'POST';
    const url = new URL(method === 'GET' ? `${this.sim.url}/?${query.toString().replace(/\+/g, '%20')}` : `${this.sim.url}/`);
    let headers: Record<string, string> = method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' } : {};
    let body: Buffer = method === 'POST' ? Buffer.from(query.toString(), 'utf8') : Buffer.alloc(0);
    const req = { method, url, headers, body: method === 'POST' ? body : undefined };
    if (!opts.unsigned)
      signRequestV4(req, opts.creds ?? DEFAULT_CREDENTIALS, {
        region: opts.region ?? this.sim.region,
        service: opts.service ?? 'ec2',
        now: opts.now,
      });
    headers = req.headers;
    if (opts.tamper) ({ headers, body } = opts.tamper({ headers, body }));
    const res = await fetch(url, { method, headers, body: method === 'POST' ? body : undefined });
    const text = await res.text();
    if (opts.raw) return { status: res.status, text, xml: {} as Xml, headers: res.headers };
    const parsed = parser.parse(text) as Record<string, Xml>;
    const rootName = Object.keys(parsed).find((k) => k !== '?xml') ?? '';
    return { status: res.status, text, xml: parsed[rootName] as Xml, headers: res.headers };
  }

  /** Calls and expects 200; returns the parsed response element. */
  async ok(action: string, params: Record<string, string | number | boolean> = {}): Promise<Xml> {
    const r = await this.call(action, params);
    if (r.status !== 200) throw new Error(`${action} failed with ${r.status}: ${r.text}`);
    return r.xml;
  }

  /** Calls and expects an EC2 error; returns status and code. */
  async fail(
    action: string,
    params: Record<string, string | number | boolean> = {},
    opts: CallOptions = {},
  ): Promise<{ status: number; code: string; message: string; requestId: string }> {
    const r = await this.call(action, params, opts);
    if (r.status === 200) throw new Error(`${action} unexpectedly succeeded: ${r.text}`);
    const error = r.xml.Errors.Error;
    return { status: r.status, code: String(error.Code), message: String(error.Message), requestId: String(r.xml.RequestID) };
  }
}

/** `item` entries of a list element (empty when the element is `<name/>`). */
export function items(list: Xml | string | undefined): Xml[] {
  if (list === undefined || typeof list === 'string') return [];
  return (list.item as unknown as Xml[] | undefined) ?? [];
}

/** Every instance of a DescribeInstances/RunInstances response. */
export function instancesOf(xml: Xml): Xml[] {
  if (xml.instancesSet !== undefined) return items(xml.instancesSet);
  return items(xml.reservationSet).flatMap((r) => items(r.instancesSet));
}

/** Starts a simulator with fast transitions and a client for it. */
export async function startSimulator(options: Ec2SimulatorOptions = {}): Promise<{ sim: Ec2Simulator; client: Ec2TestClient }> {
  const sim = await Ec2Simulator.start({ pendingDelayMs: 30, stoppingDelayMs: 30, shuttingDownDelayMs: 30, ...options });
  return { sim, client: new Ec2TestClient(sim) };
}

/** Waits `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns true (bounded). */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await sleep(10);
  }
}

/** The first AMI of the default catalogue (Amazon Linux 2023 x86_64). */
export const AMI = 'ami-0c0ffee0000000a01';
