import { inspect } from 'node:util';
import { AlreadyExistsError, BadRequestError, NotFoundError, ProviderError } from '@cloudmux/core/errors';
import { Algorithm, LoadBalancerDriver, LoadBalancerState, type LoadBalancerDriverClass } from '@cloudmux/core/loadbalancer';
import {
  RACKSPACE_ALGORITHMS,
  RACKSPACE_BALANCER_STATES,
  RackspaceBalancerBusyError,
  RackspaceLoadBalancerDriver,
  mapLoadBalancerFault,
  toPortableProtocol,
} from '../../src/loadbalancer/index.js';
import { toBalancerState } from '../../src/loadbalancer/maps.js';
import { toBalancer, toMember } from '../../src/loadbalancer/to-resources.js';

class Detached extends LoadBalancerDriver {}
const ctx = {
  provider: 'rackspace',
  method: 'PUT',
  url: 'https://dfw.example/v1.0/1/loadbalancers/7',
  action: 'update balancer 7',
  requestId: 'req-1',
};

describe('Cloud Load Balancers tables', () => {
  it('maps every documented status, and unknown ones to unknown', () => {
    expect(Object.keys(RACKSPACE_BALANCER_STATES).sort()).toEqual(
      ['ACTIVE', 'BUILD', 'DELETED', 'ERROR', 'PENDING_CREATE', 'PENDING_DELETE', 'PENDING_UPDATE', 'SUSPENDED'].sort(),
    );
    expect(toBalancerState('ACTIVE')).toBe(LoadBalancerState.RUNNING);
    expect(toBalancerState('PENDING_UPDATE')).toBe(LoadBalancerState.PENDING);
    expect(toBalancerState('BUILD')).toBe(LoadBalancerState.PENDING);
    expect(toBalancerState('SUSPENDED')).toBe(LoadBalancerState.ERROR);
    expect(toBalancerState('DELETED')).toBe(LoadBalancerState.DELETED);
    expect(toBalancerState('constructor')).toBe(LoadBalancerState.UNKNOWN);
    expect(toBalancerState(undefined)).toBe(LoadBalancerState.UNKNOWN);
  });

  it('maps the five algorithms to portable ones', () => {
    expect(Object.keys(RACKSPACE_ALGORITHMS).map((k) => [k, RACKSPACE_ALGORITHMS[k]])).toEqual([
      ['LEAST_CONNECTIONS', Algorithm.LEAST_CONNECTIONS],
      ['RANDOM', Algorithm.RANDOM],
      ['ROUND_ROBIN', Algorithm.ROUND_ROBIN],
      ['WEIGHTED_LEAST_CONNECTIONS', Algorithm.WEIGHTED_LEAST_CONNECTIONS],
      ['WEIGHTED_ROUND_ROBIN', Algorithm.WEIGHTED_ROUND_ROBIN],
    ]);
  });

  it('spells protocols the portable way', () => {
    expect(['HTTP', 'TCP_CLIENT_FIRST', 'IMAPv4', 'DNS_UDP'].map(toPortableProtocol)).toEqual([
      'http',
      'tcp-client-first',
      'imapv4',
      'dns-udp',
    ]);
  });
});

