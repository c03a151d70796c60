/**
 * Domain routes of the simulated Cloud DNS: list (paged, `name` filter), show, create, import, export, update, delete.
 * @module
 */
import type { Router } from '@cloudmux/core/testing';
import type { SimulatorWorld } from '@cloudmux/openstack/simulator';
import { exportText, parseImport } from './bind.js';
import { authorize, domainByName, failIfInvalid, findDomain, jsonBody } from './common.js';
import { jobFail, startJob } from './jobs.js';
import { dnsReply, fault, flag, page } from './replies.js';
import { addRecords } from './routes-records.js';
import { DNS_SIM_NAMESERVERS, type DnsSimDomain, type DnsSimStore } from './store.js';
import { Checks, checkComment, checkDomainName, checkEmail, checkRecord, checkTtl, type CheckedRecord } from './validate.js';
import { domainListView, domainView } from './views.js';

/** Path prefix of an account's Cloud DNS API. */
export const DNS_SIM_PREFIX = '/dns/v1.0/:account';

interface NewDomain {
  name: string;
  emailAddress: string;
  ttl: number;
  comment: string | undefined;
  records: (CheckedRecord & { ttl?: number | undefined })[];
}

/** Creates a domain (in a job's work): 409 when the name is taken; Rackspace's NS records come first. */
function createDomain(world: SimulatorWorld, store: DnsSimStore, account: string, n: NewDomain): DnsSimDomain {
  const a = store.account(account);
  if (domainByName(a, n.name)) jobFail(409, 'The object already exists.', 'Domain already exists');
  const now = world.now();
  const d: DnsSimDomain = {
    id: store.nextDomainId(),
    accountId: account,
    name: n.name,
    emailAddress: n.emailAddress,
    ttl: n.ttl,
    comment: n.comment,
    created: now,
    updated: now,
    records: [],
  };
  const ns = DNS_SIM_NAMESERVERS.map((data) => ({ name: n.name, type: 'NS', data, ttl: n.ttl, priority: undefined, comment: undefined }));
  addRecords(world, store, d, ns);
  addRecords(world, store, d, n.records);
  a.domains.set(d.id, d);
  return d;
}

