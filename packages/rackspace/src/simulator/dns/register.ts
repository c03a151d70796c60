/**
 * Cloud DNS v1.0 routes of the Rackspace simulator, under `/dns/v1.0/<account>` (the catalog's `rax:dns`
 * endpoint): domains, records, BIND import/export, and the asynchronous jobs every write returns
 * (`/status`, `/status/{jobId}`, `showDetails`). State is per account; tokens must belong to the path's account.
 * @module
 */
import type { Router } from '@cloudmux/core/testing';
import type { SimulatorWorld } from '@cloudmux/openstack/simulator';
import { authorize } from './common.js';
import { accountBase } from './jobs.js';
import { dnsReply, flag, notFound, page } from './replies.js';
import { DNS_SIM_PREFIX, registerDomainRoutes } from './routes-domains.js';
import { registerRecordRoutes } from './routes-records.js';
import { dnsSimStore } from './store.js';
import { jobView } from './views.js';

/** Adds this service's routes to the simulator. */
export function registerDnsRoutes(router: Router, world: SimulatorWorld): void {
  const store = dnsSimStore(world);
  registerDomainRoutes(router, world, store);
  registerRecordRoutes(router, world, store);

  router.add('GET', `${DNS_SIM_PREFIX}/status`, (req, { account }) => {
    authorize(world, req, account!);
    const details = flag(req, 'showDetails', false);
    const show = { ERROR: flag(req, 'showErrors', true), COMPLETED: flag(req, 'showCompleted', true) };
    const running = flag(req, 'showRunning', true);
    const jobs = [...store.account(account!).jobs.values()].filter((j) =>
      j.status === 'ERROR' ? show.ERROR : j.status === 'COMPLETED' ? show.COMPLETED : running,
    );
    const p = page(req, world.url, jobs);
    const base = accountBase(world, account!);
    return dnsReply(200, {
      asyncResponses: p.items.map((j) => jobView(j, base, details)),
      totalEntries: p.totalEntries,
      ...(p.links.length > 0 ? { links: p.links } : {}),
    });
  });

  router.add('GET', `${DNS_SIM_PREFIX}/status/:jobId`, (req, { account, jobId }) => {
    authorize(world, req, account!);
    const job = store.account(account!).jobs.get(jobId!);
    if (!job) notFound(`Job ID: ${jobId} not found.`);
    const done = job.status === 'COMPLETED' || job.status === 'ERROR';
    return dnsReply(done ? 200 : 202, jobView(job, accountBase(world, account!), flag(req, 'showDetails', false)));
  });

  // Anything else under the account is a loud 404 in Cloud DNS's fault format.
  for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
    router.add(method, `${DNS_SIM_PREFIX}/:rest*`, (req, { account }) => {
      authorize(world, req, account!);
      notFound(`No Cloud DNS resource for ${req.method} ${req.path}.`);
    });
  }
}
