import { MalformedResponseError } from '@cloudmux/core/errors';
import { Connection } from '@cloudmux/core/http';
import type { ResolvedLocation } from '../config/user-config.js';
import { mapPdiskError } from './errors.js';
import { basicAuthSigner, type TransportOptions } from './one-client.js';
import type { WireDisk, WireMount } from './wire.js';

/** StratusLab's persistent-disk REST API, password context (`<pdisk>/pswd/disks/…`, HTTP Basic, JSON). */
export class PdiskClient {
  readonly #connection: Connection;
  readonly #prefix: string;

  constructor(location: ResolvedLocation, transport: TransportOptions) {
    const base = new URL(location.pdiskEndpoint);
    this.#prefix = `${base.pathname.replace(/\/+$/, '')}/pswd/disks`;
    this.#connection = new Connection({
      provider: 'stratuslab',
      baseUrl: base.origin,
      signer: basicAuthSigner(location.username, location.password),
      mapError: mapPdiskError,
      timeoutMs: transport.timeoutMs,
      retry: transport.retry,
      tls: transport.tls,
      debugFile: transport.debugFile,
      headers: { accept: 'application/json' },
    });
  }

  #path(...segments: string[]): string {
    return `${this.#prefix}/${segments.map(encodeURIComponent).join('/')}${segments.length ? '/' : ''}`;
  }

  /** `GET /disks/`: the user's disks and every public disk. */
  async listDisks(signal?: AbortSignal): Promise<WireDisk[]> {
    const res = await this.#connection.request<unknown>({ method: 'GET', path: this.#path(), signal });
    if (!Array.isArray(res.body))
      throw new MalformedResponseError('stratuslab: PDisk GET /disks/ did not answer a list', JSON.stringify(res.body).slice(0, 200), {
        provider: 'stratuslab',
      });
    return res.body as WireDisk[];
  }

  /** `POST /disks/` (form: size GiB, tag, visibility): the new disk's UUID. */
  async createDisk(sizeGb: number, tag: string, signal?: AbortSignal): Promise<string> {
    const form = new URLSearchParams({ size: String(sizeGb), tag, visibility: 'private' }).toString();
    const res = await this.#connection.request<{ uuid?: unknown }>({
      method: 'POST',
      path: this.#path(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
      errorContext: {
        action: 'CreateDisk',
        checkHint: `look for a volume named ${JSON.stringify(tag)} with listVolumes() before creating it again`,
      },
      signal,
    });
    const uuid = res.body?.uuid;
    if (typeof uuid !== 'string' || uuid === '')
      throw new MalformedResponseError('stratuslab: PDisk create answered no uuid', JSON.stringify(res.body).slice(0, 200), {
        provider: 'stratuslab',
      });
    return uuid;
  }

  /** `DELETE /disks/{uuid}/`. */
  async deleteDisk(uuid: string, signal?: AbortSignal): Promise<void> {
    await this.#connection.request({ method: 'DELETE', path: this.#path(uuid), signal });
  }

  /** `GET /disks/{uuid}/mounts/`. */
  async listMounts(uuid: string, signal?: AbortSignal): Promise<WireMount[]> {
    const res = await this.#connection.request<unknown>({ method: 'GET', path: this.#path(uuid, 'mounts'), signal });
    return Array.isArray(res.body) ? (res.body as WireMount[]) : [];
  }

  /** `POST /disks/{uuid}/mounts/` (form: node = hypervisor host, vm_id): hot-plugs the disk. */
  async mount(uuid: string, node: string, vmId: string, signal?: AbortSignal): Promise<void> {
    await this.#connection.request({
      method: 'POST',
      path: this.#path(uuid, 'mounts'),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ node, vm_id: vmId }).toString(),
      signal,
    });
  }

  /** `DELETE /disks/{uuid}/mounts/{uuid}_{vmId}`: hot-unplugs the disk. */
  async unmount(uuid: string, vmId: string, signal?: AbortSignal): Promise<void> {
    await this.#connection.request({ method: 'DELETE', path: this.#path(uuid, 'mounts', `${uuid}_${vmId}`).replace(/\/$/, ''), signal });
  }

  /** Closes pooled connections. */
  close(): void {
    this.#connection.close();
  }
}
