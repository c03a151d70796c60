/**
 * Option and extra types of the Rackspace Cloud Servers driver.
 * @module
 */
import type { CallOptions } from '@cloudmux/core';
import type { NodeImage, Ref } from '@cloudmux/core/compute';
import type { OpenStackCreateNodeEx, OpenStackCreateNodeOptions, OpenStackNodeExtra } from '@cloudmux/openstack';

/**
 * `ex` of `createNode` on Cloud Servers: the OpenStack keys, of which Rackspace-relevant ones are `diskConfig`
 * (`OS-DCF:diskConfig`: `AUTO` or `MANUAL`), `configDrive` (`config_drive`), `keyName`, `networks` (Cloud
 * Networks ids; PublicNet `00000000-0000-0000-0000-000000000000`, ServiceNet `11111111-1111-1111-1111-111111111111`),
 * `metadata` and `userData` (read through a config drive).
 */
export type RackspaceCreateNodeEx = OpenStackCreateNodeEx;

/** `createNode` options of Cloud Servers. */
export type RackspaceCreateNodeOptions = OpenStackCreateNodeOptions;

/** `node.extra` of a Cloud Server (`diskConfig` is `OS-DCF:diskConfig`). */
export type RackspaceNodeExtra = OpenStackNodeExtra;

/** Options of `exRescueNode`. */
export interface RescueNodeOptions extends CallOptions {
  /** Admin password of the rescue environment (default: Cloud Servers generates one and returns it). */
  password?: string | undefined;
  /** Image to boot the rescue environment from (`rescue_image_ref`; default the server's base image). */
  image?: Ref<NodeImage> | undefined;
}
