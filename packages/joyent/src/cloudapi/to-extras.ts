import type { JoyentAccount, JoyentAccountUpdate, JoyentAuditEntry, JoyentFirewallRule, JoyentNetwork, JoyentNic } from './types.js';
import type { WireAccount, WireAuditEntry, WireFirewallRule, WireNetwork, WireNic } from './wire.js';
import { toDate } from './date.js';

/** Maps a network. */
export function toNetwork(n: WireNetwork): JoyentNetwork {
  return {
    id: n.id,
    name: n.name,
    public: n.public === true,
    fabric: n.fabric === true,
    description: n.description,
    subnet: n.subnet,
    gateway: n.gateway,
    resolvers: n.resolvers ?? [],
    provisionStartIp: n.provision_start_ip,
    provisionEndIp: n.provision_end_ip,
    internetNat: n.internet_nat,
  };
}

/** Maps a NIC. */
export function toNic(n: WireNic): JoyentNic {
  return { mac: n.mac, ip: n.ip, primary: n.primary === true, netmask: n.netmask, gateway: n.gateway, network: n.network, state: n.state };
}

/** Maps a firewall rule. */
export function toFirewallRule(r: WireFirewallRule): JoyentFirewallRule {
  return { id: r.id, rule: r.rule, enabled: r.enabled === true, global: r.global === true, description: r.description };
}

/** Maps the account. */
export function toAccount(a: WireAccount): JoyentAccount {
  return {
    id: a.id,
    login: a.login,
    email: a.email,
    companyName: a.companyName,
    firstName: a.firstName,
    lastName: a.lastName,
    address: a.address,
    postalCode: a.postalCode,
    city: a.city,
    state: a.state,
    country: a.country,
    phone: a.phone,
    tritonCnsEnabled: a.triton_cns_enabled,
    created: toDate(a.created),
    updated: toDate(a.updated),
  };
}

/** Turns an account update into the wire body (only the fields given). */
export function fromAccountUpdate(u: JoyentAccountUpdate): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const [k, v] of Object.entries(u)) {
    if (v === undefined) continue;
    out[k === 'tritonCnsEnabled' ? 'triton_cns_enabled' : k] = v as string | boolean;
  }
  return out;
}

/** Maps an audit entry. */
export function toAuditEntry(e: WireAuditEntry): JoyentAuditEntry {
  return {
    action: e.action,
    success: e.success === 'yes',
    time: toDate(e.time) ?? new Date(0),
    caller: { type: e.caller?.type, ip: e.caller?.ip, keyId: e.caller?.keyId, user: e.caller?.user },
    parameters: e.parameters ?? {},
  };
}
