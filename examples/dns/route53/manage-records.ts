/**
 * Zones and records: creates a hosted zone, adds two A values (one Route 53 record set, listed as
 * two portable records), an MX and a long TXT, changes one value and waits until Route 53 serves it
 * (INSYNC), prints the zone in BIND format, then removes everything.
 * Run: node examples/dist/dns/route53/manage-records.js
 */
import { RecordType } from '@cloudmux/core/dns';
import { connect } from './_connect.js';

const { driver, simulated, pollIntervalMs, close } = await connect();
try {
  const zone = await driver.createZone({ domain: `example-${Date.now()}.test`, ex: { comment: 'cloudmux example' } });
  console.log(`${simulated ? '[simulator] ' : ''}zone ${zone.id} served by ${zone.extra.nameServers?.join(', ')}`);

  const www1 = await driver.createRecord(zone, { name: 'www', type: RecordType.A, data: '192.0.2.10', ttl: 300 });
  const www2 = await driver.createRecord(zone, { name: 'www', type: RecordType.A, data: '192.0.2.11' }); // same record set
  const mx = await driver.createRecord(zone, { name: '', type: RecordType.MX, data: `mail.${zone.domain}.`, priority: 10 });
  const txt = await driver.createRecord(zone, { name: 'dkim', type: RecordType.TXT, data: `v=DKIM1; k=rsa; p=${'A'.repeat(300)}` });
  const changed = await driver.updateRecord(www1, { data: '192.0.2.12', ex: { waitForSync: true, pollIntervalMs } });
  console.log(`change ${changed.extra.changeId} is INSYNC`);

  for (const r of await driver.listRecords(zone))
    console.log(`- ${r.name || '@'} ${r.ttl ?? ''} ${r.type} ${r.priority ?? ''} ${r.data.slice(0, 60)}`);
  console.log(await driver.exportZoneToBindFormat(zone));

  // Route 53 refuses to delete a zone that still has records of its own.
  for (const r of [changed, www2, mx, txt]) await driver.deleteRecord(r);
  await driver.deleteZone(zone);
  console.log('deleted');
} finally {
  await close();
}
