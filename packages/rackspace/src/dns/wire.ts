/**
 * Rackspace Cloud DNS v1.0 wire objects (JSON), exactly as the API sends them.
 * @module
 */

/** A paging link (`rel` is `next` or `previous`). */
export interface RaxLink {
  /** Absolute URL of the page. */
  href: string;
  /** `next` or `previous`. */
  rel: string;
}

/** A name server of a domain. */
export interface RaxNameserver {
  /** Host name (`dns1.stabletransit.com`). */
  name: string;
}

/** A domain as `GET /domains/{id}` (and the create job's response) shows it. */
export interface RaxDomain {
  /** Numeric id. */
  id: number | string;
  /** Domain name, no trailing dot. */
  name: string;
  /** Owning account. */
  accountId?: number | string;
  /** Default TTL (seconds, at least 300). */
  ttl?: number;
  /** Administrator email (the SOA RNAME). */
  emailAddress?: string;
  /** Free comment (up to 160 characters). */
  comment?: string;
  /** Name servers. */
  nameservers?: RaxNameserver[];
  /** ISO-8601 time of creation. */
  created?: string;
  /** ISO-8601 time of the last change. */
  updated?: string;
  /** Records, when asked for (`showRecords=true`). */
  recordsList?: { records?: RaxRecord[]; totalEntries?: number };
}

/** One page of `GET /domains`. */
export interface RaxDomainPage {
  /** Domains of this page. */
  domains: RaxDomain[];
  /** Number of domains in all pages. */
  totalEntries?: number;
  /** `next` / `previous` links. */
  links?: RaxLink[];
}

/** A record: names are fully qualified without the trailing dot; MX/SRV priority apart. */
export interface RaxRecord {
  /** `<TYPE>-<number>` (`A-1234`). */
  id: string;
  /** Owner name (`www.example.com`). */
  name: string;
  /** Record type. */
  type: string;
  /** Data (`192.0.2.1`, `mail.example.com`, SRV `weight port target`, TXT text). */
  data: string;
  /** TTL seconds. */
  ttl?: number;
  /** MX/SRV priority. */
  priority?: number;
  /** Free comment. */
  comment?: string;
  /** ISO-8601 time of creation. */
  created?: string;
  /** ISO-8601 time of the last change. */
  updated?: string;
}

/** One page of `GET /domains/{id}/records`. */
export interface RaxRecordPage {
  /** Records of this page. */
  records: RaxRecord[];
  /** Number of records in all pages. */
  totalEntries?: number;
  /** `next` / `previous` links. */
  links?: RaxLink[];
}

/** A record in a `POST /domains/{id}/records` request. */
export interface RaxRecordInput {
  /** Owner name, fully qualified. */
  name: string;
  /** Type. */
  type: string;
  /** Data. */
  data: string;
  /** TTL seconds (at least 300). */
  ttl?: number;
  /** MX/SRV priority. */
  priority?: number;
  /** Comment. */
  comment?: string;
}

/** The fault object: of an error reply, and of a failed job (`error`). */
export interface RaxFault {
  /** HTTP-style status (`409`). */
  code?: number;
  /** Message (`The object already exists.`). */
  message?: string;
  /** Details (`Domain already exists`). */
  details?: string;
  /** Validation messages of a `badRequest`. */
  validationErrors?: { messages?: string[] };
  /** Per-item faults of a `deleteFault`. */
  failedItems?: { faults?: RaxFault[] };
}

/** Status of an asynchronous job. */
export type RaxJobStatus = 'INITIALIZED' | 'RUNNING' | 'COMPLETED' | 'ERROR';

/** An asynchronous job: the 202 answer of every write, and `GET /status/{jobId}`. */
export interface RaxJob<R = unknown> {
  /** Job id (a UUID). */
  jobId: string;
  /** Where to ask for its status. */
  callbackUrl: string;
  /** `INITIALIZED`, `RUNNING`, `COMPLETED` or `ERROR`. */
  status: RaxJobStatus;
  /** URL of the original request (details only). */
  requestUrl?: string;
  /** Method of the original request (details only). */
  verb?: string;
  /** The original request body as text (details only). */
  request?: string;
  /** The result of a COMPLETED job (details only). */
  response?: R;
  /** The fault of a job in ERROR (details only). */
  error?: RaxFault;
}

/** The result of `GET /domains/{id}/export`. */
export interface RaxExport {
  /** Domain id. */
  id: number | string;
  /** Account id. */
  accountId?: number | string;
  /** `BIND_9`. */
  contentType: string;
  /** The zone in BIND 9 format (fully qualified owners, no `$ORIGIN`). */
  contents: string;
}
