import sshpk from 'sshpk';
import { InvalidCredentialsError } from '@cloudmux/core/errors';
import { AGENT_RSA_SHA2_256, AGENT_RSA_SHA2_512, type AgentIdentity, SshAgentClient } from './agent-client.js';
import { chooseAlgorithm } from './algorithms.js';
import { type Fingerprint, fingerprintMatches } from './key-id.js';
import type { HttpSignatureAlgorithm, SigningKey, SigningKeyType } from './signing-key.js';
import { ecdsaSshToDer } from './ecdsa-signature.js';

/** An agent identity with its parsed public facts. */
export interface AgentKeyCandidate {
  /** The identity. */
  identity: AgentIdentity;
  /** Key family, `undefined` for types CloudAPI cannot use (DSA, certificates...). */
  type: SigningKeyType | undefined;
  /** ECDSA curve. */
  curve: string | undefined;
  /** Size in bits. */
  bits: number;
  /** MD5 colon-hex fingerprint. */
  md5Fingerprint: string;
  /** `SHA256:` fingerprint. */
  sha256Fingerprint: string;
  /** OpenSSH public key text. */
  publicKey: string;
}

/** Lists the agent's identities with their fingerprints (unparseable ones are skipped). */
export async function listAgentKeys(client: SshAgentClient): Promise<AgentKeyCandidate[]> {
  const out: AgentKeyCandidate[] = [];
  for (const identity of await client.listIdentities()) {
    let key: sshpk.Key;
    try {
      key = sshpk.parseKey(identity.blob, 'rfc4253');
    } catch {
      continue;
    }
    const t = key.type as string;
    out.push({
      identity,
      type: t === 'rsa' || t === 'ecdsa' || t === 'ed25519' ? t : undefined,
      curve: key.curve,
      bits: key.size,
      md5Fingerprint: key.fingerprint('md5').toString('hex'),
      sha256Fingerprint: key.fingerprint('sha256').toString(),
      publicKey: key.toString('ssh'),
    });
  }
  return out;
}

/** Agent reply format expected for each algorithm. */
const EXPECTED_FORMAT: Partial<Record<HttpSignatureAlgorithm, string>> = {
  'rsa-sha1': 'ssh-rsa',
  'rsa-sha256': 'rsa-sha2-256',
  'rsa-sha512': 'rsa-sha2-512',
  'ed25519-sha512': 'ssh-ed25519',
};

/** Wraps an agent identity as a {@link SigningKey} whose signatures are HTTP-Signature encoded. */
export function agentSigningKey(
  client: SshAgentClient,
  candidate: AgentKeyCandidate,
  requestedAlgorithm?: string,
): SigningKey & { publicKey: string } {
  const type = candidate.type;
  if (!type) throw new InvalidCredentialsError(`The ssh-agent key ${candidate.md5Fingerprint} is not an RSA, ECDSA or Ed25519 key`);
  const algorithm = chooseAlgorithm(type, candidate.curve, requestedAlgorithm);
  const flags = algorithm === 'rsa-sha256' ? AGENT_RSA_SHA2_256 : algorithm === 'rsa-sha512' ? AGENT_RSA_SHA2_512 : 0;
  const expected = EXPECTED_FORMAT[algorithm] ?? `ecdsa-sha2-${candidate.curve ?? ''}`;
  return {
    type,
    bits: candidate.bits,
    algorithm,
    md5Fingerprint: candidate.md5Fingerprint,
    sha256Fingerprint: candidate.sha256Fingerprint,
    publicKey: candidate.publicKey,
    source: `ssh-agent ${client.socketPath}`,
    async sign(data: string): Promise<Buffer> {
      const sig = await client.sign(candidate.identity.blob, Buffer.from(data, 'utf8'), flags);
      if (sig.format !== expected) {
        throw new InvalidCredentialsError(
          `ssh-agent answered a ${sig.format} signature where ${expected} was asked for (${algorithm}); the agent may be too old for SHA-2 RSA signatures`,
        );
      }
      return type === 'ecdsa' ? ecdsaSshToDer(sig.bytes) : sig.bytes;
    },
  };
}

/** Finds the agent identity matching `fingerprint` (or the only usable one when none is given). */
export function pickAgentKey(
  candidates: readonly AgentKeyCandidate[],
  fingerprint: Fingerprint | undefined,
): AgentKeyCandidate | undefined {
  if (fingerprint) return candidates.find((c) => fingerprintMatches(fingerprint, c));
  const usable = candidates.filter((c) => c.type !== undefined);
  return usable.length === 1 ? usable[0] : undefined;
}
