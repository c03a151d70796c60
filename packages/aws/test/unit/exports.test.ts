import * as aws from '../../src/index.js';
import { Ec2NodeDriver, EC2NodeDriver } from '../../src/index.js';

describe('@cloudmux/aws public exports', () => {
  it('exports exactly the documented runtime names (no client, signer, XML or error-mapping internals)', () => {
    expect(Object.keys(aws).sort()).toEqual(
      [
        'AWS_REGIONS',
        'EC2NodeDriver',
        'EC2_API_VERSION',
        'EC2_CAPABILITIES',
        'EC2_INSTANCE_TYPES',
        'EC2_NODE_STATES',
        'EC2_PROVIDER',
        'EC2_PROVIDERS',
        'EC2_VOLUME_STATES',
        'EUCALYPTUS_PROVIDER',
        'Ec2NodeDriver',
        'EucalyptusNodeDriver',
        'NIMBUS_PROVIDER',
        'NimbusNodeDriver',
        'findInstanceType',
        'loadAwsProfile',
        'readAwsEnv',
        'sharedFilePaths',
        'toNodeState',
        'toVolumeState',
      ].sort(),
    );
  });

  it('keeps Libcloud’s EC2NodeDriver as a deprecated alias of Ec2NodeDriver', () => {
    expect(EC2NodeDriver).toBe(Ec2NodeDriver);
    const driver: EC2NodeDriver = new EC2NodeDriver('AKIAEXAMPLE', 'secret');
    expect(driver).toBeInstanceOf(Ec2NodeDriver);
    expect(Ec2NodeDriver.name).toBe('Ec2NodeDriver');
    expect(aws.EucalyptusNodeDriver.name).toBe('Ec2NodeDriver[eucalyptus]');
  });
});
