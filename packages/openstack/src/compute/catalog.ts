/**
 * Flavors (→ sizes, with extra specs and prices), availability zones (→ locations) and key pairs.
 * @module
 */
import { requireId, type CallOptions } from '@cloudmux/core';
import type { ImportKeyPairOptions, KeyPair, NodeLocation, NodeSize } from '@cloudmux/core/compute';
import { findSizePrice } from '@cloudmux/core/pricing';
import { iteratePages, nextLink } from '../common/paging.js';
import type { OpenStackContext } from './context.js';
import { microversionAtLeast } from './microversion.js';
import { toKeyPair, toLocation, toSize } from './to-resources.js';
import type { OpenStackKeyPairExtra, OpenStackLocationExtra, OpenStackSizeExtra } from './types.js';
import type { NovaAvailabilityZone, NovaFlavor, NovaKeyPair } from './wire.js';

/**
 * Iterates flavors as sizes (every page); extra specs from the flavor (2.61+, or the `OS-FLV-WITH-EXT-SPECS`
 * extension) or `os-extra_specs`.
 */
export async function* iterateSizes(ctx: OpenStackContext, options: CallOptions = {}): AsyncGenerator<NodeSize<OpenStackSizeExtra>> {
  const negotiated = await ctx.compute.negotiate(options.signal);
  const embedded = microversionAtLeast(negotiated, 2, 61);
  const pages = iteratePages<NovaFlavor>(ctx.compute, { method: 'GET', path: 'flavors/detail', signal: options.signal }, (body) => {
    const b = body as { flavors?: NovaFlavor[]; flavors_links?: unknown };
    return { items: b.flavors ?? [], next: nextLink(b.flavors_links) };
  });
  for await (const f of pages) {
    let specs: Record<string, string> | undefined = f['OS-FLV-WITH-EXT-SPECS:extra_specs'];
    if (!embedded && specs === undefined) {
      const res = await ctx.compute.request<{ extra_specs: Record<string, string> }>({
        method: 'GET',
        path: `flavors/${encodeURIComponent(f.id)}/os-extra_specs`,
        signal: options.signal,
      });
      specs = res.body.extra_specs;
    }
    yield toSize(f, ctx.driver, findSizePrice('compute', ctx.settings.provider, f.id, ctx.settings.region), specs);
  }
}

/** One flavor as a size. */
export async function getSize(ctx: OpenStackContext, id: string, options: CallOptions = {}): Promise<NodeSize<OpenStackSizeExtra>> {
  requireId(id, 'id', { method: 'exGetSize', provider: ctx.settings.provider, what: 'flavor id' });
  const negotiated = await ctx.compute.negotiate(options.signal);
  const res = await ctx.compute.request<{ flavor: NovaFlavor }>({
    method: 'GET',
    path: `flavors/${encodeURIComponent(id)}`,
    signal: options.signal,
  });
  let specs: Record<string, string> | undefined = res.body.flavor['OS-FLV-WITH-EXT-SPECS:extra_specs'];
  if (!microversionAtLeast(negotiated, 2, 61) && specs === undefined) {
    specs = (
      await ctx.compute.request<{ extra_specs: Record<string, string> }>({
        method: 'GET',
        path: `flavors/${encodeURIComponent(id)}/os-extra_specs`,
        signal: options.signal,
      })
    ).body.extra_specs;
  }
  return toSize(res.body.flavor, ctx.driver, findSizePrice('compute', ctx.settings.provider, id, ctx.settings.region), specs);
}

/** Availability zones as locations. */
export async function listLocations(ctx: OpenStackContext, options: CallOptions = {}): Promise<NodeLocation<OpenStackLocationExtra>[]> {
  const res = await ctx.compute.request<{ availabilityZoneInfo: NovaAvailabilityZone[] }>({
    method: 'GET',
    path: 'os-availability-zone',
    signal: options.signal,
  });
  return (res.body.availabilityZoneInfo ?? []).map((z) => toLocation(z, ctx.driver, ctx.settings.region));
}

/** Iterates key pairs of the user (paged from 2.35). */
export async function* iterateKeyPairs(ctx: OpenStackContext, options: CallOptions = {}): AsyncGenerator<KeyPair<OpenStackKeyPairExtra>> {
  const pages = iteratePages<{ keypair: NovaKeyPair }>(
    ctx.compute,
    { method: 'GET', path: 'os-keypairs', signal: options.signal },
    (body) => {
      const b = body as { keypairs?: { keypair: NovaKeyPair }[]; keypairs_links?: unknown };
      return { items: b.keypairs ?? [], next: nextLink(b.keypairs_links) };
    },
  );
  for await (const k of pages) yield toKeyPair(k.keypair, ctx.driver);
}

function keyPath(ctx: OpenStackContext, name: string, method: string): string {
  return `os-keypairs/${encodeURIComponent(requireId(name, 'name', { method, provider: ctx.settings.provider, what: 'key pair name' }))}`;
}

/** One key pair by name; `NotFoundError` if absent. */
export async function getKeyPair(ctx: OpenStackContext, name: string, options: CallOptions = {}): Promise<KeyPair<OpenStackKeyPairExtra>> {
  const res = await ctx.compute.request<{ keypair: NovaKeyPair }>({
    method: 'GET',
    path: keyPath(ctx, name, 'getKeyPair'),
    signal: options.signal,
  });
  return toKeyPair(res.body.keypair, ctx.driver);
}

/** Has Nova generate a key pair (returns the private key once; refused by Nova from 2.92). */
export async function createKeyPair(
  ctx: OpenStackContext,
  name: string,
  options: CallOptions = {},
): Promise<KeyPair<OpenStackKeyPairExtra>> {
  requireId(name, 'name', { method: 'createKeyPair', provider: ctx.settings.provider, what: 'key pair name' });
  const res = await ctx.compute.request<{ keypair: NovaKeyPair }>({
    method: 'POST',
    path: 'os-keypairs',
    json: { keypair: { name } },
    signal: options.signal,
  });
  return toKeyPair(res.body.keypair, ctx.driver);
}

/** Imports an OpenSSH public key. */
export async function importKeyPair(ctx: OpenStackContext, options: ImportKeyPairOptions): Promise<KeyPair<OpenStackKeyPairExtra>> {
  requireId(options.name, 'name', { method: 'importKeyPairFromString', provider: ctx.settings.provider, what: 'key pair name' });
  const res = await ctx.compute.request<{ keypair: NovaKeyPair }>({
    method: 'POST',
    path: 'os-keypairs',
    json: { keypair: { name: options.name, public_key: options.publicKey.trim() } },
    signal: options.signal,
  });
  return toKeyPair(res.body.keypair, ctx.driver);
}

/** Deletes a key pair; `NotFoundError` if absent. */
export async function deleteKeyPair(ctx: OpenStackContext, keyPair: KeyPair | string, options: CallOptions = {}): Promise<boolean> {
  const name = typeof keyPair === 'string' ? keyPair : keyPair.name;
  await ctx.compute.request({ method: 'DELETE', path: keyPath(ctx, name, 'deleteKeyPair'), signal: options.signal });
  return true;
}
