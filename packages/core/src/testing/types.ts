import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

/** A request as a simulator handler sees it (body fully read). */
export interface SimulatorRequest {
  /** Upper-case method. */
  method: string;
  /** Full URL (http://127.0.0.1:port/path?query). */
  url: URL;
  /** Decoded path without query. */
  path: string;
  /** Raw path with query, exactly as sent (for signature checks). */
  rawPath: string;
  /** Headers (lower-case). */
  headers: IncomingHttpHeaders;
  /** Body bytes. */
  body: Buffer;
  /** The underlying request. */
  raw: IncomingMessage;
}

/** A simulator reply. An object `body` is sent as JSON. */
export interface SimulatorReply {
  /** Status code. */
  status: number;
  /** Headers. */
  headers?: Record<string, string | string[]> | undefined;
  /** Body: text, bytes, or a JSON value. */
  body?: string | Buffer | object | undefined;
}

/** Handles one request. Unknown routes must answer a loud 4xx, never a default success. */
export type SimulatorHandler = (request: SimulatorRequest) => SimulatorReply | Promise<SimulatorReply>;

/** Which requests a fault applies to. */
export interface FaultMatch {
  /** Method, e.g. `GET`. */
  method?: string | undefined;
  /** Exact path or a pattern tested against the path. */
  path?: string | RegExp | undefined;
}

/** A fault to inject. */
export type Fault = FaultMatch & {
  /** How many matching requests it applies to (default 1; `Infinity` for all). */
  times?: number | undefined;
} & (
    | { kind: 'status'; status: number; headers?: Record<string, string> | undefined; body?: string | object | undefined }
    | { kind: 'latency'; ms: number }
    | { kind: 'reset' }
    | { kind: 'truncate'; bytes?: number | undefined }
    | { kind: 'hang' }
    | { kind: 'reset-after-handling' }
  );

/** One entry of the request log. */
export interface RequestLogEntry {
  /** Method. */
  method: string;
  /** Path with query. */
  path: string;
  /** Request headers. */
  headers: IncomingHttpHeaders;
  /** Status sent (0 when the connection was reset or hung). */
  status: number;
  /** Injected fault kind, if any. */
  fault: string | undefined;
  /** When the request arrived. */
  at: Date;
}
