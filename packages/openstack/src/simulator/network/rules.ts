/**
 * Validation of a `security_group_rule` request body, with Neutron's error types.
 * @module
 */
import { str, type Json } from '../json.js';
import { neutronError } from './errors.js';
import type { SimRule } from './model.js';

const PROTOCOLS: Readonly<Record<string, string>> = {
  tcp: '6',
  udp: '17',
  icmp: '1',
  icmpv6: '58',
  'ipv6-icmp': '58',
  sctp: '132',
  dccp: '33',
  udplite: '136',
  gre: '47',
  esp: '50',
  ah: '51',
  vrrp: '112',
};
const PORT_PROTOCOLS = new Set(['6', '17', '132', '33', '136']);
const ICMP = new Set(['1', '58']);
const CIDR4 = /^(\d{1,3})(\.\d{1,3}){3}\/(\d|[12]\d|3[0-2])$/;
const CIDR6 = /^[0-9a-f:]*:[0-9a-f:.]*\/\d{1,3}$/i;

function portValue(v: unknown): number | null {
  if (v === undefined || v === null) return null;
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 65535)
    neutronError(400, 'InvalidInput', `Invalid input for operation: Invalid value for port ${String(v)}.`);
  return n;
}

/** The rule fields of a request body, checked the way Neutron checks them. */
export function parseRule(body: Json): Pick<
  SimRule,
  'direction' | 'ethertype' | 'protocol' | 'portMin' | 'portMax' | 'remoteIpPrefix' | 'remoteGroupId' | 'description'
> & {
  groupId: string;
} {
  const groupId = str(body.security_group_id);
  if (groupId === undefined)
    neutronError(400, 'HTTPBadRequest', "Failed to parse request. Required attribute 'security_group_id' not specified");
  const direction = body.direction;
  if (direction !== 'ingress' && direction !== 'egress')
    neutronError(400, 'HTTPBadRequest', `Invalid input for direction. Reason: '${String(direction)}' is not in ['ingress', 'egress'].`);
  const ethertype = body.ethertype ?? 'IPv4';
  if (ethertype !== 'IPv4' && ethertype !== 'IPv6')
    neutronError(400, 'HTTPBadRequest', `Invalid input for ethertype. Reason: '${String(ethertype)}' is not in ['IPv4', 'IPv6'].`);
  let protocol: string | null = null;
  if (body.protocol !== undefined && body.protocol !== null && body.protocol !== 'any') {
    const raw = String(body.protocol).toLowerCase();
    const number = PROTOCOLS[raw] ?? raw;
    if (!/^\d+$/.test(number) || Number(number) > 255)
      neutronError(
        400,
        'SecurityGroupRuleInvalidProtocol',
        `Security group rule protocol ${raw} not supported. Only protocol values [${Object.keys(PROTOCOLS).join(', ')}] and integer representations [0 to 255] are supported.`,
      );
    protocol = raw;
  }
  const number = protocol === null ? null : (PROTOCOLS[protocol] ?? protocol);
  const portMin = portValue(body.port_range_min);
  const portMax = portValue(body.port_range_max);
  if ((portMin !== null || portMax !== null) && number === null)
    neutronError(400, 'SecurityGroupProtocolRequiredWithPorts', 'Must also specify protocol if port range is given.');
  if (number !== null && ICMP.has(number)) {
    if ((portMin !== null && portMin > 255) || (portMax !== null && portMax > 255))
      neutronError(400, 'SecurityGroupInvalidIcmpValue', `Invalid value for ICMP port_range_min/port_range_max: must be 0-255.`);
    if (portMin === null && portMax !== null)
      neutronError(
        400,
        'SecurityGroupMissingIcmpType',
        `ICMP code (port-range-max) ${portMax} is provided but ICMP type (port-range-min) is missing.`,
      );
  } else if (portMin !== null || portMax !== null) {
    if (number === null || !PORT_PROTOCOLS.has(number))
      neutronError(
        400,
        'SecurityGroupInvalidProtocolForPortRange',
        `Invalid protocol ${protocol ?? ''} for port range, only supported for TCP, UDP, UDPLITE, SCTP and DCCP.`,
      );
    if (portMin === null || portMax === null || portMin > portMax || portMin === 0)
      neutronError(400, 'SecurityGroupInvalidPortRange', 'For TCP/UDP protocols, port_range_min must be <= port_range_max');
  }
  const prefix = body.remote_ip_prefix === undefined || body.remote_ip_prefix === null ? null : String(body.remote_ip_prefix);
  const remoteGroupId = str(body.remote_group_id) ?? null;
  if (prefix !== null && remoteGroupId !== null)
    neutronError(400, 'SecurityGroupRemoteGroupAndRemoteIpPrefix', 'Only remote_ip_prefix or remote_group_id may be provided.');
  if (prefix !== null) {
    const v6 = CIDR6.test(prefix);
    if (!v6 && !CIDR4.test(prefix))
      neutronError(400, 'HTTPBadRequest', `Invalid input for remote_ip_prefix. Reason: '${prefix}' is not a valid IP subnet.`);
    if (v6 !== (ethertype === 'IPv6'))
      neutronError(400, 'SecurityGroupRuleParameterConflict', `Conflicting value ethertype ${ethertype} for CIDR ${prefix}`);
  }
  return {
    groupId,
    direction,
    ethertype,
    protocol,
    portMin,
    portMax,
    remoteIpPrefix: prefix,
    remoteGroupId,
    description: typeof body.description === 'string' ? body.description : '',
  };
}

/** Whether two rules match the same traffic (Neutron refuses the second with `SecurityGroupRuleExists`). */
export function sameRule(a: SimRule, b: SimRule): boolean {
  return (
    a.direction === b.direction &&
    a.ethertype === b.ethertype &&
    a.protocol === b.protocol &&
    a.portMin === b.portMin &&
    a.portMax === b.portMax &&
    a.remoteIpPrefix === b.remoteIpPrefix &&
    a.remoteGroupId === b.remoteGroupId
  );
}
