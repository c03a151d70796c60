import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { signRequestV4 } from '../../src/signing/sigv4.js';
import { Route53Simulator } from '../../src/simulator/index.js';
import { CREDS } from './helpers.js';

let sim: Route53Simulator;
beforeEach(async () => {
  sim = await Route53Simulator.start({ credentials: [CREDS], syncDelayMs: 100 });
});
afterEach(() => sim.close());

/** A raw request, signed for route53/us-east-1 unless `sign` is false. */
async function raw(method: string, path: string, body?: string, sign = true): Promise<{ status: number; text: string; headers: Headers }> {
  const url = new URL(path, sim.url);
  const headers: Record<string, string> = { host: url.host };
  if (body !== undefined) headers['content-type'] = 'application/xml';
  const buf = body === undefined ? undefined : Buffer.from(body);
  if (sign) signRequestV4({ method, url, headers, body: buf }, CREDS, { region: 'us-east-1', service: 'route53' });
  delete headers.host;
  const res = await fetch(url, { method, headers, body: buf });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

const NS = 'xmlns="https://route53.amazonaws.com/doc/2013-04-01/"';

describe('Route 53 simulator wire protocol', () => {
  it('refuses unsigned and wrongly scoped requests with Route 53 error XML', async () => {
    const unsigned = await raw('GET', '/2013-04-01/hostedzone', undefined, false);
    expect(unsigned.status).toBe(403);
    expect(unsigned.text).toContain(`<ErrorResponse ${NS}><Error><Type>Sender</Type><Code>MissingAuthenticationToken</Code>`);
    const url = new URL('/2013-04-01/hostedzone', sim.url);
    const headers: Record<string, string> = { host: url.host };
    signRequestV4({ method: 'GET', url, headers, body: undefined }, CREDS, { region: 'us-east-1', service: 'ec2' });
    delete headers.host;
    const res = await fetch(url, { headers });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
  });

  it('answers unknown routes with a loud 404', async () => {
    const res = await raw('GET', '/2013-04-01/nothing-here');
    expect(res.status).toBe(404);
    expect(res.text).toContain('<Code>InvalidAction</Code>');
  });

  it('creates a zone (201, Location, ChangeInfo PENDING then INSYNC) and lists with maxitems', async () => {
    const body = `<?xml version="1.0" encoding="UTF-8"?><CreateHostedZoneRequest ${NS}><Name>example.com</Name><CallerReference>r-1</CallerReference></CreateHostedZoneRequest>`;
    const created = await raw('POST', '/2013-04-01/hostedzone', body);
    expect(created.status).toBe(201);
    expect(created.text).toContain(`<CreateHostedZoneResponse ${NS}>`);
    const id = /<Id>\/hostedzone\/(Z[A-Z0-9]+)<\/Id>/.exec(created.text)?.[1];
    expect(created.headers.get('location')).toBe(`https://route53.amazonaws.com/2013-04-01/hostedzone/${id}`);
    expect(created.text).toContain('<Status>PENDING</Status>');
    const change = /<Id>\/change\/(C[A-Z0-9]+)<\/Id>/.exec(created.text)?.[1];
    await new Promise((r) => setTimeout(r, 150));
    expect((await raw('GET', `/2013-04-01/change/${change}`)).text).toContain('<Status>INSYNC</Status>');

    const page = await raw('GET', `/2013-04-01/hostedzone/${id}/rrset?maxitems=1`);
    expect(page.text).toContain('<IsTruncated>true</IsTruncated>');
    expect(page.text).toContain('<NextRecordName>example.com.</NextRecordName>');
    expect(page.text).toContain('<NextRecordType>SOA</NextRecordType>');
    expect(page.text).toContain('<Type>NS</Type>');
    const rest = await raw('GET', `/2013-04-01/hostedzone/${id}/rrset?name=example.com.&type=SOA&maxitems=5`);
    expect(rest.text).toContain('<Type>SOA</Type>');
    expect(rest.text).not.toContain('<Type>NS</Type>');
    expect(rest.text).toContain('<IsTruncated>false</IsTruncated>');
    const badType = await raw('GET', `/2013-04-01/hostedzone/${id}/rrset?type=A`);
    expect(badType.status).toBe(400);
    expect(badType.text).toContain('<Code>InvalidInput</Code>');
  });

  it('answers an invalid batch with InvalidChangeBatch and leaves the zone unchanged', async () => {
    const zone = sim.state.createZone({ name: 'example.org', callerReference: 'x' });
    const before = [...zone.sets.keys()];
    const body =
      `<ChangeResourceRecordSetsRequest ${NS}><ChangeBatch><Changes>` +
      '<Change><Action>CREATE</Action><ResourceRecordSet><Name>ok.example.org</Name><Type>A</Type><TTL>60</TTL><ResourceRecords><ResourceRecord><Value>192.0.2.1</Value></ResourceRecord></ResourceRecords></ResourceRecordSet></Change>' +
      '<Change><Action>CREATE</Action><ResourceRecordSet><Name>t.example.org</Name><Type>TXT</Type><TTL>60</TTL><ResourceRecords><ResourceRecord><Value>unquoted</Value></ResourceRecord></ResourceRecords></ResourceRecordSet></Change>' +
      '</Changes></ChangeBatch></ChangeResourceRecordSetsRequest>';
    const res = await raw('POST', `/2013-04-01/hostedzone/${zone.id}/rrset/`, body);
    expect(res.status).toBe(400);
    expect(res.text).toContain(`<InvalidChangeBatch ${NS}><Messages><Message>`);
    expect(res.text).toContain('InvalidCharacterString');
    expect([...zone.sets.keys()]).toEqual(before);
  });
});
