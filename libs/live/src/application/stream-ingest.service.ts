import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { TransactionRunner } from '@ocop/db';
import { Clock, CLOCK, DomainError, isUuid } from '@ocop/kernel';
import { RealtimeEmitter, rooms } from '@ocop/realtime';
import {
  checkPublish,
  LiveError,
  onPublish,
  parseStreamKey,
  PublishRefusal,
  SessionStatus,
  streamEndDecision,
} from '../domain';
import { SessionEntity } from '../infrastructure/session.entity';
import { SessionsRepository } from '../infrastructure/sessions.repository';
import { StreamsRepository } from '../infrastructure/streams.repository';
import { SessionRoles } from './session-roles.service';
import { SessionViews } from './session-views';
import { SessionsService } from './sessions.service';
import { newStreamSecret } from './stream-settings.service';

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function refusal(reason: PublishRefusal, sessionId: string, status: SessionStatus | null): LiveError {
  switch (reason) {
    case 'unknown_session':
      return new LiveError('STREAM_KEY_INVALID', 'This stream key is not valid', {});
    case 'wrong_key':
      return new LiveError('STREAM_KEY_INVALID', 'This stream key is not valid', {});
    case 'session_over':
      return new LiveError('STREAM_NOT_ACCEPTED', `A session that is ${status} takes no stream`, {
        sessionId,
        status,
      });
    case 'not_streaming_here':
      return new LiveError('STREAM_NOT_ACCEPTED', 'This session shows a stream hosted elsewhere', {
        sessionId,
      });
  }
}

/**
 * What the media app asks of the live context: may this publisher stream, the stream arrived or left, the first
 * segment exists, the show ends after the grace period, and recordings past their retention.
 */
@Injectable()
export class StreamIngestService {
  private readonly log = new Logger(StreamIngestService.name);

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly streams: StreamsRepository,
    private readonly views: SessionViews,
    private readonly roles: SessionRoles,
    private readonly lifecycle: SessionsService,
    private readonly emitter: RealtimeEmitter,
    private readonly tx: TransactionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** An RTMP publisher presented `streamKey`: the session it may stream to, or STREAM_KEY_INVALID / STREAM_NOT_ACCEPTED. */
  async authorizeKey(streamKey: string): Promise<string> {
    const parsed = parseStreamKey(streamKey);
    if (!parsed) throw refusal('wrong_key', '', null);
    const [session, stream] = await Promise.all([
      this.sessions.findById(parsed.sessionId),
      this.streams.find(parsed.sessionId),
    ]);
    const reason = checkPublish({
      status: session?.status ?? null,
      currentSecret: stream?.streamSecret ?? null,
      presentedSecret: parsed.secret,
      external: session?.externalStreamUrl != null,
      sameSecret,
    });
    if (reason) throw refusal(reason, parsed.sessionId, session?.status ?? null);
    return parsed.sessionId;
  }

  /** The studio's browser camera: a signed-in host or co-host of a session that takes a stream. */
  async authorizeCamera(userId: string, sessionId: string): Promise<void> {
    const session = isUuid(sessionId) ? await this.sessions.findById(sessionId) : null;
    if (!session) throw new LiveError('SESSION_NOT_FOUND', 'No such session', { sessionId });
    await this.roles.assertRunsShow(session, userId);
    const reason = checkPublish({
      status: session.status,
      currentSecret: null,
      presentedSecret: null,
      external: session.externalStreamUrl !== null,
      sameSecret,
    });
    if (reason) throw refusal(reason, sessionId, session.status);
  }

  /**
   * Still allowed to publish (checked every few seconds while on air): the session is not over and, for a key
   * publisher, the key was not rotated since.
   */
  async stillAllowed(sessionId: string, presentedSecret: string | null): Promise<boolean> {
    const [session, stream] = await Promise.all([
      this.sessions.findById(sessionId),
      this.streams.find(sessionId),
    ]);
    return (
      checkPublish({
        status: session?.status ?? null,
        currentSecret: stream?.streamSecret ?? null,
        presentedSecret,
        external: session?.externalStreamUrl != null,
        sameSecret,
      }) === null
    );
  }

