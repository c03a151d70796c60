import { JoyentNodeDriver } from './driver.js';

/**
 * @deprecated The base/subclass split is gone: use {@link JoyentNodeDriver} (this is the same class).
 */
export const JoyentDriverBase: typeof JoyentNodeDriver = JoyentNodeDriver;
/** @deprecated Use {@link JoyentNodeDriver}. */
export type JoyentDriverBase = JoyentNodeDriver;
