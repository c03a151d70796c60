import type { ProviderDefinition } from '@cloudmux/core';

/** Azure Blob Storage (and Azurite, through a custom endpoint). */
export const AZURE_BLOBS_PROVIDER: ProviderDefinition = {
  id: 'azure_blobs',
  name: 'Microsoft Azure Blob Storage',
  api: 'azure-blob',
  regions: [],
};
