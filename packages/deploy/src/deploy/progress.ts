import { EventEmitter } from 'node:events';
import type { DeployProgressEvent } from '@cloudmux/core/compute';

/**
 * EventEmitter view of `deployNode` progress: pass `progress.onProgress` as the `onProgress` option,
 * then listen to `'progress'` (every event) or to a phase (`'step-done'`, `'wait-ssh'`...).
 *
 * @example
 * const progress = new DeployProgress();
 * progress.on('step-done', (e) => console.log(e.step, e.result?.exitCode));
 * await deployNode(driver, { ...options, onProgress: progress.onProgress });
 */
export class DeployProgress extends EventEmitter {
  /** Callback to pass as `onProgress`; re-emits each event as `'progress'` and as its phase. */
  readonly onProgress = (event: DeployProgressEvent): void => {
    this.emit('progress', event);
    this.emit(event.phase, event);
  };
}
