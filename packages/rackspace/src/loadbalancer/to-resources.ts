/**
 * Pure mappers: Cloud Load Balancers wire objects → portable `LoadBalancer` and `Member`.
 * @module
 */
import { LoadBalancer, Member, type Algorithm, type LoadBalancerDriver } from '@cloudmux/core/loadbalancer';
import { toAlgorithm, toBalancerState, toPortableProtocol } from './maps.js';
import type { ClbLoadBalancer, ClbNode, ClbVirtualIp } from './wire.js';

/** Rackspace data of a balancer. */
export interface RackspaceBalancerExtra {
  /** Rackspace status (`ACTIVE`, `BUILD`, `PENDING_UPDATE`...). */
  status: string | undefined;
  /** Protocol, portable spelling (`http`, `tcp-client-first`). */
  protocol: string | undefined;
  /** Algorithm, when it is one of the portable ones. */
  algorithm: Algorithm | undefined;
  /** Algorithm as Rackspace names it. */
  rackspaceAlgorithm: string | undefined;
  /** Virtual IPs. */
  virtualIps: readonly ClbVirtualIp[];
  /** Number of nodes (list view) or nodes listed (detail view). */
  nodeCount: number | undefined;
  /** Idle timeout in seconds. */
  timeout: number | undefined;
  /** Creation time (ISO 8601). */
  created: string | undefined;
  /** Last update (ISO 8601). */
  updated: string | undefined;
  /** Cluster name. */
  cluster: string | undefined;
  /** Source addresses of the balancer's traffic (`ipv4Public`, `ipv4Servicenet`, `ipv6Public`). */
  sourceAddresses: Readonly<Record<string, string>> | undefined;
  /** Connection logging enabled (detail view). */
  connectionLogging: boolean | undefined;
  /** Session persistence type (detail view), when enabled. */
  sessionPersistence: string | undefined;
}

/** Rackspace data of a member (node). */
export interface RackspaceMemberExtra {
  /** `ENABLED`, `DISABLED` or `DRAINING`. */
  condition: string | undefined;
  /** `ONLINE`/`OFFLINE` as health monitoring sees it. */
  status: string | undefined;
  /** Weight. */
  weight: number | undefined;
  /** `PRIMARY` or `SECONDARY`. */
  type: string | undefined;
}

/** The balancer's address: its first public IPv4 virtual IP, else its first virtual IP. */
export function balancerAddress(vips: readonly ClbVirtualIp[]): string | undefined {
  const v4 = vips.find((v) => v.type === 'PUBLIC' && v.ipVersion === 'IPV4') ?? vips.find((v) => v.ipVersion === 'IPV4');
  return (v4 ?? vips[0])?.address;
}

/** A portable balancer from the wire. */
export function toBalancer(w: ClbLoadBalancer, driver: LoadBalancerDriver): LoadBalancer<RackspaceBalancerExtra> {
  const vips = Array.isArray(w.virtualIps) ? w.virtualIps : [];
  return new LoadBalancer<RackspaceBalancerExtra>(
    {
      id: String(w.id),
      name: w.name,
      state: toBalancerState(w.status),
      ip: balancerAddress(vips),
      port: typeof w.port === 'number' ? w.port : Number(w.port ?? 0),
      extra: {
        status: w.status,
        protocol: w.protocol !== undefined ? toPortableProtocol(w.protocol) : undefined,
        algorithm: toAlgorithm(w.algorithm),
        rackspaceAlgorithm: w.algorithm,
        virtualIps: vips,
        nodeCount: w.nodeCount ?? (Array.isArray(w.nodes) ? w.nodes.length : undefined),
        timeout: w.timeout,
        created: w.created?.time,
        updated: w.updated?.time,
        cluster: w.cluster?.name,
        sourceAddresses: w.sourceAddresses,
        connectionLogging: w.connectionLogging?.enabled,
        sessionPersistence: w.sessionPersistence?.persistenceType,
      },
    },
    driver,
  );
}

/** A portable member from a node. */
export function toMember(n: ClbNode, balancerId: string): Member<RackspaceMemberExtra> {
  return new Member<RackspaceMemberExtra>({
    id: String(n.id),
    ip: n.address,
    port: n.port,
    balancerId,
    extra: { condition: n.condition, status: n.status, weight: n.weight, type: n.type },
  });
}
