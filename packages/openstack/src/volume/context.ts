/**
 * What the Cinder functions need from the driver's context: the structural subset of `OpenStackContext`
 * (`src/compute/context.ts`), so this module depends on the service clients only.
 * @module
 */
import type { NodeDriver } from '@cloudmux/core/compute';
import type { ServiceClient } from '../common/service-client.js';

/** The parts of `OpenStackContext` the volume functions use. */
export interface VolumeContext {
  /** Driver, as the back-reference of the volumes and snapshots returned. */
  readonly driver: NodeDriver;
  /** Nova (volume attachments live there). */
  readonly compute: ServiceClient;
  /** Cinder v3 (catalog type `block-storage`/`volumev3`). */
  readonly volume: ServiceClient;
}
