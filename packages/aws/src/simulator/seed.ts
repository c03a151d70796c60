import { Ec2Error } from './errors.js';
import { imageVolumes, launchInstances } from './launch.js';
import type { ImageRecord } from './model.js';
import type { Ec2State } from './state.js';

/** What {@link Ec2Simulator.seedInstances} creates. */
export interface Ec2SeedTemplate {
  /** AMI (default: the first available x86_64 image). */
  imageId?: string | undefined;
  /** Instance type (default `t3.micro`). */
  instanceType?: string | undefined;
  /** Availability zone (default: zones in turn). */
  availabilityZone?: string | undefined;
  /** Key pair name (must exist). */
  keyName?: string | undefined;
  /** State (default `running`). */
  state?: 'running' | 'stopped' | 'pending' | undefined;
  /** Tags; `{n}` in a value becomes the instance's 0-based index in this call. */
  tags?: Record<string, string> | undefined;
  /** Instances per reservation (default 1). */
  instancesPerReservation?: number | undefined;
}

function defaultImage(state: Ec2State): ImageRecord {
  for (const image of state.images.values())
    if (image.state === 'available' && image.architecture === 'x86_64' && !image.platform) return image;
  const any = state.images.values().next();
  if (any.done) throw new Ec2Error('InvalidAMIID.NotFound', 'The simulator has no image to seed instances from');
  return any.value;
}

/** Creates instances without API calls (see {@link Ec2SeedTemplate}); returns their ids. */
export function seedInstances(state: Ec2State, count: number, template: Ec2SeedTemplate, now: number): string[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`seedInstances: count must be a non-negative integer, got ${count}`);
  const image = template.imageId ? state.image(template.imageId) : defaultImage(state);
  const instanceType = template.instanceType ?? (image.architecture === 'arm64' ? 't4g.micro' : 't3.micro');
  if (!state.instanceTypes.has(instanceType)) throw new RangeError(`seedInstances: unknown instance type ${instanceType}`);
  if (template.keyName !== undefined) state.keyPair(template.keyName);
  if (template.availabilityZone !== undefined) state.zone(template.availabilityZone);
  const perReservation = Math.max(1, template.instancesPerReservation ?? 1);
  const ids: string[] = [];
  const tags = Object.entries(template.tags ?? {});
  while (ids.length < count) {
    const reservation = launchInstances(
      state,
      {
        image,
        instanceType,
        count: Math.min(perReservation, count - ids.length),
        keyName: template.keyName,
        groups: [state.defaultGroup],
        subnet: undefined,
        zone: template.availabilityZone,
        userData: undefined,
        iamInstanceProfile: undefined,
        volumes: imageVolumes(image),
        instanceTags: new Map(),
        volumeTags: new Map(),
        clientToken: '',
        monitoring: false,
        ebsOptimized: false,
        disableApiTermination: false,
        shutdownBehavior: 'stop',
        initialState: template.state ?? 'running',
      },
      now,
    );
    for (const inst of reservation.instances) {
      const n = String(ids.length);
      for (const [k, v] of tags) inst.tags.set(k, v.replace(/\{n\}/g, n));
      ids.push(inst.id);
    }
  }
  return ids;
}
