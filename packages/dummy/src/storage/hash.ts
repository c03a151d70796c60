/** Content hash algorithms of the Local driver. */
export type HashAlgorithm = 'sha256' | 'md5';

/** The valid {@link HashAlgorithm} values. */
export const HASH_ALGORITHMS: readonly HashAlgorithm[] = ['sha256', 'md5'];
