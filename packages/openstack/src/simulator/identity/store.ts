/**
 * The simulated Keystone's state and its rules: seeding, password and application-credential checks,
 * scoping, token issue, lookup and revocation.
 * @module
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { ResolvedSimulatorOptions } from '../options.js';
import type { SimApplicationCredential, SimDomain, SimProject, SimRole, SimToken, SimUser } from './model.js';

/** A 32-hex-digit id, like Keystone's. */
export function keystoneId(): string {
  return randomUUID().replace(/-/g, '');
}

/** Why a token lookup failed. */
export type TokenProblem = 'missing' | 'unknown' | 'expired' | 'revoked';

/** Keystone's records and rules. */
export class IdentityStore {
  /** Domains by id. */
  readonly domains = new Map<string, SimDomain>();
  /** Projects by id. */
  readonly projects = new Map<string, SimProject>();
  /** Users by id. */
  readonly users = new Map<string, SimUser>();
  /** Roles by name. */
  readonly roles = new Map<string, SimRole>();
  /** Tokens by token string. */
  readonly tokens = new Map<string, SimToken>();
  /** Application credentials by id. */
  readonly applicationCredentials = new Map<string, SimApplicationCredential>();
  /** Role names per `userId project:<id>` / `userId domain:<id>`. */
  private readonly assignments = new Map<string, Set<string>>();
  private readonly now: () => number;
  private readonly lifetimeMs: () => number;

  constructor(options: ResolvedSimulatorOptions, now: () => number, lifetimeMs: () => number) {
    this.now = now;
    this.lifetimeMs = lifetimeMs;
    this.domains.set('default', { id: 'default', name: 'Default' });
    for (const u of options.users) {
      this.addUser(u.name, u.password, {
        id: u.id,
        domain: u.domain,
        projects: u.projects,
        roles: u.roles,
        domainRoles: u.domainRoles,
        defaultProject: u.defaultProject,
      });
    }
  }

  /** The domain named `name`, created when missing. */
  ensureDomain(name: string): SimDomain {
    for (const d of this.domains.values()) if (d.name === name) return d;
    const domain = { id: keystoneId(), name };
    this.domains.set(domain.id, domain);
    return domain;
  }

  /** The project `name` in domain `domainId`, created when missing. */
  ensureProject(name: string, domainId: string): SimProject {
    for (const p of this.projects.values()) if (p.name === name && p.domainId === domainId) return p;
    const project = { id: keystoneId(), name, domainId };
    this.projects.set(project.id, project);
    return project;
  }

  /** The role `name`, created when missing. */
  ensureRole(name: string): SimRole {
    let role = this.roles.get(name);
    if (!role) {
      role = { id: keystoneId(), name };
      this.roles.set(name, role);
    }
    return role;
  }

  /** Adds a user with roles on projects (created as needed) and on its domain. */
  addUser(
    name: string,
    password: string,
    opts: {
      id?: string | undefined;
      domain?: string | undefined;
      projects?: readonly string[] | undefined;
      roles?: readonly string[] | undefined;
      domainRoles?: readonly string[] | undefined;
      defaultProject?: string | undefined;
    } = {},
  ): SimUser {
    const domain = this.ensureDomain(opts.domain ?? 'Default');
    const user: SimUser = { id: opts.id ?? keystoneId(), name, domainId: domain.id, password, defaultProjectId: undefined };
    this.users.set(user.id, user);
    for (const projectName of opts.projects ?? []) {
      const project = this.ensureProject(projectName, domain.id);
      this.grant(user.id, `project:${project.id}`, opts.roles ?? ['member', 'reader']);
    }
    if (opts.domainRoles && opts.domainRoles.length > 0) this.grant(user.id, `domain:${domain.id}`, opts.domainRoles);
    if (opts.defaultProject !== undefined) user.defaultProjectId = this.ensureProject(opts.defaultProject, domain.id).id;
    return user;
  }

  /** Gives `user` `roles` on a `project:<id>` or `domain:<id>` target. */
  grant(userId: string, target: string, roles: readonly string[]): void {
    const key = `${userId} ${target}`;
    const set = this.assignments.get(key) ?? new Set<string>();
    for (const r of roles) set.add(this.ensureRole(r).name);
    this.assignments.set(key, set);
  }

  /** Roles of a user on a target. */
  rolesOn(userId: string, target: string): SimRole[] {
    return [...(this.assignments.get(`${userId} ${target}`) ?? [])].map((r) => this.ensureRole(r));
  }

  /** Domain by id or name. */
  findDomain(ref: { id?: string | undefined; name?: string | undefined }): SimDomain | undefined {
    if (ref.id !== undefined) return this.domains.get(ref.id);
    for (const d of this.domains.values()) if (d.name === ref.name) return d;
    return undefined;
  }

  /** User by id, or by name in a domain. */
  findUser(ref: { id?: string | undefined; name?: string | undefined; domainId?: string | undefined }): SimUser | undefined {
    if (ref.id !== undefined) return this.users.get(ref.id);
    for (const u of this.users.values()) if (u.name === ref.name && u.domainId === ref.domainId) return u;
    return undefined;
  }

  /** Project by id, or by name in a domain. */
  findProject(ref: { id?: string | undefined; name?: string | undefined; domainId?: string | undefined }): SimProject | undefined {
    if (ref.id !== undefined) return this.projects.get(ref.id);
    for (const p of this.projects.values()) if (p.name === ref.name && p.domainId === ref.domainId) return p;
    return undefined;
  }

  /** Issues a token (a Fernet-looking string), valid for the configured lifetime or until `expiresAt`. */
  issue(fields: Omit<SimToken, 'id' | 'auditId' | 'issuedAt' | 'expiresAt' | 'revoked'> & { expiresAt?: number | undefined }): SimToken {
    const issuedAt = this.now();
    const token: SimToken = {
      ...fields,
      id: `gAAAAA${randomBytes(132).toString('base64url')}`,
      auditId: randomBytes(16).toString('base64url').slice(0, 22),
      issuedAt,
      expiresAt: fields.expiresAt ?? issuedAt + this.lifetimeMs(),
      revoked: false,
    };
    this.tokens.set(token.id, token);
    if (this.tokens.size % 10_000 === 0) this.sweep();
    return token;
  }

  /** A token that is valid now, or why not. */
  check(id: string | undefined): SimToken | TokenProblem {
    if (id === undefined || id === '') return 'missing';
    const token = this.tokens.get(id);
    if (!token) return 'unknown';
    if (token.revoked) return 'revoked';
    if (token.expiresAt <= this.now()) return 'expired';
    return token;
  }

  /** Revokes a token. */
  revoke(token: SimToken): void {
    token.revoked = true;
  }

  /** Revokes every token of a user (e.g. for tests), returning how many. */
  revokeUserTokens(userId: string): number {
    let n = 0;
    for (const t of this.tokens.values()) {
      if (t.user.id === userId && !t.revoked) {
        t.revoked = true;
        n++;
      }
    }
    return n;
  }

  /** Deletes an application credential and revokes the tokens it issued. */
  deleteApplicationCredential(id: string): boolean {
    if (!this.applicationCredentials.delete(id)) return false;
    for (const t of this.tokens.values()) if (t.applicationCredentialId === id) t.revoked = true;
    return true;
  }

  /** Drops expired and revoked tokens older than a day of simulator time (keeps memory flat in long runs). */
  sweep(): void {
    const cutoff = this.now() - 86_400_000;
    for (const [id, t] of this.tokens) if (t.expiresAt < cutoff) this.tokens.delete(id);
  }
}
