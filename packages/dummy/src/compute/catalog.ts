import type { ProviderDefinition, RegionDefinition } from '@cloudmux/core';

/** Locations (regions) of the Dummy provider: fixed, in-memory, no network behind them. */
export const DUMMY_REGIONS: readonly RegionDefinition[] = [
  { id: 'dummy-east-1', name: 'Dummy East 1', endpoint: 'memory://dummy/dummy-east-1', country: 'US' },
  { id: 'dummy-west-1', name: 'Dummy West 1', endpoint: 'memory://dummy/dummy-west-1', country: 'US' },
  { id: 'dummy-eu-1', name: 'Dummy Europe 1', endpoint: 'memory://dummy/dummy-eu-1', country: 'NL' },
];

/** The Dummy provider: an in-memory cloud for tests, demos and examples. */
export const DUMMY_PROVIDER: ProviderDefinition = {
  id: 'dummy',
  name: 'Dummy',
  api: 'dummy',
  defaultRegion: 'dummy-east-1',
  defaultEndpoint: 'memory://dummy/dummy-east-1',
  regions: DUMMY_REGIONS,
  defaults: { maxPageSize: 1000 },
};

/** A size of the Dummy catalog (prices come from `pricing/compute/dummy.json`). */
export interface DummySizeSpec {
  readonly id: string;
  readonly name: string;
  readonly ramMb: number;
  readonly diskGb: number;
  readonly vcpus: number;
  readonly bandwidthGb: number;
}

/** Sizes, smallest first. `dummy-metal` deliberately has no price: its `price` is `undefined`. */
export const DUMMY_SIZES: readonly DummySizeSpec[] = [
  { id: 'dummy-small', name: 'Dummy Small (1 vCPU, 512 MiB)', ramMb: 512, diskGb: 10, vcpus: 1, bandwidthGb: 500 },
  { id: 'dummy-medium', name: 'Dummy Medium (2 vCPU, 2 GiB)', ramMb: 2048, diskGb: 40, vcpus: 2, bandwidthGb: 1000 },
  { id: 'dummy-large', name: 'Dummy Large (4 vCPU, 8 GiB)', ramMb: 8192, diskGb: 160, vcpus: 4, bandwidthGb: 2000 },
  { id: 'dummy-xlarge', name: 'Dummy XLarge (8 vCPU, 32 GiB)', ramMb: 32768, diskGb: 640, vcpus: 8, bandwidthGb: 4000 },
  { id: 'dummy-metal', name: 'Dummy Metal (32 vCPU, 128 GiB, unpriced)', ramMb: 131072, diskGb: 1920, vcpus: 32, bandwidthGb: 8000 },
];

/** An image of the Dummy catalog. */
export interface DummyImageSpec {
  readonly id: string;
  readonly name: string;
  readonly os: 'linux' | 'smartos' | 'bsd';
  readonly version: string;
  /** Locations that offer the image. */
  readonly locations: readonly string[];
}

const ALL = DUMMY_REGIONS.map((r) => r.id);

/** Images. `dummy-freebsd-14` is only in `dummy-east-1`, so per-location listing is observable. */
export const DUMMY_IMAGES: readonly DummyImageSpec[] = [
  { id: 'dummy-ubuntu-22.04', name: 'Ubuntu 22.04 LTS (dummy)', os: 'linux', version: '22.04', locations: ALL },
  { id: 'dummy-debian-12', name: 'Debian 12 (dummy)', os: 'linux', version: '12', locations: ALL },
  { id: 'dummy-smartos-base', name: 'SmartOS base-64-lts (dummy)', os: 'smartos', version: '23.4.0', locations: ALL },
  { id: 'dummy-freebsd-14', name: 'FreeBSD 14 (dummy)', os: 'bsd', version: '14.0', locations: ['dummy-east-1'] },
];
