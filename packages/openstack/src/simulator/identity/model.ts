/**
 * The simulated Keystone's records: domains, projects, users, role assignments, tokens and application
 * credentials.
 * @module
 */

/** A domain. */
export interface SimDomain {
  /** Id (`default` for the default domain). */
  id: string;
  /** Name (`Default`). */
  name: string;
}

/** A project (tenant). */
export interface SimProject {
  /** Id (32 hex digits). */
  id: string;
  /** Name. */
  name: string;
  /** Owning domain. */
  domainId: string;
}

/** A user. */
export interface SimUser {
  /** Id (32 hex digits). */
  id: string;
  /** Name. */
  name: string;
  /** Owning domain. */
  domainId: string;
  /** Password. */
  password: string;
  /** Project id a token is scoped to when the request names none. */
  defaultProjectId: string | undefined;
}

/** A role. */
export interface SimRole {
  /** Id. */
  id: string;
  /** Name (`member`, `reader`, `admin`). */
  name: string;
}

/** An application credential. */
export interface SimApplicationCredential {
  /** Id. */
  id: string;
  /** Name (unique per user). */
  name: string;
  /** Description. */
  description: string | null;
  /** Owner. */
  userId: string;
  /** Project it is scoped to. */
  projectId: string;
  /** Secret. */
  secret: string;
  /** Expiry (ms since epoch), or none. */
  expiresAt: number | undefined;
  /** Delegated roles. */
  roles: SimRole[];
  /** Whether tokens from it may create more credentials. */
  unrestricted: boolean;
}

/** An issued token. */
export interface SimToken {
  /** The token string (what clients send as `X-Auth-Token`). */
  id: string;
  /** Keystone API that issued it. */
  version: '2.0' | '3';
  /** The user. */
  user: SimUser;
  /** Project scope, if any. */
  project: SimProject | undefined;
  /** Domain scope, if any (v3, no project). */
  domain: SimDomain | undefined;
  /** Roles in the scope. */
  roles: SimRole[];
  /** Auth methods (`password`, `token`, `application_credential`). */
  methods: string[];
  /** Audit id. */
  auditId: string;
  /** Issue time (simulator clock, ms). */
  issuedAt: number;
  /** Expiry (simulator clock, ms). */
  expiresAt: number;
  /** The application credential it came from, if any. */
  applicationCredentialId: string | undefined;
  /** Revoked with DELETE /v3/auth/tokens or by deleting its application credential. */
  revoked: boolean;
}
