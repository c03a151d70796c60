import type { RegionDefinition } from '@cloudmux/core';

/** `[id, name, country]` of every public AWS region with EC2 (commercial, GovCloud and China partitions). */
const REGION_DATA: readonly (readonly [string, string, string])[] = [
  ['us-east-1', 'US East (N. Virginia)', 'US'],
  ['us-east-2', 'US East (Ohio)', 'US'],
  ['us-west-1', 'US West (N. California)', 'US'],
  ['us-west-2', 'US West (Oregon)', 'US'],
  ['af-south-1', 'Africa (Cape Town)', 'ZA'],
  ['ap-east-1', 'Asia Pacific (Hong Kong)', 'HK'],
  ['ap-east-2', 'Asia Pacific (Taipei)', 'TW'],
  ['ap-south-1', 'Asia Pacific (Mumbai)', 'IN'],
  ['ap-south-2', 'Asia Pacific (Hyderabad)', 'IN'],
  ['ap-northeast-1', 'Asia Pacific (Tokyo)', 'JP'],
  ['ap-northeast-2', 'Asia Pacific (Seoul)', 'KR'],
  ['ap-northeast-3', 'Asia Pacific (Osaka)', 'JP'],
  ['ap-southeast-1', 'Asia Pacific (Singapore)', 'SG'],
  ['ap-southeast-2', 'Asia Pacific (Sydney)', 'AU'],
  ['ap-southeast-3', 'Asia Pacific (Jakarta)', 'ID'],
  ['ap-southeast-4', 'Asia Pacific (Melbourne)', 'AU'],
  ['ap-southeast-5', 'Asia Pacific (Malaysia)', 'MY'],
  ['ap-southeast-6', 'Asia Pacific (New Zealand)', 'NZ'],
  ['ap-southeast-7', 'Asia Pacific (Thailand)', 'TH'],
  ['ca-central-1', 'Canada (Central)', 'CA'],
  ['ca-west-1', 'Canada West (Calgary)', 'CA'],
  ['eu-central-1', 'Europe (Frankfurt)', 'DE'],
  ['eu-central-2', 'Europe (Zurich)', 'CH'],
  ['eu-west-1', 'Europe (Ireland)', 'IE'],
  ['eu-west-2', 'Europe (London)', 'GB'],
  ['eu-west-3', 'Europe (Paris)', 'FR'],
  ['eu-south-1', 'Europe (Milan)', 'IT'],
  ['eu-south-2', 'Europe (Spain)', 'ES'],
  ['eu-north-1', 'Europe (Stockholm)', 'SE'],
  ['il-central-1', 'Israel (Tel Aviv)', 'IL'],
  ['me-south-1', 'Middle East (Bahrain)', 'BH'],
  ['me-central-1', 'Middle East (UAE)', 'AE'],
  ['mx-central-1', 'Mexico (Central)', 'MX'],
  ['sa-east-1', 'South America (São Paulo)', 'BR'],
  ['us-gov-east-1', 'AWS GovCloud (US-East)', 'US'],
  ['us-gov-west-1', 'AWS GovCloud (US-West)', 'US'],
  ['cn-north-1', 'China (Beijing)', 'CN'],
  ['cn-northwest-1', 'China (Ningxia)', 'CN'],
];

/** The EC2 endpoint of a region (`https://ec2.<region>.amazonaws.com`, `.amazonaws.com.cn` in China). */
export function ec2EndpointFor(region: string): string {
  return `https://ec2.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`;
}

/** Every AWS region with its EC2 endpoint. */
export const AWS_REGIONS: readonly RegionDefinition[] = Object.freeze(
  REGION_DATA.map(([id, name, country]) => Object.freeze({ id, name, country, endpoint: ec2EndpointFor(id) })),
);

/** Looks up an AWS region by id. */
export function findAwsRegion(id: string): RegionDefinition | undefined {
  return AWS_REGIONS.find((r) => r.id === id);
}
