import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { LiveError, StreamIngestService, streamEndJobId } from '@ocop/live';
import { JobPayload } from '@ocop/queue';
import { IngestInput } from '../hls/ffmpeg-args';
import { HlsPackager, PackagerExit, PackagerRun } from '../hls/hls-packager';
import { HlsStorage } from '../hls/hls-storage';
import { StreamFrames } from '../hls/stream-frames';
import { PublisherLease } from './publisher-lease';

/** Why a publish stops; the transport tells its publisher (an RTMP disconnect, a WebSocket close code). */
export type StopReason = 'publisher_left' | 'stalled' | 'revoked' | 'bad_media' | 'overloaded' | 'shutdown';

/** How often a publish on air renews its lease and checks that its session and key still accept it. */
const TICK_MS = 2_000;
/** A publisher that sends nothing for this long is treated as gone (a phone whose connection silently died). */
const STALL_MS = 10_000;

export interface PublishRequest {
  sessionId: string;
  /** The key's secret for an RTMP publisher (re-checked while on air, so a rotation cuts it off); null for the camera. */
  secret: string | null;
  input: IngestInput;
  /** Asks the transport to disconnect its publisher; it then calls `stop` itself. */
  disconnect: (reason: StopReason) => void;
}

/** A publish on air: the transport feeds it and stops it once. */
export interface Publish {
  write: (chunk: Buffer) => void;
  stop: (reason: StopReason) => Promise<void>;
}

/**
 * The life of one publish, whatever its transport: the lease, the go-live, ffmpeg, the first segment, the checks
 * while on air, and on the way out either the grace timer (the session is still live) or the finished replay.
 */
@Injectable()
export class StreamSupervisor implements OnApplicationShutdown {
  private readonly log = new Logger(StreamSupervisor.name);
  private readonly onAir = new Map<string, Publish>();