/** Adds the domain routes. */
export function registerDomainRoutes(router: Router, world: SimulatorWorld, store: DnsSimStore): void {
  router.add('GET', `${DNS_SIM_PREFIX}/domains`, (req, { account }) => {
    authorize(world, req, account!);
    const name = req.url.searchParams.get('name');
    const all = [...store.account(account!).domains.values()]
      .filter((d) => name === null || d.name === name.toLowerCase())
      .sort((x, y) => x.name.localeCompare(y.name));
    const p = page(req, world.url, all);
    return dnsReply(200, {
      domains: p.items.map(domainListView),
      totalEntries: p.totalEntries,
      ...(p.links.length > 0 ? { links: p.links } : {}),
    });
  });

  router.add('POST', `${DNS_SIM_PREFIX}/domains`, (req, { account }) => {
    authorize(world, req, account!);
    const body = jsonBody(req);
    const list = (body as { domains?: unknown }).domains;
    if (!Array.isArray(list) || list.length === 0) fault(400, 'The request could not be processed.', 'Expected {"domains": [...]}');
    const checks = new Checks();
    const domains: NewDomain[] = [];
    for (const raw of list as Record<string, unknown>[]) {
      const name = checks.run(() => checkDomainName(raw?.name));
      const emailAddress = checks.run(() => checkEmail(raw?.emailAddress));
      const ttl = raw?.ttl === undefined ? 3600 : checks.run(() => checkTtl(raw.ttl, 'Domain'));
      const comment = checks.run(() => checkComment(raw?.comment));
      const rawRecords = (raw?.recordsList as { records?: unknown } | undefined)?.records ?? [];
      const records: CheckedRecord[] = [];
      if (name !== undefined && Array.isArray(rawRecords))
        for (const r of rawRecords as Record<string, unknown>[]) {
          const c = checks.run(() => checkRecord(r ?? {}, name));
          if (c) records.push(c);
        }
      if (name !== undefined && emailAddress !== undefined && ttl !== undefined)
        domains.push({ name, emailAddress, ttl, comment, records });
    }
    failIfInvalid(checks);
    return startJob(world, store, req, account!, () => ({
      domains: domains.map((n) => domainView(createDomain(world, store, account!, n), false)),
    }));
  });

  router.add('POST', `${DNS_SIM_PREFIX}/domains/import`, (req, { account }) => {
    authorize(world, req, account!);
    const list = (jsonBody(req) as { domains?: unknown }).domains;
    if (!Array.isArray(list) || list.length !== 1)
      fault(400, 'The request could not be processed.', 'Expected {"domains": [ one domain ]}');
    const raw = (list[0] ?? {}) as Record<string, unknown>;
    if (raw.contentType !== 'BIND_9') fault(400, 'The request could not be processed.', 'contentType must be BIND_9');
    if (typeof raw.contents !== 'string' || raw.contents.trim() === '')
      fault(400, 'The request could not be processed.', 'contents is required');
    const checks = new Checks();
    const imported = checks.run(() => parseImport(raw.contents as string));
    const comment = checks.run(() => checkComment(raw.comment));
    failIfInvalid(checks);
    const im = imported!;
    return startJob(world, store, req, account!, () => {
      const own = im.records.find((r) => r.type === 'NS' && r.name === im.name && DNS_SIM_NAMESERVERS.includes(r.data));
      if (own) jobFail(409, 'The object already exists.', `Duplicate record: NS ${own.data}`);
      const d = createDomain(world, store, account!, {
        name: im.name,
        emailAddress: im.emailAddress ?? `hostmaster@${im.name}`,
        ttl: im.ttl,
        comment,
        records: im.records,
      });
      return { domains: [domainView(d, true)] };
    });
  });

  router.add('GET', `${DNS_SIM_PREFIX}/domains/:id`, (req, { account, id }) => {
    authorize(world, req, account!);
    const d = findDomain(store, account!, id!);
    return dnsReply(200, domainView(d, flag(req, 'showRecords', true)));
  });

  router.add('GET', `${DNS_SIM_PREFIX}/domains/:id/export`, (req, { account, id }) => {
    authorize(world, req, account!);
    const d = findDomain(store, account!, id!);
    return startJob(world, store, req, account!, () => {
      if (!store.account(account!).domains.has(d.id)) jobFail(404, 'Object not Found.', `Domain ID: ${id} not found.`);
      return { id: d.id, accountId: Number(account) || account, contentType: 'BIND_9', contents: exportText(d) };
    });
  });

  router.add('PUT', `${DNS_SIM_PREFIX}/domains/:id`, (req, { account, id }) => {
    authorize(world, req, account!);
    const d = findDomain(store, account!, id!);
    const body = jsonBody(req);
    const checks = new Checks();
    if (body.name !== undefined && body.name !== d.name) checks.messages.push('The name of a domain cannot be changed.');
    const ttl = body.ttl === undefined ? undefined : checks.run(() => checkTtl(body.ttl, 'Domain'));
    const email = body.emailAddress === undefined ? undefined : checks.run(() => checkEmail(body.emailAddress));
    const comment = checks.run(() => checkComment(body.comment));
    if (ttl === undefined && email === undefined && comment === undefined && checks.messages.length === 0)
      checks.messages.push('At least one of ttl, emailAddress or comment must be given.');
    failIfInvalid(checks);
    return startJob(world, store, req, account!, () => {
      if (!store.account(account!).domains.has(d.id)) jobFail(404, 'Object not Found.', `Domain ID: ${id} not found.`);
      if (ttl !== undefined) d.ttl = ttl;
      if (email !== undefined) d.emailAddress = email;
      if (comment !== undefined) d.comment = comment;
      d.updated = world.now();
      return undefined;
    });
  });

  router.add('DELETE', `${DNS_SIM_PREFIX}/domains/:id`, (req, { account, id }) => {
    authorize(world, req, account!);
    const d = findDomain(store, account!, id!);
    return startJob(world, store, req, account!, () => {
      if (!store.account(account!).domains.delete(d.id)) jobFail(404, 'Object not Found.', `Domain ID: ${id} not found.`);
      return undefined;
    });
  });
}
