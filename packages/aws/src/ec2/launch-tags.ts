/** How `createNode` tags a launch: the tags it applies, and for APIs without `TagSpecification` a CreateTags call or a warning. */
import type { XmlObject } from '../xml/index.js';
import type { Ec2Context } from './context.js';
import type { Ec2CreateNodeOptions } from './nodes.js';
import type { Ec2Params } from './params.js';
import type { Ec2LaunchTags } from './providers.js';
import { createTags } from './tags.js';
import { items, txt } from './wire.js';

/** The tags `createNode` applies: `ex.metadata`, then `ex.tags`, then the name as `Name`. */
export function launchTagsOf(options: Ec2CreateNodeOptions): Record<string, string> {
  const ex = options.ex ?? {};
  const tags: Record<string, string> = { ...(ex.metadata ?? {}), ...(ex.tags ?? {}) };
  if (options.name !== undefined) tags.Name = options.name;
  return tags;
}

/**
 * For APIs without `TagSpecification`: CreateTags on the new instances (`create-tags`), or a
 * `CLOUDMUX_TAGS_SKIPPED` warning that the tags were not applied (`none`). Returns the tags applied.
 */
export async function tagAfterLaunch(
  ctx: Ec2Context,
  mode: Exclude<Ec2LaunchTags, 'tag-specification'>,
  launched: readonly XmlObject[],
  tags: Record<string, string>,
  signal: AbortSignal | undefined,
): Promise<XmlObject[]> {
  const keys = Object.keys(tags);
  const ids = launched.map((i) => txt(i, 'instanceId')).filter((id): id is string => id !== undefined);
  if (keys.length === 0 || ids.length === 0) return [];
  if (mode === 'none') {
    process.emitWarning(
      `${ctx.settings.provider.name} has no tags: createNode did not apply ${keys.map((k) => JSON.stringify(k)).join(', ')} to ${ids.join(', ')}`,
      { code: 'CLOUDMUX_TAGS_SKIPPED' },
    );
    return [];
  }
  await createTags(ctx, ids, tags, { signal });
  return keys.map((key) => ({ key, value: tags[key] ?? '' }));
}

export function tagsFromParams(params: Ec2Params): XmlObject[] {
  const out: XmlObject[] = [];
  for (let n = 1; params[`TagSpecification.1.Tag.${n}.Key`] !== undefined; n++) {
    out.push({ key: String(params[`TagSpecification.1.Tag.${n}.Key`]), value: String(params[`TagSpecification.1.Tag.${n}.Value`] ?? '') });
  }
  return out;
}

/** RunInstances answers may omit the tags just applied; add them so the node has its name. */
export function withTags(item: XmlObject, tags: XmlObject[]): XmlObject {
  if (tags.length === 0 || items(item, 'tagSet').length > 0) return item;
  return { ...item, tagSet: { item: tags } };
}
