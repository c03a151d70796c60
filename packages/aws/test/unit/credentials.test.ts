import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import { loadAwsProfile, parseIni, readAwsEnv, sharedFilePaths } from '../../src/credentials/index.js';

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'cloudmux-aws-cred-'));
  await mkdir(join(home, '.aws'));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

const CREDENTIALS = `# shared credentials
[default]
aws_access_key_id = AKIADEFAULT
aws_secret_access_key = default/secret+key

[work]
aws_access_key_id=AKIAWORK
aws_secret_access_key=work-secret ; inline comment
aws_session_token = FwoGZXIvYXdzE-token
`;

const CONFIG = `[default]
region = eu-west-1

[profile work]
region = ap-southeast-2
endpoint_url = http://127.0.0.1:9999
s3 =
  max_concurrent_requests = 10

[profile assumed]
role_arn = arn:aws:iam::123456789012:role/admin
source_profile = default

[profile config-only]
aws_access_key_id = AKIACONFIG
aws_secret_access_key = config-secret
region = us-west-2
`;

async function writeFiles(): Promise<void> {
  await writeFile(join(home, '.aws', 'credentials'), CREDENTIALS);
  await writeFile(join(home, '.aws', 'config'), CONFIG);
}

describe('parseIni', () => {
  it('reads sections, comments and nested keys', () => {
    const ini = parseIni(CONFIG);
    expect(ini.get('profile work')?.get('s3.max_concurrent_requests')).toBe('10');
    expect(ini.get('profile work')?.get('region')).toBe('ap-southeast-2');
    expect(ini.get('profile work')?.get('s3')).toBe('');
    expect(parseIni(CREDENTIALS).get('work')?.get('aws_secret_access_key')).toBe('work-secret');
    expect(parseIni('orphan = 1\n[ spaced   name ]\nKey: Value').get('spaced name')?.get('key')).toBe('Value');
  });
});

describe('readAwsEnv', () => {
  it('prefers AWS_* variables, with session token and region', async () => {
    await writeFiles();
    const cfg = readAwsEnv({
      HOME: home,
      AWS_ACCESS_KEY_ID: 'AKIAENV',
      AWS_SECRET_ACCESS_KEY: 'env-secret',
      AWS_SESSION_TOKEN: 'tok',
      AWS_REGION: 'us-east-2',
      AWS_DEFAULT_REGION: 'eu-north-1',
    });
    expect(cfg).toMatchObject({
      credentials: { accessKeyId: 'AKIAENV', secretAccessKey: 'env-secret', sessionToken: 'tok' },
      region: 'us-east-2',
      source: 'environment',
    });
    expect(readAwsEnv({ HOME: home, AWS_ACCESS_KEY_ID: 'A', AWS_SECRET_ACCESS_KEY: 'S', AWS_DEFAULT_REGION: 'eu-north-1' }).region).toBe(
      'eu-north-1',
    );
    // Region still comes from the default profile's config when no variable sets it.
    expect(readAwsEnv({ HOME: home, AWS_ACCESS_KEY_ID: 'A', AWS_SECRET_ACCESS_KEY: 'S' }).region).toBe('eu-west-1');
  });

  it('reads the default profile, then AWS_PROFILE from both files', async () => {
    await writeFiles();
    expect(readAwsEnv({ HOME: home })).toMatchObject({
      credentials: { accessKeyId: 'AKIADEFAULT', secretAccessKey: 'default/secret+key' },
      region: 'eu-west-1',
      source: 'profile',
      profile: 'default',
    });
    expect(readAwsEnv({ HOME: home, AWS_PROFILE: 'work' })).toMatchObject({
      credentials: { accessKeyId: 'AKIAWORK', secretAccessKey: 'work-secret', sessionToken: 'FwoGZXIvYXdzE-token' },
      region: 'ap-southeast-2',
      endpoint: 'http://127.0.0.1:9999',
      profile: 'work',
    });
    expect(readAwsEnv({ HOME: home, AWS_PROFILE: 'config-only' }).credentials.accessKeyId).toBe('AKIACONFIG');
    expect(
      readAwsEnv({ HOME: home, AWS_PROFILE: 'work', AWS_REGION: 'us-west-1', AWS_ENDPOINT_URL_EC2: 'http://localhost:1' }),
    ).toMatchObject({ region: 'us-west-1', endpoint: 'http://localhost:1' });
  });

  it('honours AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE', async () => {
    const creds = join(home, 'creds.ini');
    const conf = join(home, 'conf.ini');
    await writeFile(creds, '[other]\naws_access_key_id = AKIAOTHER\naws_secret_access_key = other-secret\n');
    await writeFile(conf, '[profile other]\nregion = sa-east-1\n');
    const env = { HOME: home, AWS_SHARED_CREDENTIALS_FILE: creds, AWS_CONFIG_FILE: conf, AWS_PROFILE: 'other' };
    expect(sharedFilePaths(env)).toEqual({ credentialsFile: creds, configFile: conf });
    expect(readAwsEnv(env)).toMatchObject({ credentials: { accessKeyId: 'AKIAOTHER' }, region: 'sa-east-1' });
    expect(loadAwsProfile('other', sharedFilePaths(env))?.foundIn).toEqual([creds, conf]);
  });

  it('fails clearly, naming files and never secrets', async () => {
    await writeFiles();
    const noCreds = () => readAwsEnv({ HOME: join(home, 'missing') });
    expect(noCreds).toThrow(InvalidArgumentError);
    expect(noCreds).toThrow(/No AWS credentials found: set AWS_ACCESS_KEY_ID/);
    expect(() => readAwsEnv({ HOME: home, AWS_PROFILE: 'nope' })).toThrow(/AWS profile "nope" not found in .*credentials or .*config/);
    expect(() => readAwsEnv({ HOME: home, AWS_PROFILE: 'assumed' })).toThrow(/role_arn setting needs the AWS CLI\/SDK/);
    let message = '';
    try {
      readAwsEnv({ HOME: home, AWS_ACCESS_KEY_ID: 'AKIAONLY' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/AWS_SECRET_ACCESS_KEY is not/);
    expect(message).not.toContain('AKIAONLY');
    expect(() => readAwsEnv({ HOME: home, AWS_SECRET_ACCESS_KEY: 'super-secret' })).toThrow(/AWS_ACCESS_KEY_ID is not/);
    try {
      readAwsEnv({ HOME: home, AWS_SECRET_ACCESS_KEY: 'super-secret' });
    } catch (err) {
      expect((err as Error).message).not.toContain('super-secret');
    }
  });
});
