import { describe, expect, it } from '@jest/globals';
import {
  AlreadyExistsError,
  BadRequestError,
  InvalidArgumentError,
  NotFoundError,
  QuotaExceededError,
  RateLimitError,
} from '@cloudmux/core/errors';
import { LoadBalancer, LoadBalancerDriver, LoadBalancerState } from '@cloudmux/core/loadbalancer';
import { ElbLoadBalancerDriver } from '../../src/elb/driver.js';
import { mapElbError } from '../../src/elb/errors.js';
import { toBalancer as toClassic } from '../../src/elb/to-balancer.js';
import { AlbLoadBalancerDriver } from '../../src/elbv2/driver.js';
import { toElbv2BalancerState } from '../../src/elbv2/index.js';
import { toBalancer as toV2, toListener } from '../../src/elbv2/to-resources.js';
import { parseXml, xmlObject, type XmlObject } from '../../src/xml/index.js';

class NoDriver extends LoadBalancerDriver {}

function result(xml: string, action: string): XmlObject {
  const doc = parseXml(xml, new Set(['member']));
  return xmlObject(xmlObject(doc[`${action}Response`])?.[`${action}Result`]) as XmlObject;
}

function errorContext(code: string, status = 400): Parameters<typeof mapElbError>[0] {
  return {
    provider: 'alb',
    status,
    method: 'POST',
    url: 'https://elasticloadbalancing.us-east-1.amazonaws.com/',
    headers: {},
    bodyText: `<ErrorResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/"><Error><Type>Sender</Type><Code>${code}</Code><Message>m</Message></Error><RequestId>req-1</RequestId></ErrorResponse>`,
    requestId: undefined,
    retryAfterMs: undefined,
    errorContext: { action: 'DescribeLoadBalancers' },
  } as Parameters<typeof mapElbError>[0];
}

describe('ELB wire mappers', () => {
  it('maps a classic description with one listener member (not an array) and policies', () => {
    const r = result(
      `<DescribeLoadBalancersResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/"><DescribeLoadBalancersResult><LoadBalancerDescriptions><member>
        <ListenerDescriptions><member><PolicyNames><member>sticky</member></PolicyNames><Listener><Protocol>HTTP</Protocol><LoadBalancerPort>80</LoadBalancerPort><InstanceProtocol>HTTP</InstanceProtocol><InstancePort>8080</InstancePort></Listener></member></ListenerDescriptions>
        <LoadBalancerName>web</LoadBalancerName><DNSName>web-1.us-east-1.elb.amazonaws.com</DNSName>
        <Policies><AppCookieStickinessPolicies/><LBCookieStickinessPolicies><member><PolicyName>sticky</PolicyName></member></LBCookieStickinessPolicies><OtherPolicies/></Policies>
        <AvailabilityZones><member>us-east-1a</member><member>us-east-1b</member></AvailabilityZones><Subnets/>
        <Instances><member><InstanceId>i-1</InstanceId></member></Instances>
        <HealthCheck><Target>HTTP:8080/</Target><Interval>30</Interval><Timeout>5</Timeout><UnhealthyThreshold>2</UnhealthyThreshold><HealthyThreshold>10</HealthyThreshold></HealthCheck>
        <CreatedTime>2026-01-02T03:04:05.000Z</CreatedTime><Scheme>internal</Scheme>
      </member></LoadBalancerDescriptions></DescribeLoadBalancersResult></DescribeLoadBalancersResponse>`,
      'DescribeLoadBalancers',
    );
    const d = xmlObject(xmlObject(r.LoadBalancerDescriptions)?.member) as XmlObject;
    const b = toClassic(d, new NoDriver());
    expect(b).toBeInstanceOf(LoadBalancer);
    expect([b.id, b.port, b.state, b.ip]).toEqual(['web', 80, LoadBalancerState.RUNNING, undefined]);
    expect(b.extra).toMatchObject({
      protocol: 'http',
      scheme: 'internal',
      availabilityZones: ['us-east-1a', 'us-east-1b'],
      instanceIds: ['i-1'],
      healthCheck: { target: 'HTTP:8080/', interval: 30, timeout: 5, unhealthyThreshold: 2, healthyThreshold: 10 },
      policyNames: { lbCookieStickiness: ['sticky'], appCookieStickiness: [], other: [] },
    });
    expect(b.extra.listeners).toEqual([
      {
        protocol: 'HTTP',
        loadBalancerPort: 80,
        instanceProtocol: 'HTTP',
        instancePort: 8080,
        sslCertificateId: undefined,
        policyNames: ['sticky'],
      },
    ]);
    expect(b.extra.createdTime?.toISOString()).toBe('2026-01-02T03:04:05.000Z');
  });

  it('maps an ELBv2 balancer: ARN id, lowest listener port, state table, forward target group', () => {
    const r = result(
      `<DescribeLoadBalancersResponse><DescribeLoadBalancersResult><LoadBalancers><member><LoadBalancerArn>arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/net/n/abc</LoadBalancerArn>
        <LoadBalancerName>n</LoadBalancerName><State><Code>active_impaired</Code></State><Type>network</Type>
        <AvailabilityZones><member><ZoneName>us-east-1a</ZoneName><SubnetId>subnet-1</SubnetId></member></AvailabilityZones></member></LoadBalancers></DescribeLoadBalancersResult></DescribeLoadBalancersResponse>`,
      'DescribeLoadBalancers',
    );
    const l = (port: number, proto: string, tg: string) =>
      toListener(
        xmlObject(
          xmlObject(
            parseXml(
              `<Listeners><member><ListenerArn>l${port}</ListenerArn><Port>${port}</Port><Protocol>${proto}</Protocol><DefaultActions><member><Type>forward</Type><TargetGroupArn>${tg}</TargetGroupArn></member></DefaultActions></member></Listeners>`,
              new Set(['member']),
            ).Listeners,
          )?.member,
        ) as XmlObject,
      );
    const d = xmlObject(xmlObject(r.LoadBalancers)?.member) as XmlObject;
    const b = toV2(d, [l(443, 'TCP_UDP', 'tg-b'), l(53, 'UDP', 'tg-a')], new NoDriver());
    expect([b.id, b.port, b.state, b.extra.protocol, b.extra.targetGroupArn, b.extra.stateCode]).toEqual([
      'arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/net/n/abc',
      53,
      LoadBalancerState.RUNNING,
      'udp',
      'tg-a',
      'active_impaired',
    ]);
    expect(b.extra.availabilityZones).toEqual([{ zoneName: 'us-east-1a', subnetId: 'subnet-1' }]);
  });

  it('maps state codes through the table, unknown ones to unknown', () => {
    expect(['provisioning', 'active', 'active_impaired', 'failed', 'gone', undefined].map(toElbv2BalancerState)).toEqual([
      LoadBalancerState.PENDING,
      LoadBalancerState.RUNNING,
      LoadBalancerState.RUNNING,
      LoadBalancerState.ERROR,
      LoadBalancerState.UNKNOWN,
      LoadBalancerState.UNKNOWN,
    ]);
  });
});

