import * as aws from '../../src/index.js';
import { Ec2NodeDriver, EC2NodeDriver } from '../../src/index.js';

describe('@cloudmux/aws public exports', () => {
  it('exports exactly the documented runtime names of EC2, S3, Route 53 and ELB (no client, signer, XML or error-mapping internals)', () => {
    expect(Object.keys(aws).sort()).toEqual(
      [
        'ALB_CAPABILITIES',
        'ALB_PROVIDER',
        'AWS_REGIONS',
        'AlbLoadBalancerDriver',
        'CEPH_RGW_PROVIDER',
        'CLOUDFLARE_R2_PROVIDER',
        'CephRgwStorageDriver',
        'CloudflareR2StorageDriver',
        'DIGITALOCEAN_SPACES_PROVIDER',
        'DigitalOceanSpacesStorageDriver',
        'EC2NodeDriver',
        'EC2_API_VERSION',
        'EC2_CAPABILITIES',
        'EC2_INSTANCE_TYPES',
        'EC2_NODE_STATES',
        'EC2_PROVIDER',
        'EC2_PROVIDERS',
        'EC2_VOLUME_STATES',
        'ELBV2_ALGORITHMS',
        'ELBV2_API_VERSION',
        'ELBV2_BALANCER_STATES',
        'ELBV2_PROTOCOLS',
        'ELB_API_VERSION',
        'ELB_CAPABILITIES',
        'ELB_PROTOCOLS',
        'ELB_PROVIDER',
        'ELB_REGIONS',
        'EUCALYPTUS_PROVIDER',
        'Ec2NodeDriver',
        'ElbLoadBalancerDriver',
        'EucalyptusNodeDriver',
        'MINIO_PROVIDER',
        'MinioStorageDriver',
        'NIMBUS_PROVIDER',
        'NimbusNodeDriver',
        'ROUTE53_API_VERSION',
        'ROUTE53_CAPABILITIES',
        'ROUTE53_ENDPOINT',
        'ROUTE53_PROVIDER',
        'ROUTE53_RECORD_TYPES',
        'ROUTE53_XMLNS',
        'Route53DnsDriver',
        'S3StorageDriver',
        'S3_CAPABILITIES',
        'S3_PROVIDER',
        'S3_PROVIDERS',
        'S3_REGIONS',
        'S3_SSE_MODES',
        'S3_STORAGE_CLASSES',
        'WASABI_PROVIDER',
        'WasabiStorageDriver',
        'elbEndpointFor',
        'findInstanceType',
        'loadAwsProfile',
        'readAwsEnv',
        'sharedFilePaths',
        'toElbv2BalancerState',
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
