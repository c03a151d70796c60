/** A classic ELB listener: a front-end port and protocol forwarding to an instance port and protocol. */
export interface ElbListener {
  /** Front-end protocol (`HTTP`, `HTTPS`, `TCP`, `SSL`). */
  protocol: string;
  /** Front-end port. */
  loadBalancerPort: number;
  /** Back-end protocol (default: the front-end one). */
  instanceProtocol?: string | undefined;
  /** Back-end port. */
  instancePort: number;
  /** ARN of the server certificate (`HTTPS`/`SSL`). */
  sslCertificateId?: string | undefined;
  /** Policies in effect on the listener (as described). */
  policyNames?: readonly string[] | undefined;
}

/** A classic ELB health check. */
export interface ElbHealthCheck {
  /** `PROTOCOL:PORT[/path]`, e.g. `HTTP:80/health` or `TCP:22`. */
  target: string;
  /** Seconds between checks (5–300). */
  interval: number;
  /** Seconds before a check fails (2–60, below `interval`). */
  timeout: number;
  /** Failures before an instance is out of service (2–10). */
  unhealthyThreshold: number;
  /** Successes before an instance is in service (2–10). */
  healthyThreshold: number;
}

/** Health of one registered instance (DescribeInstanceHealth). */
export interface ElbInstanceHealth {
  /** EC2 instance id. */
  instanceId: string;
  /** `InService`, `OutOfService` or `Unknown`. */
  state: string;
  /** `ELB`, `Instance` or `N/A`. */
  reasonCode: string | undefined;
  /** Why, in words. */
  description: string | undefined;
}

/** A classic ELB policy (DescribeLoadBalancerPolicies). */
export interface ElbPolicy {
  /** Policy name. */
  name: string;
  /** Policy type (`LBCookieStickinessPolicyType`, `ProxyProtocolPolicyType`…). */
  typeName: string;
  /** Attributes by name. */
  attributes: Record<string, string>;
}

/** `extra` of classic ELB balancers. */
export interface ElbBalancerExtra {
  /** Public DNS name (classic balancers have no fixed IP). */
  dnsName: string | undefined;
  /** Route 53 hosted zone id for alias records. */
  canonicalHostedZoneNameId: string | undefined;
  /** `internet-facing` or `internal`. */
  scheme: string | undefined;
  /** Portable protocol of the first listener (`http`, `https`, `tcp`, `ssl`). */
  protocol: string | undefined;
  /** Every listener. */
  listeners: ElbListener[];
  /** Availability zones. */
  availabilityZones: string[];
  /** Subnets (VPC balancers). */
  subnets: string[];
  /** Security groups (VPC balancers). */
  securityGroups: string[];
  /** VPC id, for VPC balancers. */
  vpcId: string | undefined;
  /** Registered EC2 instance ids. */
  instanceIds: string[];
  /** Health check. */
  healthCheck: ElbHealthCheck | undefined;
  /** Cookie stickiness policies and other policies by name. */
  policyNames: { lbCookieStickiness: string[]; appCookieStickiness: string[]; other: string[] };
  /** Creation time. */
  createdTime: Date | undefined;
}

/** `ex` of a classic `createBalancer`. */
export interface ElbCreateBalancerEx {
  /** Availability zones (EC2-Classic style; default: the driver's `availabilityZones`, else the region's zone `a`). */
  availabilityZones?: readonly string[] | undefined;
  /** Subnets (VPC balancers; instead of `availabilityZones`). */
  subnets?: readonly string[] | undefined;
  /** Security groups (VPC balancers). */
  securityGroups?: readonly string[] | undefined;
  /** `internal` for an internal balancer (default `internet-facing`). */
  scheme?: 'internet-facing' | 'internal' | undefined;
  /** Instance port of the listener (default: `port`). */
  instancePort?: number | undefined;
  /** Instance protocol of the listener (default: `protocol`). */
  instanceProtocol?: string | undefined;
  /** Server certificate ARN for `https`/`ssl`. */
  sslCertificateId?: string | undefined;
  /** More listeners besides `port`/`protocol`. */
  listeners?: readonly ElbListener[] | undefined;
  /** EC2 instance ids to register right away. */
  instanceIds?: readonly string[] | undefined;
  /** Tags. */
  tags?: Readonly<Record<string, string>> | undefined;
}

/** `extra` of classic ELB members (registered instances). */
export interface ElbMemberExtra {
  /** EC2 instance id (also the member id). */
  instanceId: string;
  /** Health state (`InService`, `OutOfService`, `Unknown`) when known. */
  state?: string | undefined;
}
