/**
 * Ping, account, keys (account and sub-user), datacenters, services, config.
 * @module
 */
import { jsonReply, type Router, type SimulatorReply } from '@cloudmux/core/testing';
import type { EndpointFactory, RouteContext } from '../context.js';
import { CloudApiError, missingParameter, notFound } from '../errors.js';
import { ACCOUNT_FIELDS, type SimKey } from '../model.js';
import { str } from '../params.js';
import { accountJson, keyJson } from '../serialize.js';
import { findKey, parsePublicKey } from '../store.js';

function keyCollection(ctx: RouteContext): { keys: Map<string, SimKey>; base: string } {
  const user = ctx.params['user'];
  if (user === undefined) return { keys: ctx.account.keys, base: `/${ctx.account.login}/keys` };
  const u = ctx.account.users.get(user) ?? notFound(`${user} does not exist`);
  return { keys: u.keys, base: `/${ctx.account.login}/users/${u.login}/keys` };
}

function listKeys(ctx: RouteContext): SimulatorReply {
  return jsonReply(200, [...keyCollection(ctx).keys.values()].map(keyJson));
}

function getKey(ctx: RouteContext): SimulatorReply {
  const { keys } = keyCollection(ctx);
  const key = findKey(keys, ctx.params['key']!) ?? notFound(`${ctx.params['key']} does not exist`);
  return jsonReply(200, keyJson(key));
}

function createKey(ctx: RouteContext): SimulatorReply {
  const { keys, base } = keyCollection(ctx);
  const text = str(ctx.input, 'key') ?? missingParameter('key');
  const key = parsePublicKey(str(ctx.input, 'name'), text);
  if (keys.has(key.name)) throw new CloudApiError('InvalidArgument', `key with name ${key.name} already exists`);
  for (const k of keys.values()) {
    if (k.fingerprint === key.fingerprint)
      throw new CloudApiError('InvalidArgument', `key with fingerprint ${key.fingerprint} already exists`);
  }
  keys.set(key.name, key);
  return jsonReply(201, keyJson(key), { location: `${base}/${encodeURIComponent(key.name)}` });
}

function deleteKey(ctx: RouteContext): SimulatorReply {
  const { keys } = keyCollection(ctx);
  const key = findKey(keys, ctx.params['key']!) ?? notFound(`${ctx.params['key']} does not exist`);
  keys.delete(key.name);
  return { status: 204 };
}

function updateAccount(ctx: RouteContext): SimulatorReply {
  const a = ctx.account;
  for (const field of ACCOUNT_FIELDS) {
    const v = ctx.input[field];
    if (v === undefined) continue;
    if (field === 'triton_cns_enabled') {
      if (typeof v !== 'boolean' && v !== 'true' && v !== 'false')
        throw new CloudApiError('InvalidArgument', 'triton_cns_enabled must be a boolean');
      a.profile[field] = v === true || v === 'true';
    } else {
      a.profile[field] = str(ctx.input, field) ?? '';
    }
  }
  a.updated = new Date();
  return jsonReply(200, accountJson(a));
}

/** Mounts ping, account, key, datacenter, service and config routes. */
export function mountAccountRoutes(router: Router, ep: EndpointFactory): void {
  router.add(
    'GET',
    '/--ping',
    ep.open('all', () => jsonReply(200, { ping: 'pong', cloudapi: { versions: ep.served('modern') } })),
  );
  router.add(
    'GET',
    '/:login',
    ep.route('all', (ctx) => jsonReply(200, accountJson(ctx.account))),
  );
  router.add('POST', '/:login', ep.route('modern', updateAccount));

  for (const prefix of ['/:login/keys', '/:login/users/:user/keys']) {
    const kind = prefix.includes('users') ? 'modern' : 'all';
    router.add('GET', prefix, ep.route(kind, listKeys));
    router.add('POST', prefix, ep.route(kind, createKey));
    router.add('GET', `${prefix}/:key`, ep.route(kind, getKey));
    router.add('DELETE', `${prefix}/:key`, ep.route(kind, deleteKey));
  }

  router.add(
    'GET',
    '/:login/datacenters',
    ep.route('all', (ctx) => jsonReply(200, { ...ctx.store.settings.datacenters })),
  );
  router.add(
    'GET',
    '/:login/datacenters/:name',
    ep.route('all', (ctx) => {
      const name = ctx.params['name']!;
      const url = ctx.store.settings.datacenters[name] ?? notFound(`${name} is not a valid datacenter`);
      return jsonReply(302, { code: 'ResourceMoved', message: `${name} ${url}` }, { location: url });
    }),
  );
  router.add(
    'GET',
    '/:login/services',
    ep.route('modern', (ctx) => jsonReply(200, { cloudapi: ctx.url })),
  );
  router.add(
    'GET',
    '/:login/config',
    ep.route('modern', (ctx) => jsonReply(200, { default_network: ctx.store.networks.find((n) => n.fabric)?.id })),
  );
}
