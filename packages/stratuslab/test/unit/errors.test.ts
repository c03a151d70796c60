// Wire errors → core errors: OpenNebula result codes, XML-RPC faults, PDisk HTTP errors.
import {
  AlreadyExistsError,
  BadRequestError,
  InvalidCredentialsError,
  NotFoundError,
  ProviderError,
  ServiceUnavailableError,
} from '@cloudmux/core/errors';
import type { HttpErrorContext } from '@cloudmux/core/http';
import { faultError, hexCode, mapPdiskError, ONE_ERROR_CLASSES, oneError } from '../../src/compute/errors.js';

const pdisk = (status: number, body: object | string): HttpErrorContext => ({
  provider: 'stratuslab',
  status,
  headers: {},
  bodyText: typeof body === 'string' ? body : JSON.stringify(body),
  method: 'POST',
  url: 'https://pdisk.example.org:8445/pswd/disks/',
  requestId: undefined,
  retryAfterMs: undefined,
});

describe('OpenNebula result codes', () => {
  it.each([
    [0x0100, InvalidCredentialsError],
    [0x0200, InvalidCredentialsError],
    [0x0400, NotFoundError],
    [0x0800, BadRequestError],
    [0x1000, BadRequestError],
    [0x2000, ServiceUnavailableError],
  ])('code %i maps to its class, with the code and message kept', (code, cls) => {
    const e = oneError('one.vm.info', '[VirtualMachineInfo] Error', code, 'lal');
    expect(e).toBeInstanceOf(cls);
    expect(e.providerCode).toBe(hexCode(code));
    expect(e.providerMessage).toBe('[VirtualMachineInfo] Error');
    expect(e.message).toContain('stratuslab (lal): one.vm.info failed');
  });

  it('falls back to ProviderError for unknown codes; the table has no prototype keys', () => {
    const e = oneError('one.vm.info', 'odd', 0x4000, 'lal');
    expect(e.constructor).toBe(ProviderError);
    expect(ONE_ERROR_CLASSES['constructor']).toBeUndefined();
  });

  it('maps XML-RPC faults: authentication ones to InvalidCredentialsError, others to BadRequestError', () => {
    expect(faultError('one.vm.info', -1, 'User not authorized', 'lal')).toBeInstanceOf(InvalidCredentialsError);
    const e = faultError('one.vm.migrate', -506, "Method 'one.vm.migrate' not defined", 'lal');
    expect(e).toBeInstanceOf(BadRequestError);
    expect(e.providerCode).toBe('fault:-506');
  });
});

describe('PDisk errors', () => {
  it('maps 403 "Mount already exists" to AlreadyExistsError and 409 to BadRequestError, keeping the message', () => {
    const dup = mapPdiskError(pdisk(403, { message: 'Mount already exists for x on VM 3', code: 403 }));
    expect(dup).toBeInstanceOf(AlreadyExistsError);
    expect(dup.providerMessage).toBe('Mount already exists for x on VM 3');
    expect(mapPdiskError(pdisk(409, { message: "disk (x) is in use and can't be deleted", code: 409 }))).toBeInstanceOf(BadRequestError);
  });

  it('maps other statuses by status (401, 404, 503), also with a non-JSON body', () => {
    expect(mapPdiskError(pdisk(401, '<html>Unauthorized</html>'))).toBeInstanceOf(InvalidCredentialsError);
    expect(mapPdiskError(pdisk(404, { message: 'disk (x) does not exist', code: 404 }))).toBeInstanceOf(NotFoundError);
    expect(mapPdiskError(pdisk(503, ''))).toBeInstanceOf(ServiceUnavailableError);
    expect(mapPdiskError(pdisk(403, { message: 'insufficient rights to delete disk', code: 403 }))).not.toBeInstanceOf(AlreadyExistsError);
  });
});
