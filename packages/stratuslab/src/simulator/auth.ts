import type { SimulatorReply, SimulatorRequest } from '@cloudmux/core/testing';
import type { SimulatedUser } from './options.js';

/** Jetty's answer to a request without valid HTTP Basic credentials. */
export function unauthorized(): SimulatorReply {
  return {
    status: 401,
    headers: { 'www-authenticate': 'Basic realm="StratusLab"', 'content-type': 'text/html; charset=iso-8859-1' },
    body: '<html><head><title>Error 401 Unauthorized</title></head><body><h2>HTTP ERROR: 401</h2><p>Problem accessing the resource. Reason: Unauthorized</p></body></html>\n',
  };
}

/** The user whose HTTP Basic credentials `req` carries, or undefined. */
export function basicUser(req: SimulatorRequest, users: readonly SimulatedUser[]): SimulatedUser | undefined {
  const header = req.headers.authorization;
  const m = typeof header === 'string' ? /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header.trim()) : null;
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return undefined;
  const username = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  return users.find((u) => u.username === username && u.password === password);
}
