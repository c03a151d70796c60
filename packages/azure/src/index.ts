/**
 * `@cloudmux/azure`: Azure Blob Storage for cloudmux (SharedKey and SAS auth, block blobs,
 * listings with marker/delimiter, metadata, ranges, SAS URLs). The simulator is in
 * `@cloudmux/azure/simulator`.
 * @module
 */
export { AzureBlobsStorageDriver } from './blob/driver.js';
export { AZURE_BLOBS_CAPABILITIES } from './blob/capabilities.js';
export { AZURE_BLOBS_PROVIDER } from './blob/provider.js';
export { type AzureBlobsDriverOptions, parseConnectionString, type ConnectionStringParts } from './blob/options.js';
export { type AzureBlobExtra, type AzureContainerExtra } from './blob/to-object.js';
export { AZURE_BLOB_VERSION, sharedKeyStringToSign, sharedKeyAuthorization, type SharedKeyInput } from './blob/shared-key.js';
export { serviceSasStringToSign, serviceSasQuery, sasTime, type ServiceSasFields } from './blob/sas.js';
export { mapAzureError, AZURE_ERROR_CODES } from './blob/errors.js';
export { encodeMetaKey, decodeMetaKey } from './blob/meta.js';
