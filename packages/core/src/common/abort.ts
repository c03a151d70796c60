import { AbortError } from '../errors/cloud-error.js';

/** Throws {@link AbortError} (`<what> aborted`, default `Operation aborted`) if `signal` is aborted. */
export function throwIfAborted(signal: AbortSignal | undefined, what = 'Operation'): void {
  if (signal?.aborted) throw new AbortError(`${what} aborted`, { cause: signal.reason });
}

/** Resolves after `ms` milliseconds; rejects with {@link AbortError} if `signal` aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  throwIfAborted(signal);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new AbortError('Operation aborted', { cause: signal?.reason }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
