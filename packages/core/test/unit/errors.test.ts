import { CloudError, NotSupportedError, InvalidArgumentError } from '@cloudmux/core/errors';
import { NotFoundError, ProviderError, RateLimitError } from '@cloudmux/core/errors';

describe('error hierarchy', () => {
  it('keeps instanceof along the chain and a stable code', () => {
    const e = new RateLimitError('slow down', { status: 429, retryAfterMs: 1000, provider: 'joyent' });
    expect(e).toBeInstanceOf(RateLimitError);
    expect(e).toBeInstanceOf(ProviderError);
    expect(e).toBeInstanceOf(CloudError);
    expect(e).toBeInstanceOf(Error);
    expect(e).not.toBeInstanceOf(NotFoundError);
    expect(e.code).toBe('ERR_RATE_LIMIT');
    expect(e.retryable).toBe(true);
    expect(e.name).toBe('RateLimitError');
  });

  it('matches errors made by another copy of the classes (branded)', () => {
    class CopyCloudError extends Error {}
    const foreign = new CopyCloudError('x');
    Object.defineProperty(foreign, Symbol.for('cloudmux.error'), { value: true });
    Object.defineProperty(foreign, Symbol.for('cloudmux.error.kinds'), {
      value: new Set(['NotFoundError', 'ProviderError', 'CloudError']),
    });
    expect(foreign).toBeInstanceOf(NotFoundError);
    expect(foreign).toBeInstanceOf(CloudError);
    expect(foreign).not.toBeInstanceOf(InvalidArgumentError);
  });

  it('names the provider and method when not supported', () => {
    const e = new NotSupportedError('Joyent', 'createVolume');
    expect(e.message).toBe('Joyent does not support createVolume');
    expect(e.code).toBe('ERR_NOT_SUPPORTED');
  });
});
