/**
 * BIND zone import: parses a zone file with cloudmux (errors name the line and column), creates
 * the zone and all its rrsets in one PowerDNS request, shows a malformed file being refused, and
 * compares with PowerDNS's own export.
 */
import { InvalidArgumentError } from '@cloudmux/core/errors';
import { connect } from './_connect.js';

const origin = `imported-${Date.now()}.test`;
const zoneFile = `$ORIGIN ${origin}.
$TTL 1h
@     IN SOA ns1 hostmaster ( 2024010101 ; serial (PowerDNS rewrites it)
                              2h 1h 2w 1h )
      IN NS  ns1
      IN MX  10 mail
ns1   IN A   192.0.2.53
mail  IN A   192.0.2.25
www   300 IN A 192.0.2.10
      IN AAAA 2001:db8::10
txt   IN TXT "v=spf1 mx -all" ; a comment
`;

const { driver, close } = await connect();
try {
  const { zone, records } = await driver.importZoneFromBindFormat(zoneFile);
  console.log(`imported ${zone.domain}: ${records.length} records`);
  console.log(await driver.exExportZone(zone));

  try {
    await driver.importZoneFromBindFormat(`$ORIGIN bad.test.\nwww IN A 192.0.2.300\n`);
  } catch (err) {
    if (!(err instanceof InvalidArgumentError)) throw err;
    console.log(`refused: ${err.message}`);
  }
  await driver.deleteZone(zone);
} finally {
  await close();
}
