/**
 * Route 53 extensions: an alias record at the apex, weighted records for a blue/green rollout, a
 * geolocation record, and an atomic ChangeResourceRecordSets batch that shifts the weights in one step.
 * Run: node examples/dist/dns/route53/routing-and-batches.js
 */
import { connect } from './_connect.js';

const { driver, simulated, pollIntervalMs, close } = await connect();
try {
  const zone = await driver.createZone({ domain: `routing-${Date.now()}.test` });
  console.log(`${simulated ? '[simulator] ' : ''}zone ${zone.id}`);

  // Alias: `data` is the target's DNS name; the target's hosted zone goes under ex.alias (here a load balancer in us-east-1).
  await driver.createRecord(zone, {
    name: '',
    type: 'A',
    data: 'my-lb-1234567890.us-east-1.elb.amazonaws.com.',
    ex: { alias: { hostedZoneId: 'Z35SXDOTRQ7X7K', evaluateTargetHealth: true } },
  });
  await driver.createRecord(zone, { name: 'app', type: 'A', data: '192.0.2.10', ttl: 60, ex: { setIdentifier: 'blue', weight: 90 } });
  await driver.createRecord(zone, { name: 'app', type: 'A', data: '192.0.2.20', ttl: 60, ex: { setIdentifier: 'green', weight: 10 } });
  await driver.createRecord(zone, {
    name: 'eu',
    type: 'A',
    data: '192.0.2.30',
    ttl: 60,
    ex: { setIdentifier: 'de', geoLocation: { countryCode: 'DE' } },
  });

  // Both weights change together or not at all.
  const sets = await driver.exListRecordSets(zone);
  const blue = sets.find((s) => s.setIdentifier === 'blue');
  const green = sets.find((s) => s.setIdentifier === 'green');
  if (blue === undefined || green === undefined) throw new Error('weighted sets missing');
  const change = await driver.exChangeRecords(
    zone,
    [
      { action: 'UPSERT', recordSet: { ...blue, weight: 10 } },
      { action: 'UPSERT', recordSet: { ...green, weight: 90 } },
    ],
    { comment: 'shift traffic to green', waitForSync: true, pollIntervalMs },
  );
  console.log(`batch ${change.id}: ${change.status}`);

  for (const r of await driver.listRecords(zone)) {
    const routing = r.extra.setIdentifier
      ? ` [${r.extra.setIdentifier}${r.extra.weight !== undefined ? ` weight ${r.extra.weight}` : ''}]`
      : '';
    console.log(`- ${r.name || '@'} ${r.type} ${r.data}${r.extra.alias ? ' (alias)' : ''}${routing}`);
  }

  // Clean up: every set except the apex SOA and NS, in one batch, then the zone.
  const own = (await driver.exListRecordSets(zone)).filter((s) => !(s.name === `${zone.domain}.` && (s.type === 'SOA' || s.type === 'NS')));
  await driver.exChangeRecords(
    zone,
    own.map((recordSet) => ({ action: 'DELETE' as const, recordSet })),
  );
  await driver.deleteZone(zone);
  console.log('deleted');
} finally {
  await close();
}
