/**
 * Shared helper for the Azure Blob Storage examples: a driver for a real storage account (or Azurite)
 * when AZURE_STORAGE_CONNECTION_STRING, or AZURE_STORAGE_ACCOUNT with AZURE_STORAGE_KEY (or
 * AZURE_STORAGE_SAS_TOKEN), is set (see `AzureBlobsStorageDriver.fromEnv`), otherwise an in-process
 * Blob service simulator that verifies SharedKey and SAS signatures like the service.
 */
import { AzureBlobsStorageDriver, type AzureBlobsDriverOptions } from '@cloudmux/azure';
import { AzureBlobSimulator } from '@cloudmux/azure/simulator';

/** A connected driver and how to clean up. */
export interface Connected {
  driver: AzureBlobsStorageDriver;
  /** True when talking to the in-process simulator. */
  simulated: boolean;
  /** The in-process simulator (its request log), when simulated. */
  sim: AzureBlobSimulator | undefined;
  close(): Promise<void>;
}

/** Connects to Azure (env) or to a simulator. */
export async function connect(options: AzureBlobsDriverOptions = {}): Promise<Connected> {
  const env = process.env;
  if (
    env['AZURE_STORAGE_CONNECTION_STRING'] ||
    (env['AZURE_STORAGE_ACCOUNT'] && (env['AZURE_STORAGE_KEY'] || env['AZURE_STORAGE_SAS_TOKEN']))
  ) {
    const driver = AzureBlobsStorageDriver.fromEnv(env, options);
    return { driver, simulated: false, sim: undefined, close: async () => driver.close() };
  }
  const sim = await AzureBlobSimulator.start();
  const driver = new AzureBlobsStorageDriver(sim.account, sim.key, { endpoint: sim.endpoint, ...options });
  return {
    driver,
    simulated: true,
    sim,
    close: async () => {
      driver.close();
      await sim.close();
    },
  };
}

/** A container name unlikely to be taken (3-63 lower-case letters, digits and hyphens). */
export function containerName(what: string): string {
  return `cloudmux-example-${what}-${Date.now().toString(36)}`;
}

/** Empties and deletes a container (the driver refuses to delete a container that still holds blobs). */
export async function removeContainer(driver: AzureBlobsStorageDriver, name: string): Promise<void> {
  for (const o of await driver.listContainerObjects(name)) await driver.deleteObject(o);
  await driver.deleteContainer(name);
}
