/**
 * Zones and records: creates a zone, adds two A values to one rrset, an MX and a TXT, changes one
 * value, prints the zone in BIND format, and deletes everything. Against a real PowerDNS
 * (PDNS_API_KEY set) the records are served at once on its DNS port.
 */
import { RecordType } from '@cloudmux/core/dns';
import { connect } from './_connect.js';

const { driver, simulated, close } = await connect();
try {
  const zone = await driver.createZone({ domain: `example-${Date.now()}.test`, ttl: 3600, ex: { nameservers: ['ns1.example.net'] } });
  console.log(`${simulated ? '[simulator] ' : ''}zone ${zone.id} (kind ${zone.extra.kind}, serial ${zone.extra.serial})`);

  const www1 = await driver.createRecord(zone, { name: 'www', type: RecordType.A, data: '192.0.2.10', ttl: 300 });
  await driver.createRecord(zone, { name: 'www', type: RecordType.A, data: '192.0.2.11' }); // same rrset
  await driver.createRecord(zone, { name: '', type: RecordType.MX, data: `mail.${zone.domain}`, priority: 10 });
  await driver.createRecord(zone, { name: 'txt', type: RecordType.TXT, data: 'v=spf1 -all' });
  await driver.updateRecord(www1, { data: '192.0.2.12' });

  for (const r of await driver.listRecords(zone)) console.log(`- ${r.name || '@'} ${r.ttl} ${r.type} ${r.priority ?? ''} ${r.data}`);
  console.log(await driver.exportZoneToBindFormat(zone));
  console.log(`serial now ${(await driver.getZone(zone.id)).extra.serial} (PowerDNS bumps it on every change)`);

  await driver.deleteZone(zone);
  console.log('deleted');
} finally {
  await close();
}