  /** A publisher is on air: remembered, and a scheduled session goes live as through the REST go-live. */
  async publishStarted(sessionId: string): Promise<SessionStatus> {
    const now = this.clock.now();
    const status = await this.tx.run(async (em) => {
      const session = await this.sessions.findById(sessionId, em);
      if (!session) throw new LiveError('SESSION_NOT_FOUND', 'No such session', { sessionId });
      await this.streams.ensure(sessionId, newStreamSecret());
      const row = await this.streams.lock(em, sessionId);
      if (row) {
        row.publishingSince = now;
        row.publisherLeftAt = null;
        await this.streams.save(em, row, now);
      }
      return session.status;
    });
    if (status !== 'scheduled' && status !== 'live') return status;
    if (onPublish(status) === 'go_live') {
      try {
        return (await this.lifecycle.goLiveByStream(sessionId)).status;
      } catch (error) {
        // Another publisher or the host's button won the race: the session is live either way.
        if (!(error instanceof DomainError && error.code === 'ILLEGAL_SESSION_TRANSITION')) throw error;
      }
    }
    return (await this.sessions.findById(sessionId))?.status ?? status;
  }

  /** The publisher left; returns when, for the grace timer. */
  async publishStopped(sessionId: string): Promise<Date> {
    const now = this.clock.now();
    await this.tx.run(async (em) => {
      const row = await this.streams.lock(em, sessionId);
      if (!row) return;
      row.publishingSince = null;
      row.publisherLeftAt = now;
      await this.streams.save(em, row, now);
    });
    return now;
  }

  /**
   * The grace timer fired: the show ends if its stream stayed away for the whole period. A stream that came back
   * keeps it live; one that dropped again since is ended by the job of that later drop.
   */
  async endIfStillGone(sessionId: string, graceMs: number): Promise<boolean> {
    const [session, stream] = await Promise.all([
      this.sessions.findById(sessionId),
      this.streams.find(sessionId),
    ]);
    if (!session || !stream) return false;
    const now = this.clock.now();
    const decision = streamEndDecision(
      {
        status: session.status,
        publishingSince: stream.publishingSince,
        publisherLeftAt: stream.publisherLeftAt,
      },
      graceMs,
      now,
    );
    if (decision !== 'end') return false;
    try {
      await this.lifecycle.endByStream(sessionId);
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'ILLEGAL_SESSION_TRANSITION')) throw error;
    }
    this.log.log({ sessionId }, 'Session ended: its stream stayed away for the grace period');
    return true;
  }

  /** The session's status now (null when unknown). */
  async statusOf(sessionId: string): Promise<SessionStatus | null> {
    return (await this.sessions.findById(sessionId))?.status ?? null;
  }

  /** The first segment exists: playback appears in the session view, and the room hears it. */
  async recordingStarted(sessionId: string, at: Date): Promise<void> {
    if (!(await this.streams.markRecordingStarted(sessionId, at))) return;
    const session = await this.sessions.findById(sessionId);
    if (session) await this.announce(session);
  }

  /** The replay playlist is complete (#EXT-X-ENDLIST written). */
  async recordingEnded(sessionId: string): Promise<void> {
    await this.streams.markRecordingEnded(sessionId, this.clock.now());
  }

  /** The media app wrote a newer still frame of the live stream: session cards show it from now on. */
  async thumbnailCaptured(sessionId: string, at: Date): Promise<void> {
    await this.streams.markThumbnail(sessionId, at);
  }

  /** The replay's poster is written. */
  async posterCaptured(sessionId: string, at: Date): Promise<void> {
    await this.streams.markPoster(sessionId, at);
  }

  /** Recordings of ended sessions still waiting for their #EXT-X-ENDLIST (the media app stopped mid-way). */
  unfinishedRecordings(limit = 100): Promise<string[]> {
    return this.streams.unfinishedRecordings(limit);
  }

  /** Sessions whose recording is past the retention period. */
  expiredRecordings(retentionDays: number, limit = 100): Promise<string[]> {
    const before = new Date(this.clock.now().getTime() - retentionDays * 24 * 3600 * 1000);
    return this.streams.expiredRecordings(before, limit);
  }

  /** The recording's files are gone: the replay reports no playback from now on. */
  async recordingDeleted(sessionId: string): Promise<void> {
    await this.streams.markRecordingDeleted(sessionId, this.clock.now());
  }

  private async announce(session: SessionEntity): Promise<void> {
    this.emitter.emit(rooms.session(session.id), 'session:state', await this.views.view(session));
  }
}