describe('ELB error mapping', () => {
  it.each([
    ['LoadBalancerNotFound', NotFoundError],
    ['AccessPointNotFound', NotFoundError],
    ['TargetGroupNotFound', NotFoundError],
    ['DuplicateLoadBalancerName', AlreadyExistsError],
    ['DuplicateAccessPointName', AlreadyExistsError],
    ['TooManyLoadBalancers', QuotaExceededError],
    ['Throttling', RateLimitError],
    ['ValidationError', BadRequestError],
  ] as const)('%s → %p with code, message and request id', (code, cls) => {
    const err = mapElbError(errorContext(code));
    expect(err).toBeInstanceOf(cls);
    expect([err.providerCode, err.providerMessage, err.requestId]).toEqual([code, 'm', 'req-1']);
    expect(err.message).toContain('DescribeLoadBalancers');
  });

  it('keeps InvalidConfigurationRequest (409) a refused request', () => {
    const err = mapElbError(errorContext('InvalidConfigurationRequest', 409));
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err.status).toBe(409);
  });
});

describe('ELB driver options', () => {
  it('lists the valid regions for an unknown one and uses the region endpoint', () => {
    expect(() => new ElbLoadBalancerDriver('AKIA', 'secret', { region: 'mars-1' })).toThrow(
      /unknown region "mars-1"\. Valid regions: us-east-1, /,
    );
    expect(new AlbLoadBalancerDriver('AKIA', 'secret', { region: 'eu-west-1' }).endpoint).toBe(
      'https://elasticloadbalancing.eu-west-1.amazonaws.com',
    );
    expect(new ElbLoadBalancerDriver('AKIA', 'secret', { region: 'cn-north-1' }).endpoint).toBe(
      'https://elasticloadbalancing.cn-north-1.amazonaws.com.cn',
    );
  });

  it('refuses unknown options, bad page sizes and missing secrets', () => {
    expect(() => new ElbLoadBalancerDriver('AKIA', 'secret', { nope: 1 } as never)).toThrow(InvalidArgumentError);
    expect(() => new AlbLoadBalancerDriver('AKIA', 'secret', { pageSize: 401 })).toThrow(/pageSize/);
    expect(() => new AlbLoadBalancerDriver('AKIA', '')).toThrow(/secret access key/);
    expect(() => new AlbLoadBalancerDriver('AKIA', 'secret', { subnets: [] })).toThrow(/subnets/);
  });

  it('reads fromEnv: region, per-API endpoint variables, and keeps the secret out of inspect', async () => {
    const env = {
      AWS_ACCESS_KEY_ID: 'AKIAENV',
      AWS_SECRET_ACCESS_KEY: 'env-secret-value',
      AWS_REGION: 'eu-central-1',
      AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING: 'http://127.0.0.1:1/classic',
      AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2: 'http://127.0.0.1:1/v2',
      AWS_CONFIG_FILE: '/nonexistent',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
    };
    const elb = ElbLoadBalancerDriver.fromEnv(env);
    const alb = AlbLoadBalancerDriver.fromEnv(env);
    expect([elb.endpoint, elb.region, alb.endpoint]).toEqual(['http://127.0.0.1:1/classic', 'eu-central-1', 'http://127.0.0.1:1/v2']);
    expect(AlbLoadBalancerDriver.fromEnv({ ...env, AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2: '' }).endpoint).toBe(
      'https://elasticloadbalancing.eu-central-1.amazonaws.com',
    );
    const { inspect } = await import('node:util');
    expect(inspect(alb, { depth: 10, showHidden: true })).not.toContain('env-secret-value');
  });
});
