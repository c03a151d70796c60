import type { SimulatorHandler, SimulatorReply, SimulatorRequest } from './types.js';
import { InvalidJsonBodyError, SimulatorHttpError, jsonReply } from './reply.js';

/** A route handler: gets the request and the decoded `:param` values. */
export type RouteHandler = (req: SimulatorRequest, params: Record<string, string>) => SimulatorReply | Promise<SimulatorReply>;

/** Overrides for the router's own error replies, so a simulator can answer in its provider's format. */
export interface RouterOptions {
  /** No route matches the path (default: 404 JSON `{ code: 'ResourceNotFound' }`). */
  notFound?: ((req: SimulatorRequest) => SimulatorReply | Promise<SimulatorReply>) | undefined;
  /** The path matches but not the method (default: 405 JSON with an `Allow` header). */
  methodNotAllowed?: ((req: SimulatorRequest, allowed: readonly string[]) => SimulatorReply | Promise<SimulatorReply>) | undefined;
  /** The body was not valid JSON (default: 400 JSON `{ code: 'InvalidJsonBody' }`). */
  badRequest?: ((req: SimulatorRequest, error: InvalidJsonBodyError) => SimulatorReply | Promise<SimulatorReply>) | undefined;
}

interface Route {
  method: string;
  pattern: string;
  /** Literal segment text, or a parameter descriptor. */
  segments: ReadonlyArray<string | { name: string; rest: boolean }>;
  handler: RouteHandler;
}

function compile(pattern: string): Route['segments'] {
  const parts = splitPath(pattern);
  return parts.map((part, i) => {
    if (!part.startsWith(':')) return part;
    const rest = part.endsWith('*');
    const name = part.slice(1, rest ? -1 : undefined);
    if (!name) throw new TypeError(`Router: empty parameter name in "${pattern}"`);
    if (rest && i !== parts.length - 1) throw new TypeError(`Router: rest parameter must be last in "${pattern}"`);
    return { name, rest };
  });
}

function splitPath(path: string): string[] {
  const trimmed = path.replace(/^\/+/, '').replace(/\/+$/, '');
  return trimmed === '' ? [] : trimmed.split('/');
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function match(route: Route, parts: readonly string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  const segs = route.segments;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]!;
    if (typeof seg === 'string') {
      if (parts[i] === undefined || decode(parts[i]!) !== seg) return undefined;
      continue;
    }
    if (seg.rest) {
      if (i >= parts.length) return undefined;
      params[seg.name] = parts.slice(i).map(decode).join('/');
      return params;
    }
    const part = parts[i];
    if (part === undefined || part === '') return undefined;
    params[seg.name] = decode(part);
  }
  return parts.length === segs.length ? params : undefined;
}

/**
 * Method + path router for simulators. Patterns use `:name` segments (`/:login/machines/:id`) and an
 * optional final rest segment `:name*` that captures the remaining path (slashes included).
 * Unknown paths answer 404 and known paths with the wrong method 405 (a HEAD falls back to the GET route);
 * both are overridable through {@link RouterOptions}. Routes are tried in the order they were added.
 */
export class Router {
  private readonly routes: Route[] = [];
  private readonly options: RouterOptions;

  constructor(options: RouterOptions = {}) {
    this.options = options;
  }

  /** Adds a route; returns the router for chaining. */
  add(method: string, pattern: string, handler: RouteHandler): this {
    this.routes.push({ method: method.toUpperCase(), pattern, segments: compile(pattern), handler });
    return this;
  }

  /** The handler to pass to {@link SimulatorServer.start} (bound; safe to pass around). */
  readonly handle: SimulatorHandler = async (req) => {
    try {
      return await this.dispatch(req);
    } catch (err) {
      if (err instanceof InvalidJsonBodyError && this.options.badRequest) return this.options.badRequest(req, err);
      if (err instanceof SimulatorHttpError) return err.reply;
      throw err;
    }
  };

  private async dispatch(req: SimulatorRequest): Promise<SimulatorReply> {
    const q = req.rawPath.indexOf('?');
    const parts = splitPath(q === -1 ? req.rawPath : req.rawPath.slice(0, q));
    const allowed: string[] = [];
    let headFallback: { route: Route; params: Record<string, string> } | undefined;
    for (const route of this.routes) {
      const params = match(route, parts);
      if (!params) continue;
      if (route.method === req.method) return route.handler(req, params);
      if (req.method === 'HEAD' && route.method === 'GET' && !headFallback) headFallback = { route, params };
      if (!allowed.includes(route.method)) allowed.push(route.method);
    }
    if (headFallback) return headFallback.route.handler(req, headFallback.params);
    if (allowed.length > 0) {
      if (this.options.methodNotAllowed) return this.options.methodNotAllowed(req, allowed);
      return jsonReply(
        405,
        { code: 'MethodNotAllowed', message: `${req.method} is not allowed on ${req.path}; allowed: ${allowed.join(', ')}` },
        { allow: allowed.join(', ') },
      );
    }
    if (this.options.notFound) return this.options.notFound(req);
    return jsonReply(404, { code: 'ResourceNotFound', message: `No route for ${req.method} ${req.path}` });
  }
}
