import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TokenVersions } from '@ocop/auth';
import { afterCommit } from '@ocop/db';
import { RealtimeEmitter, rooms } from '@ocop/realtime';
import type { AccessRevokedReason } from '../identity.events';

/**
 * Revocation that reaches what is already handed out: moving a user's token version on refuses their older access
 * tokens (HTTP and socket handshakes) within about a second on every replica, and their open sockets are
 * disconnected at once, so each tab reconnects with a fresh token (new roles) or as a guest (signed out).
 */
@Injectable()
export class AccessRevocations {
  private readonly log = new Logger(AccessRevocations.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly versions: TokenVersions,
    private readonly realtime: RealtimeEmitter,
  ) {}

  /** Moves the user's token version on inside `em`'s transaction; the effects follow its commit. */
  async revoke(em: EntityManager, userId: string, reason: string): Promise<void> {
    await em.query(`UPDATE users SET token_version = token_version + 1 WHERE id = $1`, [userId]);
    await this.announceAfterCommit(em, userId, reason);
  }

  /** For a statement that moved the version on itself (with the roles, in one UPDATE). */
  announceAfterCommit(em: EntityManager, userId: string, reason: string): Promise<void> {
    return afterCommit(em, () => this.announce(userId, reason));
  }

  /** After commit: shares the committed version with every replica, then closes the user's sockets everywhere. */
  private async announce(userId: string, reason: string): Promise<void> {
    const rows = (await this.dataSource.query(`SELECT token_version FROM users WHERE id = $1`, [userId])) as {
      token_version: number;
    }[];
    if (rows[0]) await this.versions.publish(userId, rows[0].token_version);
    const told: AccessRevokedReason =
      reason === 'sign_out_everywhere' ? 'signed_out_everywhere' : 'access_changed';
    this.realtime.emit(rooms.user(userId), 'auth:revoked', { reason: told });
    this.realtime.disconnect(rooms.user(userId));
    this.log.log({ userId, reason }, 'Access revoked: older access tokens refused, sockets disconnected');
  }
}
