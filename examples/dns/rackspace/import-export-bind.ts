/**
 * BIND import and export on Rackspace Cloud DNS: the zone file is checked by cloudmux's parser (errors name the
 * line), then imported in one atomic Rackspace job; the export comes from Rackspace's own export job.
 */
import { InvalidArgumentError } from '@cloudmux/core/errors';
import { connect, domainFor } from './_connect.js';

const origin = domainFor('import');
const zoneFile = `$ORIGIN ${origin}.
$TTL 1h
@     IN SOA ns1 hostmaster ( 2024010101 2h 1h 2w 1h )
      IN MX  10 mail
mail  IN A   192.0.2.25
www   300 IN A 192.0.2.10
      IN AAAA 2001:db8::10
ftp   IN CNAME www
txt   IN TXT "v=spf1 mx -all" ; a comment
`;

const { driver, close } = await connect();
try {
  const { zone, records } = await driver.importZoneFromBindFormat(zoneFile, { ex: { emailAddress: `hostmaster@${origin}` } });
  console.log(`imported ${zone.domain} (TTL ${zone.ttl}): ${records.length} records`);
  console.log(await driver.exportZoneToBindFormat(zone));
  console.log('Rackspace export as sent:');
  console.log(await driver.exExportZone(zone));

  try {
    await driver.importZoneFromBindFormat(`$ORIGIN bad.example.com.\nwww IN CAA 0 issue "ca.example.net"\n`);
  } catch (err) {
    if (!(err instanceof InvalidArgumentError)) throw err;
    console.log(`refused: ${err.message}`);
  }
  await driver.deleteZone(zone);
} finally {
  await close();
}
