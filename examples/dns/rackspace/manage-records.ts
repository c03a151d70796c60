/**
 * Zones and records on Rackspace Cloud DNS: creates a domain (every write is an asynchronous job the driver
 * waits for), adds A, MX, SRV and TXT records, changes one, shows a job failing (a duplicate domain), prints
 * the zone in BIND format and deletes it.
 */
import { AlreadyExistsError } from '@cloudmux/core/errors';
import { connect, domainFor } from './_connect.js';

const { driver, simulated, close } = await connect();
try {
  const zone = await driver.createZone({ domain: domainFor('records'), ttl: 3600, ex: { comment: 'cloudmux example' } });
  console.log(
    `created ${zone.domain} (id ${zone.id}, name servers ${zone.extra.nameservers.join(', ')})${simulated ? ' on the simulator' : ''}`,
  );

  const www = await driver.createRecord(zone, { name: 'www', type: 'A', data: '192.0.2.10', ttl: 300 });
  await driver.createRecord(zone, { name: '', type: 'MX', data: `mail.${zone.domain}`, priority: 10 });
  await driver.createRecord(zone, { name: '_sip._tcp', type: 'SRV', data: `20 5060 sip.${zone.domain}`, priority: 5 });
  await driver.createRecord(zone, { name: 'txt', type: 'TXT', data: 'v=spf1 mx -all' });
  const moved = await driver.updateRecord(www, { data: '192.0.2.11' });
  console.log(`record ${moved.id}: ${moved.name} ${moved.type} ${moved.data}`);

  for (const r of await driver.listRecords(zone)) {
    console.log(`  ${r.id.padEnd(12)} ${(r.name || '@').padEnd(10)} ${r.type.padEnd(5)} ${r.priority ?? ''} ${r.data}`);
  }

  try {
    await driver.createZone({ domain: zone.domain });
  } catch (err) {
    if (!(err instanceof AlreadyExistsError)) throw err;
    console.log(`refused by the job: ${err.message}`);
  }

  console.log(await driver.exportZoneToBindFormat(zone));
  await driver.deleteZone(zone);
} finally {
  await close();
}
