import { notSupported, type Capabilities } from './capabilities.js';
import type { ProviderDefinition } from './provider-definition.js';

/**
 * What the capability guard of one API (compute, storage, DNS, load balancer) needs to know about it.
 * Build one with {@link portableApi} and hand it to {@link DriverBase}'s constructor.
 */
export interface PortableApi<M extends string> {
  /** Every portable method of the API (its `*_METHODS` list). */
  readonly methods: readonly M[];
  /** Methods that return their result synchronously: their guard throws instead of returning a rejected promise. */
  readonly sync: ReadonlySet<string>;
  /**
   * Members a capability covers besides itself and its `iterate` twin (`listNodes` always covers
   * `iterateNodes`), such as `exportZoneToBindFormat` → `exportZoneToBindZoneFile`.
   */
  readonly covers: Readonly<Partial<Record<M, readonly string[]>>>;
}

/** Describes an API for {@link DriverBase}: its portable methods, which of them are synchronous, and extra members a capability covers. */
export function portableApi<M extends string>(spec: {
  methods: readonly M[];
  sync?: readonly M[] | undefined;
  covers?: Partial<Record<M, readonly string[]>> | undefined;
}): PortableApi<M> {
  return Object.freeze({ methods: spec.methods, sync: new Set<string>(spec.sync ?? []), covers: Object.freeze({ ...spec.covers }) });
}

/** The static side {@link DriverBase} reads from a driver class. */
interface DriverStatics {
  readonly provider: ProviderDefinition;
  readonly capabilities: Capabilities<string>;
}

/** Guards of one driver class, computed at its first construction (and again if its `capabilities` are replaced). */
interface ClassGuards {
  readonly capabilities: Capabilities<string>;
  /**
   * The class's prototype with the guards in front (`Object.create(Class.prototype, guards)`), given
   * to each instance; undefined when the class declares every portable method.
   */
  readonly proto: object | undefined;
}

const GUARDS = new WeakMap<object, ClassGuards>();

/** A driver as its guards see it (`notSupported` is protected on the class). */
type Guarded = { notSupported(method: string): never };

/** A member that throws the standard `NotSupportedError` for `capability`, shaped like the member it replaces. */
function guardFor(member: string, capability: string, api: PortableApi<string>): (...args: unknown[]) => unknown {
  if (member.startsWith('iterate')) {
    // eslint-disable-next-line require-yield
    return async function* (this: Guarded) {
      this.notSupported(capability);
    };
  }
  if (api.sync.has(member)) {
    return function (this: Guarded) {
      return this.notSupported(capability);
    };
  }
  return async function (this: Guarded) {
    return this.notSupported(capability);
  };
}

/** The guard members of driver class `cls`, as property descriptors (undefined when it declares every portable method). */
function buildGuards(cls: DriverStatics, proto: object, api: PortableApi<string>): PropertyDescriptorMap | undefined {
  const declared = new Set(cls.capabilities);
  let descriptors: PropertyDescriptorMap | undefined;
  for (const method of api.methods) {
    if (declared.has(method)) continue;
    const members = [method, ...(api.covers[method] ?? [])];
    if (method.startsWith('list')) {
      const twin = `iterate${method.slice(4)}`;
      if (typeof (proto as Record<string, unknown>)[twin] === 'function') members.push(twin);
    }
    for (const member of members) {
      descriptors ??= {};
      descriptors[member] = { value: guardFor(member, method, api), writable: true, configurable: true, enumerable: false };
    }
  }
  return descriptors;
}

/**
 * Base of the four API base classes (`NodeDriver`, `StorageDriver`, `DnsDriver`,
 * `LoadBalancerDriver`): the provider and capabilities every driver class declares, `providerId`,
 * `supports()`, `notSupported()`, and the **capability guard**.
 *
 * The guard makes the declared `capabilities` binding: every portable method a driver class leaves
 * out of `capabilities` (and its `iterateX` twin for a `listX` capability) throws
 * `NotSupportedError("<provider> does not support <method>")`, even when the class implements it.
 * A promise-returning method rejects, an `iterateX` fails on the first `next()`, a synchronous one
 * throws. The guards are built once per class, at its first construction, as non-enumerable members
 * of one object placed between the instance and the class prototype
 * (`Object.create(Class.prototype, guards)`); each instance of that class gets it as its prototype.
 * So a construction costs one WeakMap lookup (plus one `Object.setPrototypeOf` for a class that
 * leaves a method out), the instance has no extra own properties (`util.inspect`, `Object.keys` and
 * JSON are unchanged), and `instanceof`, `constructor` and private fields work as before.
 */
export abstract class DriverBase<M extends string> {
  /** Provider definition; subclasses override. */
  static readonly provider: ProviderDefinition = { id: 'base', name: 'Base', api: 'none', regions: [] };
  /** Supported portable methods; subclasses override. */
  static readonly capabilities: Capabilities<string> = [];

  /** @param api - the API's portable methods (see {@link portableApi}), for the capability guard. */
  protected constructor(api: PortableApi<M>) {
    const cls = new.target as unknown as DriverStatics;
    let entry = GUARDS.get(cls);
    if (entry === undefined || entry.capabilities !== cls.capabilities) {
      const proto = new.target.prototype as object;
      const guards = buildGuards(cls, proto, api);
      entry = { capabilities: cls.capabilities, proto: guards === undefined ? undefined : Object.create(proto, guards) };
      GUARDS.set(cls, entry);
    }
    if (entry.proto !== undefined) Object.setPrototypeOf(this, entry.proto);
  }

  /** Provider id of this instance (may differ from the class default, e.g. a preset). */
  get providerId(): string {
    return (this.constructor as unknown as DriverStatics).provider.id;
  }

  /** Whether this driver supports `method`. */
  supports(method: M): boolean {
    return (this.constructor as unknown as DriverStatics).capabilities.includes(method);
  }

  /** Throws the standard `NotSupportedError` for `method`. */
  protected notSupported(method: string, detail?: string): never {
    return notSupported((this.constructor as unknown as DriverStatics).provider.name, method, detail);
  }
}
