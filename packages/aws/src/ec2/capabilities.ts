import type { Capabilities } from '@cloudmux/core';
import { COMPUTE_METHODS, type ComputeMethod } from '@cloudmux/core/compute';

/** Amazon EC2 and Eucalyptus: every portable compute method. */
export const EC2_CAPABILITIES: Capabilities<ComputeMethod> = Object.freeze([...COMPUTE_METHODS]);

/** Nimbus: instances, images, zones and key pairs; no start/stop, EBS volumes or snapshots. */
export const NIMBUS_CAPABILITIES: Capabilities<ComputeMethod> = Object.freeze(
  COMPUTE_METHODS.filter(
    (m) =>
      ![
        'startNode',
        'stopNode',
        'listVolumes',
        'createVolume',
        'attachVolume',
        'detachVolume',
        'destroyVolume',
        'listVolumeSnapshots',
        'createVolumeSnapshot',
        'destroyVolumeSnapshot',
      ].includes(m),
  ),
);

/** Capabilities of the presets by provider id; other EC2-compatible definitions get {@link EC2_CAPABILITIES}. */
export const EC2_PRESET_CAPABILITIES: Readonly<Record<string, Capabilities<ComputeMethod>>> = Object.freeze({
  ec2: EC2_CAPABILITIES,
  eucalyptus: EC2_CAPABILITIES,
  nimbus: NIMBUS_CAPABILITIES,
});
