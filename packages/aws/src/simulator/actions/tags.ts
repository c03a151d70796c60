import { Ec2Error, missingParameter } from '../errors.js';
import { compileFilters, parseFilters } from '../filters.js';
import { paginate } from '../paging.js';
import { parseTags } from '../params.js';
import type { Ec2State } from '../state.js';
import type { XmlWriter } from '../xml-writer.js';
import type { ActionContext, ActionTable } from './context.js';

/** Most tags one resource may carry. */
export const MAX_TAGS_PER_RESOURCE = 50;

interface Taggable {
  id: string;
  type: string;
  tags: Map<string, string>;
}

/** Finds a taggable resource by id; the NotFound code follows the id's prefix, as on AWS. */
function resolve(state: Ec2State, id: string): Taggable {
  const prefix = id.slice(0, id.indexOf('-'));
  switch (prefix) {
    case 'i':
      return { id, type: 'instance', tags: state.instance(id).tags };
    case 'vol':
      return { id, type: 'volume', tags: state.volume(id).tags };
    case 'snap':
      return { id, type: 'snapshot', tags: state.snapshot(id).tags };
    case 'ami':
      return { id, type: 'image', tags: state.image(id).tags };
    case 'sg':
      return { id, type: 'security-group', tags: state.group(id).tags };
    case 'eipalloc':
      return { id, type: 'elastic-ip', tags: state.address(id).tags };
    case 'key':
      return { id, type: 'key-pair', tags: state.keyPairById(id).tags };
    case 'subnet': {
      const subnet = state.subnets.get(id);
      if (!subnet) throw new Ec2Error('InvalidSubnetID.NotFound', `The subnet ID '${id}' does not exist`);
      return { id, type: 'subnet', tags: subnet.tags };
    }
    case 'vpc':
      if (id !== state.vpc.id) throw new Ec2Error('InvalidVpcID.NotFound', `The vpc ID '${id}' does not exist`);
      return { id, type: 'vpc', tags: state.vpc.tags };
    default:
      throw new Ec2Error('InvalidID', `The ID '${id}' is not valid`);
  }
}

function resources(ctx: ActionContext): Taggable[] {
  const ids = ctx.params.list('ResourceId');
  if (ids.length === 0) throw missingParameter('ResourceId');
  return ids.map((id) => resolve(ctx.state, id));
}

function createTags(ctx: ActionContext, w: XmlWriter): void {
  const targets = resources(ctx);
  const tags = parseTags(ctx.params);
  if (tags.size === 0) throw missingParameter('Tag');
  for (const t of targets) {
    const keys = new Set([...t.tags.keys(), ...tags.keys()]);
    if (keys.size > MAX_TAGS_PER_RESOURCE)
      throw new Ec2Error('TagLimitExceeded', 'The maximum number of Tags for a resource has been reached.');
  }
  for (const t of targets) for (const [k, v] of tags) t.tags.set(k, v);
  w.leaf('return', true);
}

function deleteTags(ctx: ActionContext, w: XmlWriter): void {
  const targets = resources(ctx);
  const specs = ctx.params.structs('Tag').map((t) => ({ key: t.require('Key'), value: t.get('Value') }));
  for (const t of targets) {
    if (specs.length === 0) t.tags.clear();
    for (const spec of specs) {
      if (spec.value === undefined || t.tags.get(spec.key) === spec.value) t.tags.delete(spec.key);
    }
  }
  w.leaf('return', true);
}

interface TagEntry {
  seq: number;
  resourceId: string;
  resourceType: string;
  key: string;
  value: string;
}

function allTags(state: Ec2State): TagEntry[] {
  const out: TagEntry[] = [];
  const add = (resourceId: string, resourceType: string, tags: ReadonlyMap<string, string>): void => {
    for (const [key, value] of tags) out.push({ seq: out.length + 1, resourceId, resourceType, key, value });
  };
  for (const i of state.instances.values()) add(i.id, 'instance', i.tags);
  for (const v of state.volumes.values()) add(v.id, 'volume', v.tags);
  for (const s of state.snapshots.values()) add(s.id, 'snapshot', s.tags);
  for (const i of state.images.values()) if (i.ownerId === state.options.accountId) add(i.id, 'image', i.tags);
  for (const g of state.securityGroups.values()) add(g.id, 'security-group', g.tags);
  for (const a of state.addresses.values()) add(a.allocationId, 'elastic-ip', a.tags);
  for (const k of state.keyPairs.values()) add(k.id, 'key-pair', k.tags);
  for (const s of state.subnets.values()) add(s.id, 'subnet', s.tags);
  add(state.vpc.id, 'vpc', state.vpc.tags);
  return out;
}

function describeTags(ctx: ActionContext, w: XmlWriter): void {
  const match = compileFilters(parseFilters(ctx.params), {
    'resource-id': (t: TagEntry) => t.resourceId,
    'resource-type': (t: TagEntry) => t.resourceType,
    key: (t: TagEntry) => t.key,
    value: (t: TagEntry) => t.value,
  });
  const page = paginate('DescribeTags', allTags(ctx.state).filter(match), ctx.params, { min: 5, max: 1000 });
  w.list('tagSet', page.items, (t, x) => {
    x.leaf('resourceId', t.resourceId).leaf('resourceType', t.resourceType).leaf('key', t.key).leaf('value', t.value);
  });
  w.leaf('nextToken', page.nextToken);
}

/** Tag actions. */
export const tagActions: ActionTable = {
  CreateTags: createTags,
  DeleteTags: deleteTags,
  DescribeTags: describeTags,
};
