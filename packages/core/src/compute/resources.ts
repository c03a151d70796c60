import type { NodeDriver } from './base-driver.js';
import { sameResource } from '../common/same-resource.js';

// One descriptor reused for every resource (listing 10,000 machines would otherwise allocate
// 10,000 descriptors); its value is cleared right after use so it never pins a driver.
const DRIVER_DESCRIPTOR: PropertyDescriptor = { value: undefined, enumerable: false, writable: false, configurable: false };

/** Attaches the non-enumerable `driver` back-reference (so logging a resource never prints credentials). */
export function attachDriver(target: object, driver: NodeDriver): void {
  DRIVER_DESCRIPTOR.value = driver;
  try {
    Object.defineProperty(target, 'driver', DRIVER_DESCRIPTOR);
  } finally {
    DRIVER_DESCRIPTOR.value = undefined;
  }
}

/** Fields of a {@link NodeSize}. */
export interface NodeSizeInit<E extends object = object> {
  id: string;
  name: string;
  /** Memory in MiB. */
  ramMb: number;
  /** Root disk in GiB. */
  diskGb: number;
  /** Virtual CPUs, if known. */
  vcpus?: number | undefined;
  /** Bandwidth in GiB per month, if known. */
  bandwidthGb?: number | undefined;
  /** Hourly price in USD from pricing data; `undefined` when unknown (never 0 by default). */
  price?: number | undefined;
  extra?: E;
}

/** A machine size (Joyent package, EC2 instance type, Nova flavor). */
export class NodeSize<E extends object = object> {
  /** Provider id of the size. */
  readonly id: string;
  /** Display name. */
  readonly name: string;
  /** Memory in MiB. */
  readonly ramMb: number;
  /** Disk in GiB. */
  readonly diskGb: number;
  /** Virtual CPUs, if known. */
  readonly vcpus: number | undefined;
  /** Bandwidth in GiB/month, if known. */
  readonly bandwidthGb: number | undefined;
  /** Hourly USD price, `undefined` when unknown. */
  readonly price: number | undefined;
  /** Provider-specific data. */
  readonly extra: E;
  /** Driver that produced this size (non-enumerable). */
  declare readonly driver: NodeDriver;
  constructor(init: NodeSizeInit<E>, driver: NodeDriver) {
    this.id = init.id;
    this.name = init.name;
    this.ramMb = init.ramMb;
    this.diskGb = init.diskGb;
    this.vcpus = init.vcpus;
    this.bandwidthGb = init.bandwidthGb;
    this.price = init.price;
    this.extra = init.extra ?? ({} as E);
    attachDriver(this, driver);
  }

  /** Whether `other` is the same size: same provider, same place and same id (other fields may differ). */
  equals(other: unknown): boolean {
    return sameResource(this, other, (r) => r.id);
  }
}

/** Fields of a {@link NodeImage}. */
export interface NodeImageInit<E extends object = object> {
  id: string;
  name: string;
  extra?: E;
}

/** A boot image (Joyent image, AMI, Glance image). */
export class NodeImage<E extends object = object> {
  /** Provider id. */
  readonly id: string;
  /** Display name. */
  readonly name: string;
  /** Provider-specific data. */
  readonly extra: E;
  /** Driver that produced this image (non-enumerable). */
  declare readonly driver: NodeDriver;
  constructor(init: NodeImageInit<E>, driver: NodeDriver) {
    this.id = init.id;
    this.name = init.name;
    this.extra = init.extra ?? ({} as E);
    attachDriver(this, driver);
  }

  /** Whether `other` is the same image: same provider, same place and same id (other fields may differ). */
  equals(other: unknown): boolean {
    return sameResource(this, other, (r) => r.id);
  }
}

/** Fields of a {@link NodeLocation}. */
export interface NodeLocationInit<E extends object = object> {
  id: string;
  name: string;
  /** ISO country code or free-form place. */
  country: string;
  extra?: E;
}

/** Where nodes run (Joyent datacenter, EC2 availability zone). */
export class NodeLocation<E extends object = object> {
  /** Provider id. */
  readonly id: string;
  /** Display name. */
  readonly name: string;
  /** Country code or place. */
  readonly country: string;
  /** Provider-specific data. */
  readonly extra: E;
  /** Driver that produced this location (non-enumerable). */
  declare readonly driver: NodeDriver;
  constructor(init: NodeLocationInit<E>, driver: NodeDriver) {
    this.id = init.id;
    this.name = init.name;
    this.country = init.country;
    this.extra = init.extra ?? ({} as E);
    attachDriver(this, driver);
  }

  /** Whether `other` is the same location: same provider, same place and same id (other fields may differ). */
  equals(other: unknown): boolean {
    return sameResource(this, other, (r) => r.id);
  }
}

/** Fields of a {@link KeyPair}. */
export interface KeyPairInit<E extends object = object> {
  name: string;
  /** Fingerprint as the provider reports it. */
  fingerprint: string;
  /** Public key (OpenSSH format) when known. */
  publicKey?: string | undefined;
  /** Private key, only right after `createKeyPair`. */
  privateKey?: string | undefined;
  extra?: E;
}

/** An SSH key pair registered with the provider. */
export class KeyPair<E extends object = object> {
  /** Key name. */
  readonly name: string;
  /** Fingerprint. */
  readonly fingerprint: string;
  /** Public key, if known. */
  readonly publicKey: string | undefined;
  /** Private key, only when the provider just generated it (non-enumerable). */
  declare readonly privateKey: string | undefined;
  /** Provider-specific data. */
  readonly extra: E;
  /** Driver (non-enumerable). */
  declare readonly driver: NodeDriver;
  constructor(init: KeyPairInit<E>, driver: NodeDriver) {
    this.name = init.name;
    this.fingerprint = init.fingerprint;
    this.publicKey = init.publicKey;
    Object.defineProperty(this, 'privateKey', { value: init.privateKey, enumerable: false });
    this.extra = init.extra ?? ({} as E);
    attachDriver(this, driver);
  }

  /** Whether `other` is the same key pair: same provider, same place and same name (other fields may differ). */
  equals(other: unknown): boolean {
    return sameResource(this, other, (r) => r.name);
  }
}
