/**
 * The Cloud DNS client: requests through the OpenStack `ServiceClient` (catalog endpoint `rax:dns`/`cloudDNS`,
 * `X-Auth-Token`, one retry with a fresh token on 401, error mapping) and the wait for asynchronous jobs.
 * @module
 */
import { sleep, throwIfAborted } from '@cloudmux/core';
import { MalformedResponseError, TimeoutError, type ProviderError } from '@cloudmux/core/errors';
import type { HttpMethod, QueryValue } from '@cloudmux/core/http';
import { iteratePages, nextLink, ServiceClient, type IdentitySession } from '@cloudmux/openstack';
import { RACKSPACE_SERVICES } from '../identity/index.js';
import { jobError } from './errors.js';
import { MIN_POLL, P, requireJobTimeout, type JobSettings, type RackspaceJobCallOptions } from './options.js';
import type { RaxJob, RaxLink } from './wire.js';

/** Requests to Cloud DNS for one account. */
export class RackspaceDnsClient {
  /** The underlying service client (shares the session's token). */
  readonly service: ServiceClient;
  readonly #jobs: JobSettings;

  constructor(session: IdentitySession, jobs: JobSettings) {
    this.service = new ServiceClient(session, {
      provider: P,
      selector: { type: RACKSPACE_SERVICES.dns.type, name: RACKSPACE_SERVICES.dns.name },
    });
    this.#jobs = jobs;
  }

  /** A synchronous `GET` (Cloud DNS reads are synchronous). */
  async get<T>(path: string, query: Record<string, QueryValue> | undefined, action: string, signal?: AbortSignal): Promise<T> {
    const res = await this.service.request<T>({ method: 'GET', path, query, signal, errorContext: { action } });
    return res.body;
  }

  /** Every item of a paged listing (`limit`/`offset`, following `links` with `rel: next`). */
  list<T>(path: string, key: string, query: Record<string, QueryValue>, action: string, signal?: AbortSignal): AsyncIterable<T> {
    return iteratePages<T>(
      this.service,
      { method: 'GET', path, query: { limit: 100, ...query }, signal, errorContext: { action } },
      (body) => {
        const page = body as Record<string, unknown> | undefined;
        const items = page?.[key];
        if (!Array.isArray(items))
          throw new MalformedResponseError(`${P}: ${action} answered without "${key}"`, JSON.stringify(body ?? null).slice(0, 200), {
            provider: P,
          });
        return { items: items as T[], next: nextLink(page?.links as RaxLink[] | undefined) };
      },
      signal,
    );
  }

  /**
   * Sends a write (PUT, POST, DELETE, or the export GET), which Cloud DNS answers with 202 and a job, then polls
   * `GET /status/{jobId}?showDetails=true` (100 ms, doubling up to `pollIntervalMs`) until the job is COMPLETED
   * (returns its `response`) or ERROR (throws the mapped fault). `signal` aborts the wait with `AbortError`;
   * past `timeoutMs` (default `jobTimeoutMs`) a `TimeoutError` names the job id.
   */
  async job<R>(
    method: HttpMethod,
    path: string,
    body: unknown,
    action: string,
    options: RackspaceJobCallOptions = {},
    query?: Record<string, QueryValue>,
  ): Promise<R | undefined> {
    const { signal } = options;
    const timeoutMs = options.timeoutMs === undefined ? this.#jobs.jobTimeoutMs : requireJobTimeout(options.timeoutMs, action);
    throwIfAborted(signal);
    const started = Date.now();
    const res = await this.service.request<RaxJob<R>>({
      method,
      path,
      query,
      ...(body !== undefined ? { json: body } : {}),
      signal,
      errorContext: { action },
    });
    let job = res.body;
    if (typeof job?.jobId !== 'string' || job.jobId === '')
      throw new MalformedResponseError(
        `${P}: ${action} answered ${res.status} without a job id`,
        JSON.stringify(job ?? null).slice(0, 200),
        {
          provider: P,
          requestId: res.requestId,
        },
      );
    const jobId = job.jobId;
    let delay = MIN_POLL;
    for (;;) {
      if (job.status === 'COMPLETED' && 'response' in job) return job.response;
      if (job.status === 'ERROR' && job.error) throw this.#fail(job, action);
      const left = timeoutMs - (Date.now() - started);
      if (left <= 0)
        throw new TimeoutError(`${P}: ${action}: job ${jobId} still ${job.status} after ${timeoutMs} ms (ask GET /status/${jobId})`, {
          provider: P,
          lastState: job.status,
        });
      await sleep(Math.min(delay, left), signal);
      delay = Math.min(delay * 2, this.#jobs.pollIntervalMs);
      const status = await this.service.request<RaxJob<R>>({
        method: 'GET',
        path: `/status/${encodeURIComponent(jobId)}`,
        query: { showDetails: true },
        signal,
        errorContext: { action: `${action} (job ${jobId})` },
      });
      job = status.body;
      if (typeof job?.status !== 'string')
        throw new MalformedResponseError(`${P}: status of job ${jobId} has no status`, JSON.stringify(job ?? null).slice(0, 200), {
          provider: P,
        });
      if (job.status === 'COMPLETED') return job.response;
      if (job.status === 'ERROR') throw this.#fail(job, action);
    }
  }

  #fail(job: RaxJob, action: string): ProviderError {
    return jobError(job, action);
  }

  /** Closes keep-alive sockets. */
  close(): Promise<void> {
    return this.service.close();
  }
}