describe('mapLoadBalancerFault', () => {
  it('keeps every validation message of a 400', () => {
    const e = mapLoadBalancerFault(
      400,
      JSON.stringify({
        validationErrors: { messages: ['Node ip is invalid.', 'Must provide a virtual ip'] },
        message: 'Validation Failure',
        code: 400,
      }),
      ctx,
    );
    expect(e).toBeInstanceOf(BadRequestError);
    expect(e.providerMessage).toBe('Validation Failure: Node ip is invalid.; Must provide a virtual ip');
    expect(e.message).toContain('update balancer 7 (PUT https://dfw.example/v1.0/1/loadbalancers/7) failed with HTTP 400');
    expect(e.requestId).toBe('req-1');
  });

  it('maps 422 immutable to the retryable busy error, other 422s and 404s to their classes', () => {
    const busy = mapLoadBalancerFault(
      422,
      '{"message":"Load Balancer \'7\' has a status of \'PENDING_UPDATE\' and is considered immutable.","code":422}',
      ctx,
    );
    expect(busy).toBeInstanceOf(RackspaceBalancerBusyError);
    expect(busy).toMatchObject({ retryable: true, status: 422, balancerStatus: 'PENDING_UPDATE', providerCode: 'immutableEntity' });
    const other = mapLoadBalancerFault(422, '{"message":"The Object at the specified URI is unprocessable.","code":422}', ctx);
    expect(other).toBeInstanceOf(BadRequestError);
    expect(other.retryable).toBe(false);
    expect(mapLoadBalancerFault(404, '{"message":"Load balancer not found","code":404}', ctx)).toBeInstanceOf(NotFoundError);
    expect(
      mapLoadBalancerFault(
        400,
        '{"validationErrors":{"messages":["Duplicate nodes detected."]},"message":"Validation Failure","code":400}',
        ctx,
      ),
    ).toBeInstanceOf(AlreadyExistsError);
    const garbage = mapLoadBalancerFault(500, '<html>oops</html>', ctx);
    expect(garbage).toBeInstanceOf(ProviderError);
    expect(garbage.retryable).toBe(true);
  });
});

describe('mappers', () => {
  it('takes the public IPv4 virtual IP as the balancer address', () => {
    const d = new Detached();
    const b = toBalancer(
      {
        id: 71,
        name: 'lb-site1',
        protocol: 'HTTP',
        port: 80,
        algorithm: 'RANDOM',
        status: 'PENDING_UPDATE',
        nodeCount: 3,
        virtualIps: [
          { id: 9000137, address: '2001:db8::5', type: 'PUBLIC', ipVersion: 'IPV6' },
          { id: 403, address: '206.55.130.1', type: 'PUBLIC', ipVersion: 'IPV4' },
        ],
        created: { time: '2010-11-30T03:23:42Z' },
      },
      d,
    );
    expect([b.id, b.name, b.ip, b.port, b.state]).toEqual(['71', 'lb-site1', '206.55.130.1', 80, LoadBalancerState.PENDING]);
    expect(b.extra).toMatchObject({ protocol: 'http', algorithm: Algorithm.RANDOM, nodeCount: 3, created: '2010-11-30T03:23:42Z' });
    expect(b.driver).toBe(d);
    expect(toBalancer({ id: 1, name: 'n', virtualIps: [] }, d).ip).toBeUndefined();
    const m = toMember(
      { id: 410, address: '10.1.1.1', port: 80, condition: 'DRAINING', status: 'ONLINE', weight: 3, type: 'PRIMARY' },
      '71',
    );
    expect([m.id, m.ip, m.port, m.balancerId, m.extra.condition, m.extra.weight]).toEqual(['410', '10.1.1.1', 80, '71', 'DRAINING', 3]);
  });

  it('is a load balancer driver class the registry accepts', () => {
    const cls: LoadBalancerDriverClass = RackspaceLoadBalancerDriver;
    expect(cls.capabilities).toHaveLength(11);
    expect(RackspaceLoadBalancerDriver.provider.regions.map((r) => r.id)).toEqual(['DFW', 'ORD', 'IAD', 'LON', 'SYD', 'HKG']);
  });

  it('never shows the API key when a driver is inspected or serialized', () => {
    const d = new RackspaceLoadBalancerDriver('demo', 'Sup3r-Secret-Api-Key', { region: 'LON' });
    try {
      expect(inspect(d, { depth: 8, showHidden: true })).not.toContain('Sup3r-Secret-Api-Key');
      expect(JSON.stringify(d)).not.toContain('Sup3r-Secret-Api-Key');
      expect(d.region).toBe('LON');
    } finally {
      d.close();
    }
  });
});
