import { InvalidArgumentError } from '@cloudmux/core/errors';
import type { AwsCredentials } from '../signing/sigv4.js';
import { loadAwsProfile, sharedFilePaths, type Env } from './shared-files.js';

/** Where {@link readAwsEnv} found the credentials. */
export type AwsCredentialSource = 'environment' | 'profile';

/** Credentials, region and endpoint read from the environment and the shared files. */
export interface AwsEnvConfig {
  /** The credentials. */
  credentials: AwsCredentials;
  /** `AWS_REGION`, `AWS_DEFAULT_REGION`, or the profile's `region`. */
  region: string | undefined;
  /** `AWS_ENDPOINT_URL_EC2`, `AWS_ENDPOINT_URL`, or the profile's `endpoint_url`. */
  endpoint: string | undefined;
  /** Where the credentials came from. */
  source: AwsCredentialSource;
  /** Profile used for credentials or settings, if any. */
  profile: string | undefined;
}

/** Settings that need an AWS SDK credential provider this package does not implement. */
const UNSUPPORTED_PROFILE_KEYS = ['role_arn', 'credential_process', 'sso_session', 'sso_start_url', 'web_identity_token_file'];

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

/**
 * Reads AWS credentials the way the AWS CLI does, minus role assumption and SSO:
 * `AWS_ACCESS_KEY_ID` + `AWS_SECRET_ACCESS_KEY` (+ `AWS_SESSION_TOKEN`) when both are set, otherwise the
 * profile `AWS_PROFILE` (default `default`) from `~/.aws/credentials` and `~/.aws/config`
 * (`AWS_SHARED_CREDENTIALS_FILE`, `AWS_CONFIG_FILE`). Region: `AWS_REGION`, `AWS_DEFAULT_REGION`, then the
 * profile's `region`. Throws `InvalidArgumentError` naming the files and variables looked at, never a secret.
 */
export function readAwsEnv(env: Env = process.env): AwsEnvConfig {
  const files = sharedFilePaths(env);
  const explicitProfile = nonEmpty(env.AWS_PROFILE) ?? nonEmpty(env.AWS_DEFAULT_PROFILE);
  const profileName = explicitProfile ?? 'default';
  const accessKeyId = nonEmpty(env.AWS_ACCESS_KEY_ID);
  const secretAccessKey = nonEmpty(env.AWS_SECRET_ACCESS_KEY);
  const envRegion = nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION);
  const envEndpoint = nonEmpty(env.AWS_ENDPOINT_URL_EC2) ?? nonEmpty(env.AWS_ENDPOINT_URL);

  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) {
    throw new InvalidArgumentError(
      `AWS credentials: ${accessKeyId === undefined ? 'AWS_SECRET_ACCESS_KEY' : 'AWS_ACCESS_KEY_ID'} is set but ` +
        `${accessKeyId === undefined ? 'AWS_ACCESS_KEY_ID' : 'AWS_SECRET_ACCESS_KEY'} is not; set both, or neither to use a profile`,
    );
  }
  const profile = loadAwsProfile(profileName, files);
  if (accessKeyId !== undefined && secretAccessKey !== undefined) {
    const sessionToken = nonEmpty(env.AWS_SESSION_TOKEN) ?? nonEmpty(env.AWS_SECURITY_TOKEN);
    return {
      credentials: sessionToken === undefined ? { accessKeyId, secretAccessKey } : { accessKeyId, secretAccessKey, sessionToken },
      region: envRegion ?? profile?.region,
      endpoint: envEndpoint ?? profile?.endpointUrl,
      source: 'environment',
      profile: profile ? profileName : undefined,
    };
  }
  if (profile === undefined) {
    throw new InvalidArgumentError(
      explicitProfile !== undefined
        ? `AWS profile "${profileName}" not found in ${files.credentialsFile} or ${files.configFile}`
        : `No AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE with a profile in ` +
            `${files.credentialsFile} or ${files.configFile} (no [default] profile there)`,
    );
  }
  if (profile.accessKeyId === undefined || profile.secretAccessKey === undefined) {
    const unsupported = UNSUPPORTED_PROFILE_KEYS.filter((k) => profile.settings.has(k));
    throw new InvalidArgumentError(
      `AWS profile "${profileName}" (${profile.foundIn.join(', ')}) has no aws_access_key_id/aws_secret_access_key pair` +
        (unsupported.length > 0
          ? `; its ${unsupported.join(', ')} setting needs the AWS CLI/SDK: export temporary credentials into AWS_* variables instead`
          : ''),
    );
  }
  return {
    credentials:
      profile.sessionToken === undefined
        ? { accessKeyId: profile.accessKeyId, secretAccessKey: profile.secretAccessKey }
        : { accessKeyId: profile.accessKeyId, secretAccessKey: profile.secretAccessKey, sessionToken: profile.sessionToken },
    region: envRegion ?? profile.region,
    endpoint: envEndpoint ?? profile.endpointUrl,
    source: 'profile',
    profile: profileName,
  };
}
