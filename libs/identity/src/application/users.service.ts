import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { isRole, Role } from '@ocop/auth';
import { Clock, CLOCK, normalizeVnMobile } from '@ocop/kernel';
import { normalizeEmail, SignInIdentifier } from '../domain/credentials';
import { IdentityError } from '../domain/identity.errors';
import { AccessRevocations } from './access-revocations.service';
import { PasswordHasher } from './password-hasher';

export interface NewUser {
  email?: string | null;
  /** Any common Vietnamese mobile format; stored as +84... */
  phone?: string | null;
  password: string;
  displayName: string;
  /** Defaults to ['shopper']. Only the system (seed, tests) passes other roles; HTTP registration never does. */
  roles?: Role[];
}

export interface UserView {
  id: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  roles: Role[];
}

/** The roles and token version an access token is signed with. */
export interface AccessGrant {
  id: string;
  roles: Role[];
  tokenVersion: number;
}

interface UserRow {
  id: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  roles: string[];
  password_hash: string;
  token_version: number;
}

function toView(row: UserRow): UserView {
  return {
    id: row.id,
    displayName: row.display_name,
    email: row.email,
    phone: row.phone,
    roles: row.roles.filter(isRole),
  };
}

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly revocations: AccessRevocations,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async createUser(input: NewUser): Promise<UserView> {
    const email = input.email ? normalizeEmail(input.email) : null;
    let phone: string | null = null;
    if (input.phone) {
      phone = normalizeVnMobile(input.phone);
      if (!phone) throw new IdentityError('INVALID_PHONE', 'The phone is not a Vietnamese mobile number');
    }
    if (!email && !phone)
      throw new IdentityError('EMAIL_OR_PHONE_REQUIRED', 'Give an email or a phone number');
    const roles = [...new Set<Role>(['shopper', ...(input.roles ?? [])])];
    const hash = await this.hasher.hash(input.password);
    const now = this.clock.now();
    // ON CONFLICT DO NOTHING rather than catching the unique violation: a failed statement would be logged with
    // its parameters, password hash included.
    const rows = (await this.dataSource.query(
      `INSERT INTO users (email, phone, password_hash, display_name, roles, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5::text[], $6, $6)
       ON CONFLICT DO NOTHING
       RETURNING id, display_name, email, phone, roles, password_hash`,
      [email, phone, hash, input.displayName.trim(), roles, now],
    )) as UserRow[];
    if (rows[0]) return toView(rows[0]);
    const taken = (await this.dataSource.query(
      `SELECT email = $1 AS email_taken FROM users WHERE email = $1 OR phone = $2`,
      [email, phone],
    )) as { email_taken: boolean | null }[];
    if (taken.some((row) => row.email_taken)) {
      throw new IdentityError('EMAIL_TAKEN', 'An account with this email already exists');
    }
    throw new IdentityError('PHONE_TAKEN', 'An account with this phone number already exists');
  }

  async findUser(userId: string, em?: EntityManager): Promise<UserView | null> {
    const rows = (await (em ?? this.dataSource.manager).query(
      `SELECT id, display_name, email, phone, roles, password_hash FROM users WHERE id = $1`,
      [userId],
    )) as UserRow[];
    return rows[0] ? toView(rows[0]) : null;
  }

  /** The user, their password hash and token version, for sign-in only. */
  async findForSignIn(
    identifier: SignInIdentifier,
  ): Promise<(UserView & { passwordHash: string; tokenVersion: number }) | null> {
    const column = identifier.kind === 'email' ? 'email' : 'phone';
    const rows = (await this.dataSource.query(
      `SELECT id, display_name, email, phone, roles, password_hash, token_version FROM users WHERE ${column} = $1`,
      [identifier.value],
    )) as UserRow[];
    const row = rows[0];
    return row ? { ...toView(row), passwordHash: row.password_hash, tokenVersion: row.token_version } : null;
  }

  /** What an access token carries: the roles and the token version, read together from one row. */
  async accessOf(userId: string, em?: EntityManager): Promise<AccessGrant | null> {
    const rows = (await (em ?? this.dataSource.manager).query(
      `SELECT id, roles, token_version FROM users WHERE id = $1`,
      [userId],
    )) as Pick<UserRow, 'id' | 'roles' | 'token_version'>[];
    const row = rows[0];
    return row ? { id: row.id, roles: row.roles.filter(isRole), tokenVersion: row.token_version } : null;
  }

  /** Idempotent. A role actually granted revokes the user's older access tokens, so their next refresh carries it. */
  async grantRole(userId: string, role: Role, em?: EntityManager): Promise<void> {
    const manager = em ?? this.dataSource.manager;
    const result = (await manager.query(
      `UPDATE users SET roles = array_append(roles, $2), updated_at = $3, token_version = token_version + 1
        WHERE id = $1 AND NOT ($2 = ANY(roles))`,
      [userId, role, this.clock.now()],
    )) as [unknown[], number];
    if (result[1] > 0) {
      await this.revocations.announceAfterCommit(manager, userId, `role_granted:${role}`);
      return;
    }
    const exists = (await manager.query(`SELECT 1 FROM users WHERE id = $1`, [userId])) as unknown[];
    if (exists.length === 0) throw new IdentityError('USER_NOT_FOUND', 'No such user');
  }

  /** Idempotent; the shopper role is never removed. A role actually removed stops the user's access tokens now. */
  async revokeRole(userId: string, role: Exclude<Role, 'shopper'>, em?: EntityManager): Promise<void> {
    const manager = em ?? this.dataSource.manager;
    const result = (await manager.query(
      `UPDATE users SET roles = array_remove(roles, $2), updated_at = $3, token_version = token_version + 1
        WHERE id = $1 AND $2 = ANY(roles)`,
      [userId, role, this.clock.now()],
    )) as [unknown[], number];
    if (result[1] > 0) await this.revocations.announceAfterCommit(manager, userId, `role_removed:${role}`);
  }
}
