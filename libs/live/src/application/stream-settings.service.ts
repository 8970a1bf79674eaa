import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { Clock, CLOCK } from '@ocop/kernel';
import { isOpen, LiveError, STREAM_SECRET_LENGTH, streamKeyOf } from '../domain';
import { SessionStreamEntity } from '../infrastructure/session-stream.entity';
import { StreamsRepository } from '../infrastructure/streams.repository';
import { SessionRoles } from './session-roles.service';
import { SessionViews } from './session-views';
import { StreamSettings } from './views';

/** A fresh stream secret: 32 URL-safe characters (192 random bits). */
export function newStreamSecret(): string {
  return randomBytes((STREAM_SECRET_LENGTH * 3) / 4).toString('base64url');
}

/** What the host and co-hosts paste into OBS or a phone app, and the key rotation when it leaks. */
@Injectable()
export class StreamSettingsService {
  constructor(
    private readonly streams: StreamsRepository,
    private readonly views: SessionViews,
    private readonly roles: SessionRoles,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async settings(userId: string, sessionId: string): Promise<StreamSettings> {
    const session = await this.views.require(sessionId);
    await this.roles.assertRunsShow(session, userId);
    const row =
      (await this.streams.find(sessionId)) ?? (await this.streams.ensure(sessionId, newStreamSecret()));
    return this.describe(row);
  }

  /** A new key; the old one stops working at once (a publisher using it is cut off within seconds). */
  async rotate(userId: string, sessionId: string): Promise<StreamSettings> {
    const session = await this.views.require(sessionId);
    await this.roles.assertRunsShow(session, userId);
    if (!isOpen(session.status)) {
      throw new LiveError('SESSION_CLOSED', `A session that is ${session.status} takes no stream`, {
        sessionId,
        status: session.status,
      });
    }
    return this.describe(await this.streams.setSecret(sessionId, newStreamSecret(), this.clock.now()));
  }

  private describe(row: SessionStreamEntity): StreamSettings {
    const rtmpUrl = this.config.MEDIA_RTMP_PUBLIC_URL.replace(/\/+$/, '');
    const streamKey = streamKeyOf(row.sessionId, row.streamSecret);
    const media = new URL(this.config.MEDIA_PUBLIC_URL);
    media.protocol = media.protocol === 'https:' ? 'wss:' : 'ws:';
    media.pathname = `${media.pathname.replace(/\/+$/, '')}/ingest/ws`;
    media.search = new URLSearchParams({ sessionId: row.sessionId }).toString();
    return {
      sessionId: row.sessionId,
      rtmpUrl,
      streamKey,
      ingestUrl: `${rtmpUrl}/${streamKey}`,
      browserIngestUrl: media.toString(),
      keyCreatedAt: row.secretCreatedAt.toISOString(),
      publishing: row.publishingSince !== null,
    };
  }
}
