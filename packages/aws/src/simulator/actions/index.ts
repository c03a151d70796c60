import { addressActions } from './addresses.js';
import type { ActionTable } from './context.js';
import { imageActions } from './images.js';
import { instanceActions } from './instances.js';
import { keyPairActions } from './key-pairs.js';
import { regionActions } from './regions.js';
import { securityGroupActions } from './security-groups.js';
import { tagActions } from './tags.js';
import { volumeActions } from './volumes.js';

/** Every action the simulator implements. */
export const ACTIONS: Readonly<ActionTable> = Object.freeze({
  ...instanceActions,
  ...imageActions,
  ...volumeActions,
  ...keyPairActions,
  ...securityGroupActions,
  ...addressActions,
  ...tagActions,
  ...regionActions,
});
