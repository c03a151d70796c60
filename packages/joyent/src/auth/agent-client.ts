import { connect } from 'node:net';
import { InvalidArgumentError, InvalidCredentialsError } from '@cloudmux/core/errors';
import { SshReader, sshString } from '@cloudmux/core/ssh';

/** ssh-agent message numbers (draft-miller-ssh-agent). */
const MSG = { FAILURE: 5, REQUEST_IDENTITIES: 11, IDENTITIES_ANSWER: 12, SIGN_REQUEST: 13, SIGN_RESPONSE: 14 } as const;

/** Sign-request flags asking an agent for SHA-2 RSA signatures. */
export const AGENT_RSA_SHA2_256 = 2;
/** See {@link AGENT_RSA_SHA2_256}. */
export const AGENT_RSA_SHA2_512 = 4;

/** One identity an agent holds. */
export interface AgentIdentity {
  /** Public key in SSH wire format. */
  blob: Buffer;
  /** Comment given at `ssh-add` time (often the file name). */
  comment: string;
}

/** A signature as an agent returns it. */
export interface AgentSignature {
  /** SSH signature format (`rsa-sha2-256`, `ecdsa-sha2-nistp256`, `ssh-ed25519`...). */
  format: string;
  /** Signature bytes in SSH encoding. */
  bytes: Buffer;
}

/**
 * A tiny ssh-agent protocol client over the agent's UNIX socket (`SSH_AUTH_SOCK`). Each call
 * opens its own connection, so concurrent signatures never interleave.
 */
export class SshAgentClient {
  /** @param socketPath - path of the agent socket. */
  constructor(readonly socketPath: string) {}

  /** Lists the identities the agent holds. */
  async listIdentities(): Promise<AgentIdentity[]> {
    const reply = await this.#roundTrip(MSG.REQUEST_IDENTITIES, Buffer.alloc(0));
    if (reply.type !== MSG.IDENTITIES_ANSWER)
      throw new InvalidCredentialsError(`ssh-agent (${this.socketPath}) refused to list identities`);
    const r = new SshReader(reply.body);
    const count = r.uint32();
    const out: AgentIdentity[] = [];
    for (let i = 0; i < count; i++) out.push({ blob: Buffer.from(r.string()), comment: r.string().toString('utf8') });
    return out;
  }

  /** Asks the agent to sign `data` with the identity `blob`. */
  async sign(blob: Buffer, data: Buffer, flags: number): Promise<AgentSignature> {
    const payload = Buffer.concat([sshString(blob), sshString(data), Buffer.from([0, 0, 0, 0])]);
    payload.writeUInt32BE(flags, payload.length - 4);
    const reply = await this.#roundTrip(MSG.SIGN_REQUEST, payload);
    if (reply.type !== MSG.SIGN_RESPONSE) {
      throw new InvalidCredentialsError(
        `ssh-agent (${this.socketPath}) refused to sign (is the key still loaded, or does it need confirmation?)`,
      );
    }
    const sig = new SshReader(new SshReader(reply.body).string());
    return { format: sig.string().toString('ascii'), bytes: Buffer.from(sig.string()) };
  }

  #roundTrip(type: number, payload: Buffer): Promise<{ type: number; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const socket = connect(this.socketPath);
      const chunks: Buffer[] = [];
      let received = 0;
      let settled = false;
      const finish = (err: Error | undefined, value?: { type: number; body: Buffer }): void => {
        if (settled) return;
        settled = true;
        socket.destroy();
        if (err) reject(err);
        else resolve(value as { type: number; body: Buffer });
      };
      socket.on('connect', () => {
        const frame = Buffer.allocUnsafe(5 + payload.length);
        frame.writeUInt32BE(payload.length + 1, 0);
        frame[4] = type;
        payload.copy(frame, 5);
        socket.write(frame);
      });
      socket.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        received += chunk.length;
        if (received < 4) return;
        const all = Buffer.concat(chunks);
        const len = all.readUInt32BE(0);
        if (all.length < 4 + len) return;
        if (len < 1) return finish(new InvalidCredentialsError(`ssh-agent (${this.socketPath}) sent an empty reply`));
        finish(undefined, { type: all[4] as number, body: all.subarray(5, 4 + len) });
      });
      socket.on('error', (cause: NodeJS.ErrnoException) => {
        finish(
          new InvalidArgumentError(
            `Cannot reach the ssh-agent at ${this.socketPath} (${cause.code ?? cause.message}); is SSH_AUTH_SOCK right?`,
            { cause },
          ),
        );
      });
      socket.on('close', () =>
        finish(new InvalidCredentialsError(`ssh-agent (${this.socketPath}) closed the connection without answering`)),
      );
    });
  }
}
