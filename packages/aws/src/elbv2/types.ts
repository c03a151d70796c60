/** ELBv2 balancer types. */
export type Elbv2BalancerType = 'application' | 'network';

/** A target group's health check settings (CreateTargetGroup / ModifyTargetGroup). */
export interface Elbv2HealthCheck {
  /** `HTTP`, `HTTPS` or `TCP`. */
  protocol?: string | undefined;
  /** `traffic-port` or a port number as text. */
  port?: string | undefined;
  /** Path of HTTP(S) checks. */
  path?: string | undefined;
  /** Seconds between checks (5–300). */
  intervalSeconds?: number | undefined;
  /** Seconds before a check fails (2–120). */
  timeoutSeconds?: number | undefined;
  /** Successes before a target is healthy (2–10). */
  healthyThresholdCount?: number | undefined;
  /** Failures before a target is unhealthy (2–10). */
  unhealthyThresholdCount?: number | undefined;
  /** HTTP codes counted as success (`200`, `200-299`). */
  matcher?: string | undefined;
}

/** A target group (DescribeTargetGroups). */
export interface Elbv2TargetGroup {
  /** ARN (the id to pass back). */
  arn: string;
  /** Name. */
  name: string;
  /** `HTTP`, `HTTPS`, `TCP`, `UDP`, `TLS`, `TCP_UDP`. */
  protocol: string | undefined;
  /** Port. */
  port: number | undefined;
  /** VPC. */
  vpcId: string | undefined;
  /** `instance`, `ip`, `lambda` or `alb`. */
  targetType: string | undefined;
  /** Balancers forwarding to it. */
  loadBalancerArns: string[];
  /** Health check settings. */
  healthCheck: Elbv2HealthCheck;
}

/** Options of `exCreateTargetGroup`. */
export interface Elbv2CreateTargetGroupOptions {
  /** Name (1–32 letters, digits, hyphens). */
  name: string;
  /** Protocol (`HTTP`, `TCP`…). */
  protocol: string;
  /** Port. */
  port: number;
  /** VPC id. */
  vpcId: string;
  /** `ip` (default) or `instance`. */
  targetType?: 'ip' | 'instance' | undefined;
  /** Health check settings. */
  healthCheck?: Elbv2HealthCheck | undefined;
  /** Aborts the call. */
  signal?: AbortSignal | undefined;
}

/** One target's health (DescribeTargetHealth). */
export interface Elbv2TargetHealth {
  /** IP address or instance id. */
  id: string;
  /** Port. */
  port: number | undefined;
  /** `initial`, `healthy`, `unhealthy`, `unused`, `draining`, `unavailable`. */
  state: string;
  /** Reason code (`Elb.RegistrationInProgress`…). */
  reason: string | undefined;
  /** Why, in words. */
  description: string | undefined;
}

/** A listener action (`forward` to a target group, `fixed-response`, `redirect`). */
export interface Elbv2Action {
  /** Action type. */
  type: string;
  /** Target group of a `forward` action. */
  targetGroupArn?: string | undefined;
}

/** A listener (DescribeListeners). */
export interface Elbv2Listener {
  /** ARN. */
  arn: string;
  /** Balancer ARN. */
  loadBalancerArn: string | undefined;
  /** Port. */
  port: number;
  /** Protocol (`HTTP`, `HTTPS`, `TCP`…). */
  protocol: string;
  /** Default actions. */
  defaultActions: Elbv2Action[];
}

/** A rule condition (`path-pattern`, `host-header`, `http-request-method`…) with its values. */
export interface Elbv2Condition {
  /** Field. */
  field: string;
  /** Values (patterns). */
  values: string[];
}

/** A listener rule (DescribeRules). */
export interface Elbv2Rule {
  /** ARN. */
  arn: string;
  /** Priority (`default` for the default rule). */
  priority: string;
  /** Conditions. */
  conditions: Elbv2Condition[];
  /** Actions. */
  actions: Elbv2Action[];
  /** Whether this is the listener's default rule. */
  isDefault: boolean;
}

/** `extra` of ELBv2 balancers. */
export interface Elbv2BalancerExtra {
  /** ARN (also the balancer id). */
  arn: string;
  /** `application` or `network`. */
  type: string | undefined;
  /** Wire state: `provisioning`, `active`, `active_impaired`, `failed`. */
  stateCode: string | undefined;
  /** State reason, when AWS gives one. */
  stateReason: string | undefined;
  /** Public DNS name. */
  dnsName: string | undefined;
  /** Route 53 hosted zone id for alias records. */
  canonicalHostedZoneId: string | undefined;
  /** `internet-facing` or `internal`. */
  scheme: string | undefined;
  /** VPC id. */
  vpcId: string | undefined;
  /** Zones and their subnets. */
  availabilityZones: { zoneName: string; subnetId: string | undefined }[];
  /** Security groups. */
  securityGroups: string[];
  /** Portable protocol of the first listener. */
  protocol: string | undefined;
  /** Listeners. */
  listeners: Elbv2Listener[];
  /** Target group of the first listener's `forward` action: where portable members go. */
  targetGroupArn: string | undefined;
  /** Creation time. */
  createdTime: Date | undefined;
}

/** `ex` of an ELBv2 `createBalancer`. */
export interface Elbv2CreateBalancerEx {
  /** `application` (default for `http`/`https`) or `network` (default for `tcp`/`udp`/`tls`/`tcp-udp`). */
  type?: Elbv2BalancerType | undefined;
  /** Subnets (default: the driver's `subnets`); an application load balancer needs two zones. */
  subnets?: readonly string[] | undefined;
  /** Security groups (application load balancers). */
  securityGroups?: readonly string[] | undefined;
  /** `internal` for an internal balancer (default `internet-facing`). */
  scheme?: 'internet-facing' | 'internal' | undefined;
  /** Name of the target group made for the balancer (default: the balancer's name). */
  targetGroupName?: string | undefined;
  /** Target protocol (default `HTTP` for application, the listener's for network balancers). */
  targetProtocol?: string | undefined;
  /** Health check of the target group. */
  healthCheck?: Elbv2HealthCheck | undefined;
  /** Certificate ARN of an `https`/`tls` listener. */
  certificateArn?: string | undefined;
  /** Tags. */
  tags?: Readonly<Record<string, string>> | undefined;
}

/** `extra` of ELBv2 members (targets). */
export interface Elbv2MemberExtra {
  /** Target group ARN. */
  targetGroupArn: string;
  /** Health state (`initial`, `healthy`…). */
  state: string | undefined;
}
