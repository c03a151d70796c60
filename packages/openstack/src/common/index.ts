/**
 * Plumbing shared by every OpenStack service module: the service client, error mapping and paging.
 * @module
 */
export { ServiceClient, OPENSTACK_REQUEST_ID_HEADERS, type ServiceClientOptions } from './service-client.js';
export { mapOpenStackError, parseOpenStackError, type OpenStackErrorDetails } from './errors.js';
export { iteratePages, nextLink, resolveNextLink, type Page } from './paging.js';
