/**
 * Record routes of the simulated Cloud DNS: list (paged; `type`, `name`, `data` filters), show, add, modify, remove.
 * @module
 */
import type { Router } from '@cloudmux/core/testing';
import type { SimulatorWorld } from '@cloudmux/openstack/simulator';
import { authorize, failIfInvalid, findDomain, findRecord, jsonBody } from './common.js';
import { jobFail, startJob } from './jobs.js';
import { dnsReply, fault, page } from './replies.js';
import type { DnsSimDomain, DnsSimRecord, DnsSimStore } from './store.js';
import { Checks, checkRecord, sameRecord, type CheckedRecord } from './validate.js';
import { recordView } from './views.js';

const PREFIX = '/dns/v1.0/:account/domains/:id/records';

/** Fails the job when `r` duplicates a record of `existing` or breaks the CNAME rule (a CNAME stands alone). */
function checkConflicts(
  existing: readonly Pick<DnsSimRecord, 'name' | 'type' | 'data' | 'priority'>[],
  r: Pick<CheckedRecord, 'name' | 'type' | 'data' | 'priority'>,
): void {
  if (existing.some((e) => sameRecord(e, r)))
    jobFail(409, 'The object already exists.', `Record already exists: ${r.type} ${r.name} ${r.data}`);
  const clash = existing.find((e) => e.name === r.name && (e.type === 'CNAME') !== (r.type === 'CNAME'));
  if (clash || (r.type === 'CNAME' && existing.some((e) => e.name === r.name && e.type === 'CNAME')))
    jobFail(400, 'Validation error', `A CNAME record cannot share its name ${r.name} with another record.`);
}

/** Adds records to a domain (in a job's work): duplicates and CNAME clashes fail the whole job; ids assigned. */
export function addRecords(
  world: SimulatorWorld,
  store: DnsSimStore,
  d: DnsSimDomain,
  list: readonly (Omit<CheckedRecord, 'ttl'> & { ttl?: number | undefined })[],
): DnsSimRecord[] {
  const all: Pick<DnsSimRecord, 'name' | 'type' | 'data' | 'priority'>[] = [...d.records];
  for (const r of list) {
    checkConflicts(all, r);
    all.push(r);
  }
  const now = world.now();
  const created = list.map((r): DnsSimRecord => ({
    id: store.nextRecordId(r.type),
    name: r.name,
    type: r.type,
    data: r.data,
    ttl: r.ttl ?? d.ttl,
    priority: r.priority,
    comment: r.comment,
    created: now,
    updated: now,
  }));
  d.records.push(...created);
  if (created.length > 0) d.updated = now;
  return created;
}

/** Adds the record routes. */
export function registerRecordRoutes(router: Router, world: SimulatorWorld, store: DnsSimStore): void {
  router.add('GET', PREFIX, (req, { account, id }) => {
    authorize(world, req, account!);
    const d = findDomain(store, account!, id!);
    const q = req.url.searchParams;
    const type = q.get('type');
    const name = q.get('name')?.toLowerCase();
    const data = q.get('data');
    const all = d.records.filter(
      (r) => (type === null || r.type === type) && (name === undefined || r.name === name) && (data === null || r.data === data),
    );
    const p = page(req, world.url, all);
    return dnsReply(200, {
      records: p.items.map(recordView),
      totalEntries: p.totalEntries,
      ...(p.links.length > 0 ? { links: p.links } : {}),
    });
  });

  router.add('GET', `${PREFIX}/:rid`, (req, { account, id, rid }) => {
    authorize(world, req, account!);
    return dnsReply(200, recordView(findRecord(findDomain(store, account!, id!), rid!)));
  });

  router.add('POST', PREFIX, (req, { account, id }) => {
    authorize(world, req, account!);
    const d = findDomain(store, account!, id!);
    const list = (jsonBody(req) as { records?: unknown }).records;
    if (!Array.isArray(list) || list.length === 0) fault(400, 'The request could not be processed.', 'Expected {"records": [...]}');
    const checks = new Checks();
    const records: CheckedRecord[] = [];
    for (const raw of list as Record<string, unknown>[]) {
      const c = checks.run(() => checkRecord(typeof raw === 'object' && raw !== null ? raw : {}, d.name));
      if (c) records.push(c);
    }
    failIfInvalid(checks);
    return startJob(world, store, req, account!, () => {
      if (!store.account(account!).domains.has(d.id)) jobFail(404, 'Object not Found.', `Domain ID: ${id} not found.`);
      return { records: addRecords(world, store, d, records).map(recordView) };
    });
  });

  router.add('PUT', `${PREFIX}/:rid`, (req, { account, id, rid }) => {
    authorize(world, req, account!);
    const d = findDomain(store, account!, id!);
    const current = findRecord(d, rid!);
    const body = jsonBody(req);
    const checks = new Checks();
    const merged = {
      name: body.name ?? current.name,
      type: body.type,
      data: body.data ?? current.data,
      ttl: body.ttl ?? current.ttl,
      priority: body.priority ?? current.priority,
      comment: body.comment ?? current.comment,
    };
    const c = checks.run(() => checkRecord(merged, d.name, current.type));
    failIfInvalid(checks);
    const next = c!;
    return startJob(world, store, req, account!, () => {
      const r = d.records.find((x) => x.id === rid);
      if (!r || !store.account(account!).domains.has(d.id)) jobFail(404, 'Object not Found.', `Record ID: ${rid} not found.`);
      checkConflicts(
        d.records.filter((x) => x !== r),
        next,
      );
      Object.assign(r, {
        name: next.name,
        data: next.data,
        ttl: next.ttl ?? r.ttl,
        priority: next.priority,
        comment: next.comment,
        updated: world.now(),
      });
      d.updated = world.now();
      return undefined;
    });
  });

  router.add('DELETE', `${PREFIX}/:rid`, (req, { account, id, rid }) => {
    authorize(world, req, account!);
    const d = findDomain(store, account!, id!);
    findRecord(d, rid!);
    return startJob(world, store, req, account!, () => {
      const i = d.records.findIndex((x) => x.id === rid);
      if (i < 0) jobFail(404, 'Object not Found.', `Record ID: ${rid} not found.`);
      d.records.splice(i, 1);
      d.updated = world.now();
      return undefined;
    });
  });
}