  constructor(
    private readonly ingest: StreamIngestService,
    private readonly packager: HlsPackager,
    private readonly storage: HlsStorage,
    private readonly lease: PublisherLease,
    private readonly frames: StreamFrames,
    @InjectQueue('media') private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Whether this node is packaging the session right now (its playlist is then ffmpeg's to write). */
  isOnAir(sessionId: string): boolean {
    return this.onAir.has(sessionId);
  }

  /** Starts a publish; STREAM_ALREADY_PUBLISHING when another publisher holds the session. */
  async open(request: PublishRequest): Promise<Publish> {
    const { sessionId } = request;
    const token = await this.lease.acquire(sessionId);
    if (token === null) {
      throw new LiveError('STREAM_ALREADY_PUBLISHING', 'Someone is already streaming to this session', {
        sessionId,
      });
    }
    let run: PackagerRun;
    try {
      await this.ingest.publishStarted(sessionId);
      run = this.packager.start(request.input, await this.storage.prepare(sessionId));
    } catch (error) {
      await this.lease.release(sessionId, token);
      throw error;
    }
    this.log.log({ sessionId, pid: run.pid }, 'Publish started');

    let lastInputAt = Date.now();
    let stopping: Promise<void> | null = null;
    let recordingKnown = false;
    let ticking = false;
    const tick = async () => {
      if (ticking || stopping) return;
      ticking = true;
      try {
        if (!recordingKnown) {
          const first = await this.storage.firstSegmentAt(sessionId);
          if (first) {
            recordingKnown = true;
            await this.ingest.recordingStarted(sessionId, first);
            void grabFrame();
          }
        }
        if (Date.now() - lastInputAt > STALL_MS) return request.disconnect('stalled');
        const [renewed, allowed] = await Promise.all([
          this.lease.renew(sessionId, token),
          this.ingest.stillAllowed(sessionId, request.secret),
        ]);
        if (!renewed || !allowed) request.disconnect('revoked');
      } catch (error) {
        this.log.warn({ err: error, sessionId }, 'Check of a publish on air failed; retrying');
      } finally {
        ticking = false;
      }
    };
    // The first segment is looked for more often than the rest is checked: viewers wait for it.
    const firstSegmentTimer = setInterval(() => {
      if (!recordingKnown && !stopping) void tick();
    }, 250);
    const timer = setInterval(() => void tick(), TICK_MS);
    // A still frame for the cards that list the session, every few seconds once there is a segment to take it from.
    let grabbing = false;
    const grabFrame = async () => {
      if (grabbing || stopping || !recordingKnown) return;
      grabbing = true;
      try {
        const at = await this.frames.grab(sessionId, 'live');
        if (at && !stopping) await this.ingest.thumbnailCaptured(sessionId, at);
      } catch (error) {
        this.log.warn({ err: error, sessionId }, 'Could not grab a still frame; the next one is due soon');
      } finally {
        grabbing = false;
      }
    };
    const frameTimer = setInterval(() => void grabFrame(), this.config.MEDIA_THUMBNAIL_SECONDS * 1000);

    void run.exited.then((exit) => {
      if (!exit.requested) request.disconnect(badMedia(exit) ? 'bad_media' : 'overloaded');
    });

    const publish: Publish = {
      write: (chunk) => {
        lastInputAt = Date.now();
        if (!run.write(chunk)) request.disconnect('overloaded');
      },
      stop: (reason) => {
        stopping ??= (async () => {
          clearInterval(timer);
          clearInterval(firstSegmentTimer);
          clearInterval(frameTimer);
          await run.finish();
          await this.storage.removeLeftovers(sessionId);
          if (!recordingKnown) {
            const first = await this.storage.firstSegmentAt(sessionId);
            if (first) await this.ingest.recordingStarted(sessionId, first);
          }
          this.onAir.delete(sessionId);
          await this.lease.release(sessionId, token);
          await this.afterPublish(sessionId, reason);
        })().catch((error: unknown) => {
          this.onAir.delete(sessionId);
          this.log.error({ err: error, sessionId }, 'Could not close a publish cleanly');
        });
        return stopping;
      },
    };
    this.onAir.set(sessionId, publish);
    return publish;
  }

  /** Still live: the grace timer starts (a dropped phone has that long to come back). Over: the replay is closed. */
  private async afterPublish(sessionId: string, reason: StopReason): Promise<void> {
    const status = await this.ingest.statusOf(sessionId);
    if (status === 'live') {
      const leftAt = await this.ingest.publishStopped(sessionId);
      const payload: JobPayload<'media', 'stream-end'> = { sessionId };
      await this.queue.add('stream-end', payload, {
        jobId: streamEndJobId(sessionId, leftAt),
        delay: this.config.MEDIA_STREAM_GRACE_SECONDS * 1000,
      });
      this.log.log({ sessionId, reason }, 'Publisher gone; the session waits for the stream to come back');
      return;
    }
    await this.ingest.publishStopped(sessionId);
    if (status === 'ended') await this.finishRecording(sessionId);
    this.log.log({ sessionId, reason, status }, 'Publish ended');
  }

  /**
   * Closes the replay playlist of an ended session (unless this node is still packaging it) and grabs its poster.
   * A poster that could not be grabbed does not hold the replay back.
   */
  async finishRecording(sessionId: string): Promise<void> {
    if (this.isOnAir(sessionId)) return;
    if (!(await this.storage.finalize(sessionId))) return;
    await this.ingest.recordingEnded(sessionId);
    try {
      const at = await this.frames.grab(sessionId, 'poster');
      if (at) await this.ingest.posterCaptured(sessionId, at);
    } catch (error) {
      this.log.warn({ err: error, sessionId }, 'Could not grab the replay poster');
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.onAir.values()].map((p) => p.stop('shutdown')));
    this.packager.killAll();
  }
}

/** ffmpeg refusing its input (garbage, an unknown container) rather than dying of something else. */
function badMedia(exit: PackagerExit): boolean {
  return exit.code !== null && exit.code !== 0 && exit.signal === null;
}
