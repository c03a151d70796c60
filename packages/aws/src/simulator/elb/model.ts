import type { Ec2SimulatorCredentials } from '../options.js';

/** A subnet the ELB simulator knows (ELBv2 and VPC classic balancers are placed in subnets). */
export interface ElbSimulatorSubnet {
  /** Subnet id (`subnet-…`). */
  id: string;
  /** Availability zone. */
  zone: string;
  /** VPC id. */
  vpcId: string;
}

/** Options of {@link ElbSimulator.start}. */
export interface ElbSimulatorOptions {
  /** Interface to listen on (default `127.0.0.1`). */
  host?: string | undefined;
  /** Port (default 0: any free port). */
  port?: number | undefined;
  /** Accepted credentials (default: the EC2 simulator's `DEFAULT_CREDENTIALS`). */
  credentials?: Ec2SimulatorCredentials[] | undefined;
  /** Region (signatures must be scoped to it; default `us-east-1`). */
  region?: string | undefined;
  /** Account id in ARNs (default `123456789012`). */
  accountId?: string | undefined;
  /** ELBv2 balancers stay `provisioning` this long before `active` (default 100 ms). */
  provisioningDelayMs?: number | undefined;
  /** Registered targets/instances stay `initial`/`OutOfService` this long before `healthy`/`InService` (default 100 ms). */
  healthyDelayMs?: number | undefined;
  /** Deregistered targets stay `draining` this long (default 100 ms). */
  drainDelayMs?: number | undefined;
  /** Largest page whatever `PageSize` asks (default 400, ELB's maximum): small values exercise `Marker` paging. */
  maxPageSize?: number | undefined;
  /** Subnets (default: three in `vpc-0cloudmux0000001`, zones `<region>a`/`b`/`c`). */
  subnets?: ElbSimulatorSubnet[] | undefined;
  /** Largest accepted difference between `X-Amz-Date` and the clock (default 15 minutes). */
  maxClockSkewMs?: number | undefined;
}

/** A classic listener. */
export interface ClassicListenerRow {
  protocol: string;
  loadBalancerPort: number;
  instanceProtocol: string;
  instancePort: number;
  sslCertificateId: string | undefined;
  policyNames: string[];
}

/** A classic health check. */
export interface ClassicHealthCheckRow {
  target: string;
  interval: number;
  timeout: number;
  unhealthyThreshold: number;
  healthyThreshold: number;
}

/** A classic balancer. */
export interface ClassicBalancerRow {
  seq: number;
  name: string;
  dnsName: string;
  createdAt: number;
  scheme: string;
  listeners: ClassicListenerRow[];
  zones: string[];
  subnets: string[];
  vpcId: string | undefined;
  securityGroups: string[];
  instances: Map<string, number>;
  healthCheck: ClassicHealthCheckRow;
  policies: Map<string, { type: string; attributes: [string, string][] }>;
  tags: [string, string][];
}

/** An ELBv2 balancer. */
export interface V2BalancerRow {
  seq: number;
  arn: string;
  name: string;
  type: 'application' | 'network';
  scheme: string;
  vpcId: string;
  subnets: ElbSimulatorSubnet[];
  securityGroups: string[];
  dnsName: string;
  createdAt: number;
  forcedState: { code: string; reason: string | undefined } | undefined;
}

/** An ELBv2 target. */
export interface TargetRow {
  id: string;
  port: number;
  registeredAt: number;
  deregisteredAt: number | undefined;
}

/** An ELBv2 target group. */
export interface TargetGroupRow {
  seq: number;
  arn: string;
  name: string;
  protocol: string;
  port: number;
  vpcId: string;
  targetType: string;
  healthCheck: {
    protocol: string;
    port: string;
    path: string | undefined;
    interval: number;
    timeout: number;
    healthy: number;
    unhealthy: number;
    matcher: string | undefined;
  };
  targets: Map<string, TargetRow>;
  attributes: Map<string, string>;
}

/** An ELBv2 action. */
export interface ActionRow {
  type: string;
  targetGroupArn: string | undefined;
}

/** An ELBv2 listener. */
export interface ListenerRow {
  seq: number;
  arn: string;
  lbArn: string;
  port: number;
  protocol: string;
  certificateArn: string | undefined;
  defaultActions: ActionRow[];
}

/** An ELBv2 rule. */
export interface RuleRow {
  seq: number;
  arn: string;
  listenerArn: string;
  priority: number;
  conditions: { field: string; values: string[] }[];
  actions: ActionRow[];
}
