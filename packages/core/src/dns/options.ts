import type { CallOptions } from '../common/options.js';
import type { RecordType } from './record-type.js';

/** Options of `createZone`. */
export interface CreateZoneOptions<X extends object = Record<string, unknown>> extends CallOptions {
  /** Domain. */
  domain: string;
  /** Zone type (default `master`). */
  type?: 'master' | 'slave' | undefined;
  /** Default TTL. */
  ttl?: number | undefined;
  /** Provider extensions. */
  ex?: X | undefined;
}

/** Options of `updateZone`. */
export interface UpdateZoneOptions<X extends object = Record<string, unknown>> extends CallOptions {
  /** New type. */
  type?: 'master' | 'slave' | undefined;
  /** New TTL. */
  ttl?: number | undefined;
  /** Provider extensions. */
  ex?: X | undefined;
}

/** Options of `createRecord`. */
export interface CreateRecordOptions<X extends object = Record<string, unknown>> extends CallOptions {
  /** Relative name; `''` for the apex. */
  name: string;
  /** Type. */
  type: RecordType;
  /** Data. */
  data: string;
  /** TTL seconds. */
  ttl?: number | undefined;
  /** MX/SRV priority. */
  priority?: number | undefined;
  /** Provider extensions. */
  ex?: X | undefined;
}

/** Options of `updateRecord` (fields to change). */
export type UpdateRecordOptions<X extends object = Record<string, unknown>> = Partial<CreateRecordOptions<X>>;

/** Options of `getRecord(zone, { id })`. */
export interface GetRecordOptions extends CallOptions {
  /** Record id within the zone. */
  id: string;
}

/** Options of `exportZoneToBindZoneFile(zone, { path })`. */
export interface ExportZoneToBindZoneFileOptions extends CallOptions {
  /** File to write (overwritten). */
  path: string;
}
