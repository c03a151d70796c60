/**
 * Wire types of Rackspace Cloud Load Balancers API v1.0 (JSON), as the API documents them.
 * @module
 */

/** A virtual IP of a balancer. */
export interface ClbVirtualIp {
  /** Virtual IP id (shared between balancers by id). */
  id?: number | undefined;
  /** Address. */
  address?: string | undefined;
  /** `PUBLIC` or `SERVICENET`. */
  type?: string | undefined;
  /** `IPV4` or `IPV6`. */
  ipVersion?: string | undefined;
}

/** A back-end node. */
export interface ClbNode {
  /** Node id. */
  id: number | string;
  /** IP address (or an allowed domain name). */
  address: string;
  /** Port. */
  port: number;
  /** `ENABLED`, `DISABLED` or `DRAINING`. */
  condition?: string | undefined;
  /** `ONLINE`, `OFFLINE` (set by health monitoring). */
  status?: string | undefined;
  /** Weight for the weighted algorithms (1 to 100). */
  weight?: number | undefined;
  /** `PRIMARY` or `SECONDARY`. */
  type?: string | undefined;
}

/** A `{ time }` timestamp object. */
export interface ClbTime {
  /** ISO 8601 time. */
  time?: string | undefined;
}

/** A balancer as `GET /loadbalancers/{id}` (and, with fewer fields, the list) returns it. */
export interface ClbLoadBalancer {
  /** Balancer id (an integer). */
  id: number | string;
  /** Name (128 characters at most). */
  name: string;
  /** Protocol (`HTTP`, `TCP_CLIENT_FIRST`...). */
  protocol?: string | undefined;
  /** Listening port. */
  port?: number | undefined;
  /** Algorithm (`RANDOM`, `ROUND_ROBIN`...). */
  algorithm?: string | undefined;
  /** `ACTIVE`, `BUILD`, `PENDING_UPDATE`, `PENDING_DELETE`, `SUSPENDED`, `ERROR`, `DELETED`. */
  status?: string | undefined;
  /** Idle timeout in seconds. */
  timeout?: number | undefined;
  /** Number of nodes (list view). */
  nodeCount?: number | undefined;
  /** Virtual IPs. */
  virtualIps?: ClbVirtualIp[] | undefined;
  /** Nodes (detail view). */
  nodes?: ClbNode[] | undefined;
  /** Session persistence, when enabled. */
  sessionPersistence?: ClbSessionPersistence | undefined;
  /** Connection throttle, when set. */
  connectionThrottle?: ClbConnectionThrottle | undefined;
  /** Connection logging. */
  connectionLogging?: { enabled?: boolean | undefined } | undefined;
  /** Content caching. */
  contentCaching?: { enabled?: boolean | undefined } | undefined;
  /** Cluster. */
  cluster?: { name?: string | undefined } | undefined;
  /** Creation time. */
  created?: ClbTime | undefined;
  /** Last update time. */
  updated?: ClbTime | undefined;
  /** Source addresses of the balancer's traffic. */
  sourceAddresses?: Record<string, string> | undefined;
  /** Half-closed TCP connections. */
  halfClosed?: boolean | string | undefined;
  /** HTTP to HTTPS redirect. */
  httpsRedirect?: boolean | undefined;
}

/** A page of `GET /loadbalancers`. */
export interface ClbLoadBalancerPage {
  /** Balancers. */
  loadBalancers?: ClbLoadBalancer[] | undefined;
  /** Paging links (`rel: next`). */
  links?: { href?: string | undefined; rel?: string | undefined }[] | undefined;
}

/** The health monitor of a balancer. */
export interface ClbHealthMonitor {
  /** `CONNECT`, `HTTP` or `HTTPS`. */
  type: string;
  /** Seconds between checks (1 to 3600). */
  delay?: number | undefined;
  /** Seconds to wait for a connection (1 to 300). */
  timeout?: number | undefined;
  /** Failed checks before a node is taken out of rotation (1 to 10). */
  attemptsBeforeDeactivation?: number | undefined;
  /** HTTP(S): path requested. */
  path?: string | undefined;
  /** HTTP(S): regular expression the status code must match. */
  statusRegex?: string | undefined;
  /** HTTP(S): regular expression the body must match. */
  bodyRegex?: string | undefined;
  /** HTTP(S): `Host` header sent. */
  hostHeader?: string | undefined;
}

/** Session persistence of a balancer. */
export interface ClbSessionPersistence {
  /** `HTTP_COOKIE` or `SOURCE_IP`. */
  persistenceType?: string | undefined;
}

/** Connection throttling of a balancer. */
export interface ClbConnectionThrottle {
  /** Connections allowed from one IP before throttling applies (0 to 1000). */
  minConnections?: number | undefined;
  /** Connections allowed from one IP (0 to 100000; 0 = unlimited). */
  maxConnections?: number | undefined;
  /** Connections allowed per `rateInterval` from one IP (0 to 100000). */
  maxConnectionRate?: number | undefined;
  /** Seconds over which `maxConnectionRate` counts (1 to 3600). */
  rateInterval?: number | undefined;
}

/** One access list entry. */
export interface ClbNetworkItem {
  /** Item id. */
  id?: number | string | undefined;
  /** Address or CIDR network. */
  address: string;
  /** `ALLOW` or `DENY`. */
  type: string;
}

/** SSL termination settings (the private key is write-only). */
export interface ClbSslTermination {
  /** Whether SSL termination is on. */
  enabled?: boolean | undefined;
  /** Port of the secure listener. */
  securePort?: number | undefined;
  /** Accept only secure traffic. */
  secureTrafficOnly?: boolean | undefined;
  /** Certificate (PEM). */
  certificate?: string | undefined;
  /** Intermediate certificate chain (PEM). */
  intermediateCertificate?: string | undefined;
  /** Private key (PEM), sent only. */
  privatekey?: string | undefined;
}

/** The error body of the Load Balancers API (`{ message, code }`, plus `validationErrors` for a 400). */
export interface ClbFault {
  /** Message. */
  message?: string | undefined;
  /** HTTP status repeated. */
  code?: number | undefined;
  /** Validation failures of a 400. */
  validationErrors?: { messages?: string[] | undefined } | undefined;
  /** Details. */
  details?: string | undefined;
}
