/**
 * Settings routes of the simulated Cloud Load Balancers API: health monitor, session persistence,
 * connection logging, connection throttle, access list, SSL termination and error page.
 * @module
 */
import { jsonReply, type Router, type SimulatorRequest } from '@cloudmux/core/testing';
import type { SimulatorWorld } from '@cloudmux/openstack/simulator';
import { accepted, arrayBody, authorize, clbFail, invalid, objectBody } from './faults.js';
import { requireActive, startUpdate } from './lifecycle.js';
import { CLB_PREFIX, balancerOf } from './routes-balancers.js';
import { CLB_SIM_DEFAULT_ERROR_PAGE, clbStore, type ClbSimBalancer } from './store.js';
import { accessErrors, monitorErrors, sslErrors, throttleErrors } from './validate.js';

type Params = Record<string, string>;

/** Adds the settings routes. */
export function registerSettingsRoutes(router: Router, world: SimulatorWorld): void {
  const store = clbStore(world);
  const at = (sub: string): string => `${CLB_PREFIX}/loadbalancers/:id/${sub}`;
  const read = (req: SimulatorRequest, p: Params): ClbSimBalancer => {
    authorize(world, req, p.account!);
    return balancerOf(world, p.account!, p.id!);
  };
  const write = (req: SimulatorRequest, p: Params, apply: (b: ClbSimBalancer) => void): ReturnType<typeof accepted> => {
    const b = read(req, p);
    requireActive(b);
    apply(b);
    startUpdate(world, b);
    return accepted();
  };
  const check = (errors: string[]): void => {
    if (errors.length > 0) invalid(errors);
  };

  // Health monitor.
  router.add('GET', at('healthmonitor'), (req, p) => jsonReply(200, { healthMonitor: { ...read(req, p).healthMonitor } }));
  router.add('PUT', at('healthmonitor'), (req, p) =>
    write(req, p, (b) => {
      const m = objectBody(req, 'healthMonitor');
      check(monitorErrors(m));
      b.healthMonitor = { delay: 10, timeout: 10, attemptsBeforeDeactivation: 3, ...m };
    }),
  );
  router.add('DELETE', at('healthmonitor'), (req, p) =>
    write(req, p, (b) => {
      b.healthMonitor = undefined;
    }),
  );

  // Session persistence.
  router.add('GET', at('sessionpersistence'), (req, p) => {
    const b = read(req, p);
    return jsonReply(200, { sessionPersistence: b.sessionPersistence !== undefined ? { persistenceType: b.sessionPersistence } : {} });
  });
  router.add('PUT', at('sessionpersistence'), (req, p) =>
    write(req, p, (b) => {
      const type = objectBody(req, 'sessionPersistence').persistenceType;
      if (type !== 'HTTP_COOKIE' && type !== 'SOURCE_IP') invalid(['persistenceType must be HTTP_COOKIE or SOURCE_IP.']);
      if (type === 'HTTP_COOKIE' && b.protocol !== 'HTTP')
        invalid(['HTTP_COOKIE session persistence is only valid with the HTTP protocol.']);
      b.sessionPersistence = type;
    }),
  );
  router.add('DELETE', at('sessionpersistence'), (req, p) =>
    write(req, p, (b) => {
      b.sessionPersistence = undefined;
    }),
  );

  // Connection logging.
  router.add('GET', at('connectionlogging'), (req, p) =>
    jsonReply(200, { connectionLogging: { enabled: read(req, p).connectionLogging } }),
  );
  router.add('PUT', at('connectionlogging'), (req, p) =>
    write(req, p, (b) => {
      const enabled = objectBody(req, 'connectionLogging').enabled;
      if (typeof enabled !== 'boolean') invalid(['enabled must be true or false.']);
      b.connectionLogging = enabled;
    }),
  );

  // Connection throttle.
  router.add('GET', at('connectionthrottle'), (req, p) => jsonReply(200, { connectionThrottle: { ...read(req, p).connectionThrottle } }));
  router.add('PUT', at('connectionthrottle'), (req, p) =>
    write(req, p, (b) => {
      const t = objectBody(req, 'connectionThrottle');
      check(throttleErrors(t));
      b.connectionThrottle = { ...b.connectionThrottle, ...(t as Record<string, number>) };
    }),
  );
  router.add('DELETE', at('connectionthrottle'), (req, p) =>
    write(req, p, (b) => {
      b.connectionThrottle = undefined;
    }),
  );

  // Access list.
  router.add('GET', at('accesslist'), (req, p) => jsonReply(200, { accessList: read(req, p).accessList.map((i) => ({ ...i })) }));
  router.add('POST', at('accesslist'), (req, p) =>
    write(req, p, (b) => {
      const items = arrayBody(req, 'accessList');
      check(accessErrors(items));
      if (b.accessList.length + items.length > 100) invalid(['An access list may hold at most 100 items.']);
      for (const it of items as { address: string; type: string }[])
        b.accessList.push({ id: store.itemId(), address: it.address, type: it.type });
    }),
  );
  router.add('DELETE', at('accesslist'), (req, p) =>
    write(req, p, (b) => {
      b.accessList = [];
    }),
  );
  router.add('DELETE', at('accesslist/:itemId'), (req, p) => {
    const b = read(req, p);
    if (!b.accessList.some((i) => String(i.id) === p.itemId)) clbFail(404, 'Network item not found');
    return write(req, p, (x) => {
      x.accessList = x.accessList.filter((i) => String(i.id) !== p.itemId);
    });
  });

  // SSL termination (the private key is kept but never shown).
  router.add('GET', at('ssltermination'), (req, p) => {
    const s = read(req, p).sslTermination;
    const { privatekey: _hidden, ...shown } = s ?? {};
    return jsonReply(200, { sslTermination: shown });
  });
  router.add('PUT', at('ssltermination'), (req, p) =>
    write(req, p, (b) => {
      const s = objectBody(req, 'sslTermination');
      check(sslErrors(s, b.port, b.sslTermination !== undefined));
      b.sslTermination = { enabled: true, secureTrafficOnly: false, ...b.sslTermination, ...s };
    }),
  );
  router.add('DELETE', at('ssltermination'), (req, p) =>
    write(req, p, (b) => {
      b.sslTermination = undefined;
    }),
  );

  // Error page.
  router.add('GET', at('errorpage'), (req, p) =>
    jsonReply(200, { errorpage: { content: read(req, p).errorPage ?? CLB_SIM_DEFAULT_ERROR_PAGE } }),
  );
  router.add('PUT', at('errorpage'), (req, p) =>
    write(req, p, (b) => {
      const content = objectBody(req, 'errorpage').content;
      if (typeof content !== 'string' || content.trim() === '' || content.length > 65536)
        invalid(['content must be 1 to 65536 characters.']);
      b.errorPage = content;
    }),
  );
  router.add('DELETE', at('errorpage'), (req, p) =>
    write(req, p, (b) => {
      b.errorPage = undefined;
    }),
  );
}
