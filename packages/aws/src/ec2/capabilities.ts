import type { Capabilities } from '@cloudmux/core';
import { COMPUTE_METHODS, type ComputeMethod } from '@cloudmux/core/compute';

/** Amazon EC2 and Eucalyptus: every portable compute method. */
export const EC2_CAPABILITIES: Capabilities<ComputeMethod> = Object.freeze([...COMPUTE_METHODS]);

/**
 * Nimbus, as Libcloud 0.14's provider matrix lists it: nodes (list, create, reboot, destroy, deploy),
 * images, sizes, every block-storage method (list/create/destroy/attach/detach volumes, list and create
 * snapshots) and start/stop (Libcloud's `ex_start_node`/`ex_stop_node`, inherited from the EC2 base
 * driver), key pairs. What Nimbus lacks is outside the portable API: tags (see `launchTags`) and Elastic IPs.
 */
export const NIMBUS_CAPABILITIES: Capabilities<ComputeMethod> = Object.freeze([...COMPUTE_METHODS]);

/** Capabilities of the presets by provider id; other EC2-compatible definitions get {@link EC2_CAPABILITIES}. */
export const EC2_PRESET_CAPABILITIES: Readonly<Record<string, Capabilities<ComputeMethod>>> = Object.freeze({
  ec2: EC2_CAPABILITIES,
  eucalyptus: EC2_CAPABILITIES,
  nimbus: NIMBUS_CAPABILITIES,
});
