/**
 * Asynchronous jobs of the simulated Cloud DNS: every write answers 202 with a job that is INITIALIZED, then
 * RUNNING, and COMPLETED (its work done, `response` set) or ERROR (`error` set) after a scheduled delay.
 * @module
 */
import type { SimulatorReply, SimulatorRequest } from '@cloudmux/core/testing';
import type { SimulatorWorld } from '@cloudmux/openstack/simulator';
import { dnsReply } from './replies.js';
import type { DnsSimFault, DnsSimJob, DnsSimStore } from './store.js';
import { jobView } from './views.js';

/** Thrown by a job's work: the job ends in ERROR with this fault. */
export class DnsJobFault extends Error {
  constructor(readonly fault: DnsSimFault) {
    super(fault.message);
  }
}

/** Throws a {@link DnsJobFault}. */
export function jobFail(code: number, message: string, details?: string): never {
  throw new DnsJobFault({ code, message, ...(details !== undefined ? { details } : {}) });
}

/** The account's API base URL (`<sim>/dns/v1.0/<account>`). */
export function accountBase(world: SimulatorWorld, account: string): string {
  return `${world.url}/dns/v1.0/${account}`;
}

/**
 * Registers a job for `req` and schedules it: `work` runs when the job ends (so conflicts are found then, as at
 * Rackspace). Answers 202 with the job's basic view plus `requestUrl` and `verb`.
 */
export function startJob(
  world: SimulatorWorld,
  store: DnsSimStore,
  req: SimulatorRequest,
  account: string,
  work: () => unknown,
): SimulatorReply {
  const job: DnsSimJob = {
    jobId: world.newId(),
    account,
    status: 'INITIALIZED',
    verb: req.method,
    requestUrl: `${world.url}${req.rawPath}`,
    request: req.body.length > 0 ? req.body.toString('utf8') : undefined,
    response: undefined,
    error: undefined,
    created: world.now(),
  };
  store.account(account).jobs.set(job.jobId, job);
  world.schedule(store.jobStartMs, () => {
    if (job.status === 'INITIALIZED') job.status = 'RUNNING';
  });
  world.schedule(store.jobDurationMs, () => {
    try {
      job.response = work();
      job.status = 'COMPLETED';
    } catch (err) {
      job.status = 'ERROR';
      job.error = err instanceof DnsJobFault ? err.fault : { code: 500, message: 'A DNS fault has occurred.', details: String(err) };
    }
  });
  const base = accountBase(world, account);
  return dnsReply(202, { ...jobView(job, base, false), requestUrl: job.requestUrl, verb: job.verb });
}
