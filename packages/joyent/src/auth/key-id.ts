/** A key fingerprint as users write it, normalized. */
export type Fingerprint = { kind: 'md5'; value: string } | { kind: 'sha256'; value: string };

const MD5_COLON = /^(?:md5:)?([0-9a-f]{2}(?::[0-9a-f]{2}){15})$/i;
const MD5_PLAIN = /^(?:md5:)?([0-9a-f]{32})$/i;
const SHA256 = /^sha256:([A-Za-z0-9+/]{43})=?$/i;

/**
 * Parses an MD5 (`aa:bb:...`, `MD5:aa:bb...`, 32 hex digits) or SHA256 (`SHA256:<base64>`)
 * fingerprint; `undefined` when `text` is neither (for example a key name).
 */
export function parseFingerprint(text: string): Fingerprint | undefined {
  const t = text.trim();
  let m = MD5_COLON.exec(t);
  if (m?.[1]) return { kind: 'md5', value: m[1].toLowerCase() };
  m = MD5_PLAIN.exec(t);
  if (m?.[1]) return { kind: 'md5', value: m[1].toLowerCase().replace(/(..)(?!$)/g, '$1:') };
  m = SHA256.exec(t);
  if (m?.[1]) return { kind: 'sha256', value: `SHA256:${m[1]}` };
  return undefined;
}

/** Whether `fp` names the key with these fingerprints. */
export function fingerprintMatches(fp: Fingerprint, key: { md5Fingerprint: string; sha256Fingerprint: string }): boolean {
  return fp.kind === 'md5' ? fp.value === key.md5Fingerprint : fp.value === key.sha256Fingerprint.replace(/=+$/, '');
}

/** The parts of a CloudAPI `keyId`. */
export interface ParsedKeyId {
  /** Account login. */
  account: string;
  /** RBAC sub-user, for `/<account>/users/<user>/keys/<key>`. */
  user: string | undefined;
  /** Key name or fingerprint. */
  key: string;
}

/**
 * Parses `/<account>/keys/<key>` or `/<account>/users/<user>/keys/<key>` (the two forms CloudAPI
 * accepts); `undefined` for anything else.
 */
export function parseKeyId(keyId: string): ParsedKeyId | undefined {
  const parts = keyId.split('/');
  if (parts[0] !== '' || parts.some((p, i) => i > 0 && p === '')) return undefined;
  if (parts.length === 4 && parts[2] === 'keys') return { account: parts[1] as string, user: undefined, key: parts[3] as string };
  if (parts.length === 6 && parts[2] === 'users' && parts[4] === 'keys') {
    return { account: parts[1] as string, user: parts[3] as string, key: parts[5] as string };
  }
  return undefined;
}

/** Builds the `keyId` CloudAPI verifies: `/<account>/keys/<key>` or the RBAC sub-user form. */
export function formatKeyId(account: string, user: string | undefined, key: string): string {
  return user ? `/${account}/users/${user}/keys/${key}` : `/${account}/keys/${key}`;
}
