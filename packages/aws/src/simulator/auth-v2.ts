import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SimulatorRequest } from '@cloudmux/core/testing';
import { stringToSignV2 } from '../signing/sigv2.js';
import type { AuthResult, AuthSettings } from './auth.js';
import { Ec2Error } from './errors.js';

const ALGORITHMS: Record<string, string> = { HmacSHA256: 'sha256', HmacSHA1: 'sha1' };

/** Whether a request carries Signature Version 2 parameters (and no SigV4 `Authorization` header). */
export function isSignatureV2(req: SimulatorRequest, params: ReadonlyMap<string, string>): boolean {
  return req.headers.authorization === undefined && (params.has('SignatureVersion') || params.has('AWSAccessKeyId'));
}

/**
 * Verifies an AWS Signature Version 2 Query API request (what older Eucalyptus and Nimbus front ends
 * take): `AWSAccessKeyId`, `SignatureVersion=2`, `SignatureMethod` (`HmacSHA256` or `HmacSHA1`),
 * `Timestamp` or `Expires`, optional `SecurityToken`, and `Signature` over every other parameter
 * (query and form body). Errors follow EC2: unknown key → 401 `AuthFailure`, mismatch → 403
 * `SignatureDoesNotMatch`, stale or expired → 400 `RequestExpired`.
 */
export function verifySigV2(req: SimulatorRequest, params: ReadonlyMap<string, string>, settings: AuthSettings, now: number): AuthResult {
  const get = (name: string): string | undefined => params.get(name);
  const missing = ['AWSAccessKeyId', 'SignatureVersion', 'SignatureMethod', 'Signature'].find((n) => get(n) === undefined);
  if (missing)
    throw new Ec2Error('MissingParameter', `The request must contain the parameter ${missing}`, missing === 'AWSAccessKeyId' ? 401 : 400);
  if (get('SignatureVersion') !== '2')
    throw new Ec2Error(
      'InvalidParameterValue',
      `Value (${get('SignatureVersion') ?? ''}) for parameter SignatureVersion is invalid. Valid Signature versions are 2 and 4.`,
    );
  const algorithm = ALGORITHMS[get('SignatureMethod') ?? ''];
  if (!algorithm)
    throw new Ec2Error(
      'InvalidParameterValue',
      `Value (${get('SignatureMethod') ?? ''}) for parameter SignatureMethod is invalid. Unknown signature method.`,
    );
  const timestamp = get('Timestamp');
  const expires = get('Expires');
  if ((timestamp === undefined) === (expires === undefined)) {
    throw new Ec2Error('MissingParameter', 'The request must contain exactly one of the parameters Timestamp or Expires');
  }
  const creds = settings.credentials.get(get('AWSAccessKeyId') as string);
  if (!creds) throw new Ec2Error('AuthFailure', 'AWS was not able to validate the provided access credentials', 401);
  const at = Date.parse((timestamp ?? expires) as string);
  if (Number.isNaN(at))
    throw new Ec2Error(
      'InvalidParameterValue',
      `Value (${(timestamp ?? expires) as string}) for parameter ${timestamp ? 'Timestamp' : 'Expires'} is invalid.`,
    );
  if (timestamp !== undefined ? Math.abs(now - at) > settings.maxClockSkewMs : now > at) {
    throw new Ec2Error(
      'RequestExpired',
      `Request has expired. ${timestamp ? 'Timestamp' : 'Expires'} date is ${(timestamp ?? expires) as string}`,
    );
  }
  const token = get('SecurityToken');
  if (creds.sessionToken !== undefined ? token !== creds.sessionToken : token !== undefined) {
    throw new Ec2Error('AuthFailure', 'AWS was not able to validate the provided access credentials', 401);
  }
  if (creds.expiration !== undefined && now >= creds.expiration.getTime()) throw new Ec2Error('RequestExpired', 'Request has expired.');
  const host = (Array.isArray(req.headers.host) ? req.headers.host[0] : req.headers.host) ?? req.url.host;
  const toSign = stringToSignV2(req.method, host, req.url.pathname, [...params.entries()]);
  const expected = createHmac(algorithm, creds.secretAccessKey).update(toSign, 'utf8').digest();
  const given = Buffer.from(get('Signature') as string, 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new Ec2Error(
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      403,
    );
  }
  return { accessKeyId: creds.accessKeyId };
}
