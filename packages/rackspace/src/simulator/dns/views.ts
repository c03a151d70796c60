/**
 * Wire views of the simulated Cloud DNS state.
 * @module
 */
import { raxTime } from './replies.js';
import { DNS_SIM_NAMESERVERS, type DnsSimDomain, type DnsSimJob, type DnsSimRecord } from './store.js';

/** A record as Cloud DNS shows it. */
export function recordView(r: DnsSimRecord): Record<string, unknown> {
  return {
    name: r.name,
    id: r.id,
    type: r.type,
    data: r.data,
    ttl: r.ttl,
    ...(r.priority !== undefined ? { priority: r.priority } : {}),
    ...(r.comment !== undefined ? { comment: r.comment } : {}),
    updated: raxTime(r.updated),
    created: raxTime(r.created),
  };
}

/** A domain in a listing (no TTL, no name servers). */
export function domainListView(d: DnsSimDomain): Record<string, unknown> {
  return {
    name: d.name,
    id: d.id,
    accountId: Number(d.accountId) || d.accountId,
    emailAddress: d.emailAddress,
    ...(d.comment !== undefined ? { comment: d.comment } : {}),
    updated: raxTime(d.updated),
    created: raxTime(d.created),
  };
}

/** A domain's details, with its records (first `limit`) when asked. */
export function domainView(d: DnsSimDomain, records: boolean): Record<string, unknown> {
  return {
    ...domainListView(d),
    ttl: d.ttl,
    nameservers: DNS_SIM_NAMESERVERS.map((name) => ({ name })),
    ...(records ? { recordsList: { records: d.records.slice(0, 100).map(recordView), totalEntries: d.records.length } } : {}),
  };
}

/** A job: basic fields, plus request, response or error with `details`. */
export function jobView(job: DnsSimJob, callbackBase: string, details: boolean): Record<string, unknown> {
  const basic = { status: job.status, jobId: job.jobId, callbackUrl: `${callbackBase}/status/${job.jobId}` };
  if (!details) return basic;
  return {
    ...basic,
    requestUrl: job.requestUrl,
    verb: job.verb,
    ...(job.request !== undefined ? { request: job.request } : {}),
    ...(job.status === 'COMPLETED' && job.response !== undefined ? { response: job.response } : {}),
    ...(job.status === 'ERROR' && job.error ? { error: job.error } : {}),
  };
}
