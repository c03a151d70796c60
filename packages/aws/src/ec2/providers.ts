import type { ProviderDefinition } from '@cloudmux/core';
import { AWS_REGIONS, ec2EndpointFor } from './regions.js';

/** EC2 Query API version the driver speaks by default. */
export const EC2_API_VERSION = '2016-11-15';

/**
 * Settings a provider definition's `defaults` may carry for the EC2 driver:
 * `apiVersion`, `path` (URL path of the endpoint), `port`, `secure` (https), `signatureVersion` (4 or 2),
 * `signingRegion` (region in SigV4 scopes when the endpoint has none), `requiresHost` (no default endpoint).
 */
export type Ec2ProviderDefaults = Readonly<{
  apiVersion: string;
  path: string;
  port?: number;
  secure: boolean;
  signatureVersion: number;
  signingRegion?: string;
  requiresHost: boolean;
  /**
   * How `createNode` applies its tags (the Name tag, `ex.tags`): `tag-specification` (RunInstances'
   * `TagSpecification`, EC2 since 2017; the default), `create-tags` (a CreateTags call after the
   * launch, for APIs that predate TagSpecification) or `none` (the API has no tags: they are skipped
   * with a `CLOUDMUX_TAGS_SKIPPED` process warning).
   */
  launchTags?: Ec2LaunchTags;
}>;

/** How a provider applies tags at launch; see {@link Ec2ProviderDefaults}. */
export type Ec2LaunchTags = 'tag-specification' | 'create-tags' | 'none';

/** Amazon EC2: every AWS region, SigV4, API version 2016-11-15. */
export const EC2_PROVIDER: ProviderDefinition<Ec2ProviderDefaults> = Object.freeze({
  id: 'ec2',
  name: 'Amazon EC2',
  api: 'ec2',
  defaultRegion: 'us-east-1',
  defaultEndpoint: ec2EndpointFor('us-east-1'),
  regions: AWS_REGIONS,
  defaults: Object.freeze({ apiVersion: EC2_API_VERSION, path: '/', secure: true, signatureVersion: 4, requiresHost: false }),
  docsUrl: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/Welcome.html',
});

/**
 * Eucalyptus (EC2-compatible private cloud): the cloud controller at `http://<host>:8773/services/Eucalyptus`.
 * Defaults follow what Eucalyptus 3.x/4.x front ends accept (API version `3.3.0`, Signature Version 2);
 * Eucalyptus 4.2+ also takes SigV4 (`signatureVersion: 4`, signing region `eucalyptus`).
 */
export const EUCALYPTUS_PROVIDER: ProviderDefinition<Ec2ProviderDefaults> = Object.freeze({
  id: 'eucalyptus',
  name: 'Eucalyptus',
  api: 'ec2',
  regions: [],
  defaults: Object.freeze({
    apiVersion: '3.3.0',
    path: '/services/Eucalyptus',
    port: 8773,
    secure: false,
    signatureVersion: 2,
    signingRegion: 'eucalyptus',
    requiresHost: true,
  }),
  docsUrl: 'https://docs.eucalyptus.cloud/eucalyptus/4.4.5/',
});

/**
 * Nimbus (science clouds; EC2 Query front end): `https://<host>:8444/`, API version `2010-08-31`,
 * Signature Version 2. Its API predates `TagSpecification` and, as in Libcloud, tags are not applied
 * (`launchTags: 'none'`: `createNode` skips the Name tag and `ex.tags` with a warning); no Elastic IPs.
 */
export const NIMBUS_PROVIDER: ProviderDefinition<Ec2ProviderDefaults> = Object.freeze({
  id: 'nimbus',
  name: 'Nimbus',
  api: 'ec2',
  regions: [],
  defaults: Object.freeze({
    apiVersion: '2010-08-31',
    path: '/',
    port: 8444,
    secure: true,
    signatureVersion: 2,
    signingRegion: 'nimbus',
    requiresHost: true,
    launchTags: 'none',
  }),
  docsUrl: 'https://www.nimbusproject.org/docs/current/',
});

/** The presets this package ships, by id. */
export const EC2_PROVIDERS: Readonly<Record<string, ProviderDefinition<Ec2ProviderDefaults>>> = Object.freeze({
  ec2: EC2_PROVIDER,
  eucalyptus: EUCALYPTUS_PROVIDER,
  nimbus: NIMBUS_PROVIDER,
});

/** The EC2-specific `defaults` of a provider definition, filled in from EC2's where absent. */
export function ec2DefaultsOf(provider: ProviderDefinition<Partial<Ec2ProviderDefaults>>): Ec2ProviderDefaults {
  const d = provider.defaults ?? {};
  return {
    apiVersion: d.apiVersion ?? EC2_API_VERSION,
    path: d.path ?? '/',
    ...(d.port !== undefined ? { port: d.port } : {}),
    secure: d.secure ?? true,
    signatureVersion: d.signatureVersion ?? 4,
    ...(d.signingRegion !== undefined ? { signingRegion: d.signingRegion } : {}),
    requiresHost: d.requiresHost === true,
    launchTags: d.launchTags ?? 'tag-specification',
  };
}
