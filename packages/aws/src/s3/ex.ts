import { InvalidArgumentError } from '@cloudmux/core/errors';
import { assertKnownOptions } from '@cloudmux/core';

/** S3 storage classes accepted by `ex.storageClass`. */
export const S3_STORAGE_CLASSES = [
  'STANDARD',
  'REDUCED_REDUNDANCY',
  'STANDARD_IA',
  'ONEZONE_IA',
  'INTELLIGENT_TIERING',
  'GLACIER',
  'GLACIER_IR',
  'DEEP_ARCHIVE',
  'EXPRESS_ONEZONE',
] as const;

/** Server-side encryption modes accepted by `ex.serverSideEncryption`. */
export const S3_SSE_MODES = ['AES256', 'aws:kms', 'aws:kms:dsse'] as const;

/** `ex` of S3 uploads. */
export interface S3UploadEx {
  /** `x-amz-server-side-encryption`. */
  serverSideEncryption?: (typeof S3_SSE_MODES)[number] | undefined;
  /** `x-amz-server-side-encryption-aws-kms-key-id` (with `aws:kms`). */
  kmsKeyId?: string | undefined;
  /** `x-amz-storage-class`. */
  storageClass?: (typeof S3_STORAGE_CLASSES)[number] | undefined;
}

/** The request headers of an upload's `ex` (validated). */
export function exHeaders(ex: S3UploadEx | undefined): Record<string, string> {
  if (ex === undefined) return {};
  if (typeof ex !== 'object' || ex === null) throw new InvalidArgumentError('S3 upload ex must be an object');
  assertKnownOptions('S3 upload ex', ex, ['serverSideEncryption', 'kmsKeyId', 'storageClass']);
  const out: Record<string, string> = {};
  if (ex.serverSideEncryption !== undefined) {
    if (!(S3_SSE_MODES as readonly string[]).includes(ex.serverSideEncryption))
      throw new InvalidArgumentError(
        `Invalid ex.serverSideEncryption ${JSON.stringify(ex.serverSideEncryption)}. Valid values: ${S3_SSE_MODES.join(', ')}`,
      );
    out['x-amz-server-side-encryption'] = ex.serverSideEncryption;
  }
  if (ex.kmsKeyId !== undefined) {
    if (typeof ex.kmsKeyId !== 'string' || ex.kmsKeyId.length === 0 || !out['x-amz-server-side-encryption']?.startsWith('aws:kms'))
      throw new InvalidArgumentError('ex.kmsKeyId needs ex.serverSideEncryption "aws:kms" and a non-empty key id');
    out['x-amz-server-side-encryption-aws-kms-key-id'] = ex.kmsKeyId;
  }
  if (ex.storageClass !== undefined) {
    if (!(S3_STORAGE_CLASSES as readonly string[]).includes(ex.storageClass))
      throw new InvalidArgumentError(
        `Invalid ex.storageClass ${JSON.stringify(ex.storageClass)}. Valid values: ${S3_STORAGE_CLASSES.join(', ')}`,
      );
    out['x-amz-storage-class'] = ex.storageClass;
  }
  return out;
}
