/**
 * DNS on the Dummy driver (in memory): the portable DNS API any DNS driver takes. Shows:
 * `listRecordTypes`, `createZone`, `createRecord` (A, MX with a priority, TXT), `listRecords`,
 * `updateRecord`, `exportZoneToBindFormat`, `deleteRecord`, `deleteZone`.
 */
import { dns } from 'cloudmux';

const Dummy = dns.getDriver(dns.Provider.DUMMY);
const driver = new Dummy('key');
console.log(`record types: ${driver.listRecordTypes().join(', ')}`);

const zone = await driver.createZone({ domain: 'example.com', ttl: 3600 });
const www = await driver.createRecord(zone, { name: 'www', type: 'A', data: '192.0.2.10', ttl: 300 });
await driver.createRecord(zone, { name: '', type: 'MX', data: 'mail.example.com.', priority: 10 });
await driver.createRecord(zone, { name: '', type: 'TXT', data: 'v=spf1 mx -all' });
for (const r of await driver.listRecords(zone)) console.log(`  ${r.name || '@'} ${r.type} ${r.priority ?? ''} ${r.data}`);

const moved = await driver.updateRecord(www, { data: '192.0.2.20' });
console.log(`www now ${moved.data} (record ${moved.id === www.id ? 'updated in place' : `replaced by ${moved.id}`})`);
console.log(await driver.exportZoneToBindFormat(zone));

await driver.deleteRecord(moved);
await driver.deleteZone(zone);
console.log(`zones left: ${(await driver.listZones()).length}`);
