import { expect } from '@jest/globals';
import { NodeImage, NodeLocation, NodeSize } from '@cloudmux/core/compute';
import type { ComputeContext } from './compute-context.js';
import { expectDriverRef, expectNotFound } from './harness.js';

/** `listSizes`: non-empty, typed fields, prices a number or undefined (never NaN). */
export async function checkListSizes({ driver }: ComputeContext): Promise<void> {
  const sizes = await driver.listSizes();
  expect(sizes.length).toBeGreaterThan(0);
  expect(new Set(sizes.map((s) => s.id)).size).toBe(sizes.length);
  for (const s of sizes) {
    expect(s).toBeInstanceOf(NodeSize);
    expect(typeof s.id).toBe('string');
    expect(s.id.length).toBeGreaterThan(0);
    expect(typeof s.name).toBe('string');
    expect(Number.isFinite(s.ramMb) && s.ramMb > 0).toBe(true);
    expect(Number.isFinite(s.diskGb) && s.diskGb >= 0).toBe(true);
    if (s.vcpus !== undefined) expect(s.vcpus).toBeGreaterThan(0);
    if (s.price !== undefined) expect(Number.isFinite(s.price) && s.price >= 0).toBe(true);
    expectDriverRef(s, driver);
  }
}

/** `listImages`: non-empty, typed fields. */
export async function checkListImages({ driver }: ComputeContext): Promise<void> {
  const images = await driver.listImages();
  expect(images.length).toBeGreaterThan(0);
  expect(new Set(images.map((i) => i.id)).size).toBe(images.length);
  for (const i of images) {
    expect(i).toBeInstanceOf(NodeImage);
    expect(typeof i.id).toBe('string');
    expect(i.id.length).toBeGreaterThan(0);
    expect(typeof i.name).toBe('string');
    expectDriverRef(i, driver);
  }
}

/** `getImage`: finds a listed image by id (or the first one it can), and refuses an unknown id with NotFoundError. */
export async function checkGetImage(ctx: ComputeContext): Promise<void> {
  const { driver } = ctx;
  const id = driver.supports('listImages') ? (await driver.listImages())[0]?.id : (await ctx.createOptions()).image;
  const imageId = typeof id === 'string' ? id : id?.id;
  if (!imageId) throw new Error('getImage check: no image id to look up');
  const image = await driver.getImage(imageId);
  expect(image).toBeInstanceOf(NodeImage);
  expect(image.id).toBe(imageId);
  expectDriverRef(image, driver);
  await expectNotFound('getImage of an unknown id', () => driver.getImage(mangle(imageId)));
}

/** An id of the same shape as `id` that the provider will not have (its digits changed). */
export function mangle(id: string): string {
  const swapped = id.replace(/[0-9]/g, (c) => (c === '0' ? '1' : '0'));
  return swapped === id ? `${id}-missing` : swapped;
}

/** `listLocations`: non-empty, typed fields. */
export async function checkListLocations({ driver }: ComputeContext): Promise<void> {
  const locations = await driver.listLocations();
  expect(locations.length).toBeGreaterThan(0);
  for (const l of locations) {
    expect(l).toBeInstanceOf(NodeLocation);
    expect(typeof l.id).toBe('string');
    expect(l.id.length).toBeGreaterThan(0);
    expect(typeof l.name).toBe('string');
    expect(typeof l.country).toBe('string');
    expectDriverRef(l, driver);
  }
}
