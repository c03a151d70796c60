import type { RequestLogEntry } from '@cloudmux/core/testing';

/** One text to scan and the secret forms it must not contain. */
export interface SecretsTarget {
  /** Where the text came from (`debug trace`, `util.inspect(err)`...). */
  where: string;
  /** The text. */
  text: string;
  /** Forms to look for (from {@link secretForms}). */
  forms: readonly SecretForm[];
}

/** A searchable form of a secret. */
export interface SecretForm {
  /** Text searched for. */
  needle: string;
  /** How it was derived (`raw`, `base64`, `line 3 of`...). */
  how: string;
  /** The secret it comes from, masked for messages. */
  label: string;
}

/** A secret shown in a failure message without revealing it: first 4 characters and its length. */
export function maskSecret(s: string): string {
  return `${JSON.stringify(s.slice(0, 4))}… (${s.length} chars)`;
}

/**
 * The forms a leaked secret can take in a trace or an error: raw, base64, URL-encoded, JSON-escaped, and
 * for multi-line secrets (PEM keys) each line of 16+ characters (a partial key is still a leak); forms found
 * inside `publicValues` are left out.
 */
export function secretForms(secrets: readonly string[], publicValues: readonly string[] = []): SecretForm[] {
  const out = new Map<string, SecretForm>();
  const add = (needle: string, how: string, label: string): void => {
    if (needle.length < 8 || out.has(needle) || publicValues.some((p) => p.includes(needle))) return;
    out.set(needle, { needle, how, label });
  };
  for (const s of secrets) {
    const label = maskSecret(s);
    add(s, 'raw', label);
    add(Buffer.from(s).toString('base64').replace(/=+$/, ''), 'base64', label);
    add(encodeURIComponent(s), 'URL-encoded', label);
    add(JSON.stringify(s).slice(1, -1), 'JSON-escaped', label);
    if (s.includes('\n')) {
      for (const [i, line] of s.split(/\r?\n/).entries()) {
        const t = line.trim();
        if (t.length >= 16 && !t.startsWith('-----')) add(t, `line ${i + 1} of`, label);
      }
    }
  }
  return [...out.values()];
}

/**
 * Signed values a simulator received, which are credentials too: HTTP Signature `signature="…"`,
 * SigV4 `Signature=…`, SigV2/presigned `Signature` query parameters, `x-amz-security-token`.
 */
export function harvestSignedValues(requests: readonly RequestLogEntry[]): string[] {
  const out = new Set<string>();
  for (const r of requests) {
    const auth = r.headers.authorization;
    for (const a of Array.isArray(auth) ? auth : auth === undefined ? [] : [auth]) {
      for (const m of a.matchAll(/signature="([^"]+)"/gi)) out.add(m[1]!);
      for (const m of a.matchAll(/Signature=([0-9A-Za-z+/=]+)/g)) out.add(m[1]!);
    }
    const token = r.headers['x-amz-security-token'];
    if (typeof token === 'string') out.add(token);
    const q = r.path.indexOf('?');
    if (q !== -1) {
      const params = new URLSearchParams(r.path.slice(q + 1));
      for (const name of ['Signature', 'X-Amz-Signature', 'X-Amz-Security-Token']) {
        const v = params.get(name);
        if (v) out.add(v);
      }
    }
  }
  return [...out].filter((v) => v.length >= 8);
}

/** Every place a secret form occurs in a target, as `where: form of secret … near «context»` lines. */
export function findLeaks(targets: readonly SecretsTarget[]): string[] {
  const leaks: string[] = [];
  for (const t of targets) {
    for (const f of t.forms) {
      const at = t.text.indexOf(f.needle);
      if (at === -1) continue;
      const before = t.text.slice(Math.max(0, at - 60), at).replace(/\s+/g, ' ');
      leaks.push(`- ${t.where}: ${f.how} secret ${f.label}, after «${before}»`);
    }
  }
  return leaks;
}
