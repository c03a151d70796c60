/**
 * AWS credentials from the environment and the shared `~/.aws` files.
 * @module
 */
export { readAwsEnv, type AwsEnvConfig, type AwsCredentialSource } from './from-env.js';
export { loadAwsProfile, sharedFilePaths, type AwsProfile, type AwsSharedFiles, type Env } from './shared-files.js';
export { parseIni, type IniSections } from './ini.js';
