import { Readable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { STORAGE_METHODS, StorageObject, type StorageDriver, type StorageDriverClass, type StorageMethod } from '@cloudmux/core/storage';
import { budget, expectNotSupported, first, timingOf, useFreshDriver } from './harness.js';
import {
  checkCdn,
  checkCreateContainer,
  checkDeleteContainer,
  checkDeleteObject,
  checkDownloadObject,
  checkDownloadStream,
  checkGetContainer,
  checkGetObject,
  checkListContainers,
  checkListObjects,
  checkUploadObject,
  checkUploadViaStream,
} from './storage-checks.js';
import {
  checkCopyObject,
  checkListObjectsDelimited,
  checkListPrefixes,
  checkStreamChecksum,
  checkTempUrl,
  checkUpdateMetadata,
  checkUploadData,
} from './storage-checks-more.js';
import { runStorageCleanup, type StorageContext } from './storage-context.js';
import type { StorageConformanceOptions } from './types.js';

const CHECKS: Readonly<Record<StorageMethod, (ctx: StorageContext) => Promise<void>>> = {
  listContainers: checkListContainers,
  getContainer: checkGetContainer,
  createContainer: checkCreateContainer,
  deleteContainer: checkDeleteContainer,
  listContainerObjects: async (c) => {
    await checkListObjects(c);
    await checkListObjectsDelimited(c);
  },
  listContainerPrefixes: checkListPrefixes,
  getObject: checkGetObject,
  uploadObject: async (c) => {
    await checkUploadObject(c);
    await checkUploadData(c);
  },
  uploadObjectViaStream: async (c) => {
    await checkUploadViaStream(c);
    await checkStreamChecksum(c);
  },
  downloadObject: checkDownloadObject,
  downloadObjectAsStream: checkDownloadStream,
  deleteObject: checkDeleteObject,
  copyObject: checkCopyObject,
  updateObjectMetadata: checkUpdateMetadata,
  getObjectTempUrl: checkTempUrl,
  enableContainerCdn: (c) => checkCdn(c, 'enableContainerCdn'),
  getContainerCdnUrl: (c) => checkCdn(c, 'getContainerCdnUrl'),
  enableObjectCdn: (c) => checkCdn(c, 'enableObjectCdn'),
  getObjectCdnUrl: (c) => checkCdn(c, 'getObjectCdnUrl'),
};

function fakeObject(d: StorageDriver): StorageObject {
  return new StorageObject({ name: 'cloudmux-object', size: 0, hash: '', containerName: 'cloudmux-container' }, d);
}

/** Harmless calls of each method, to check unsupported ones throw `NotSupportedError`. */
const CALLS: Readonly<Record<StorageMethod, readonly ((d: StorageDriver) => unknown)[]>> = {
  listContainers: [(d) => d.listContainers(), (d) => first(d.iterateContainers())],
  getContainer: [(d) => d.getContainer('cloudmux-container')],
  createContainer: [(d) => d.createContainer({ name: 'cloudmux-container' })],
  deleteContainer: [(d) => d.deleteContainer('cloudmux-container')],
  listContainerObjects: [
    (d) => d.listContainerObjects('cloudmux-container'),
    (d) => first(d.iterateContainerObjects('cloudmux-container')),
  ],
  listContainerPrefixes: [
    (d) => d.listContainerPrefixes('cloudmux-container'),
    (d) => first(d.iterateContainerPrefixes('cloudmux-container', { delimiter: '/' })),
  ],
  getObject: [(d) => d.getObject('cloudmux-container', { name: 'cloudmux-object' })],
  uploadObject: [(d) => d.uploadObject('cloudmux-container', { name: 'cloudmux-object', filePath: '/nonexistent/cloudmux' })],
  uploadObjectViaStream: [(d) => d.uploadObjectViaStream('cloudmux-container', { name: 'cloudmux-object', source: Readable.from([]) })],
  downloadObject: [(d) => d.downloadObject(fakeObject(d), { destinationPath: '/nonexistent/cloudmux' })],
  downloadObjectAsStream: [(d) => d.downloadObjectAsStream(fakeObject(d))],
  deleteObject: [(d) => d.deleteObject(fakeObject(d))],
  copyObject: [(d) => d.copyObject(fakeObject(d), { destinationName: 'cloudmux-copy' })],
  updateObjectMetadata: [(d) => d.updateObjectMetadata(fakeObject(d), { meta: {} })],
  getObjectTempUrl: [(d) => d.getObjectTempUrl('cloudmux-container', { name: 'cloudmux-object', expiresInMs: 60_000 })],
  enableContainerCdn: [(d) => d.enableContainerCdn('cloudmux-container')],
  getContainerCdnUrl: [(d) => d.getContainerCdnUrl('cloudmux-container')],
  enableObjectCdn: [(d) => d.enableObjectCdn(fakeObject(d))],
  getObjectCdnUrl: [(d) => d.getObjectCdnUrl(fakeObject(d))],
};

/**
 * Registers the storage conformance suite: for every portable method (`STORAGE_METHODS`), a test
 * that checks its behaviour when the driver's `capabilities` list it, and `NotSupportedError`
 * when they do not. Each test gets a fresh driver; containers it creates are emptied and removed.
 */
export function describeStorageConformance<D extends StorageDriver>(options: StorageConformanceOptions<D>): void {
  const timing = timingOf(options);
  describe(`storage conformance: ${options.name}`, () => {
    const driver = useFreshDriver(options);

    it('declares a provider and known, unique capabilities', () => {
      const cls = driver().constructor as unknown as StorageDriverClass;
      expect(cls.provider.id.length).toBeGreaterThan(0);
      expect(new Set(cls.capabilities).size).toBe(cls.capabilities.length);
      for (const m of cls.capabilities) expect(STORAGE_METHODS).toContain(m);
    });

    for (const method of STORAGE_METHODS) {
      it(
        `${method}: behaves as declared in capabilities`,
        async () => {
          const d = driver();
          if (!d.supports(method)) {
            for (const call of CALLS[method]) await expectNotSupported(method, () => call(d));
            return;
          }
          const ctx: StorageContext = { driver: d, timing, cleanup: [] };
          try {
            await CHECKS[method](ctx);
          } finally {
            await runStorageCleanup(ctx);
          }
        },
        budget(timing, 2),
      );
    }
  });
}
