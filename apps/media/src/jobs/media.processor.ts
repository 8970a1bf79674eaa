import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { StreamIngestService } from '@ocop/live';
import { JobHandlers, keepJobScheduled, TypedProcessor } from '@ocop/queue';
import { HlsStorage } from '../hls/hls-storage';
import { StreamSupervisor } from '../ingest/stream-supervisor';

export const RECORDINGS_SWEEP_SCHEDULER_ID = 'media-recordings-sweep';
export const RECORDINGS_SWEEP_EVERY_MS = 3600_000;

/**
 * Replays past their retention and replays left unfinished. Recordings live on the media app's disk, so the media
 * app sweeps them (see docs/video.md for several media nodes).
 */
@Injectable()
export class RecordingsSweep {
  private readonly log = new Logger(RecordingsSweep.name);

  constructor(
    private readonly ingest: StreamIngestService,
    private readonly storage: HlsStorage,
    private readonly supervisor: StreamSupervisor,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async sweep(): Promise<{ finished: number; deleted: number }> {
    let finished = 0;
    for (const sessionId of await this.ingest.unfinishedRecordings()) {
      await this.supervisor.finishRecording(sessionId);
      finished++;
    }
    let deleted = 0;
    for (const sessionId of await this.ingest.expiredRecordings(this.config.RECORDING_RETENTION_DAYS)) {
      await this.storage.remove(sessionId);
      await this.ingest.recordingDeleted(sessionId);
      deleted++;
    }
    if (finished + deleted > 0) this.log.log({ finished, deleted }, 'Recordings swept');
    return { finished, deleted };
  }
}

@Processor('media')
export class MediaProcessor extends TypedProcessor<'media'> {
  protected readonly queue = 'media' as const;

  constructor(
    private readonly ingest: StreamIngestService,
    private readonly supervisor: StreamSupervisor,
    private readonly recordings: RecordingsSweep,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  protected readonly handlers: JobHandlers<'media'> = {
    'stream-end': async ({ sessionId }) => {
      const ended = await this.ingest.endIfStillGone(
        sessionId,
        this.config.MEDIA_STREAM_GRACE_SECONDS * 1000,
      );
      // Ended now, or by the host while the stream was away: the replay is complete.
      if (ended || (await this.ingest.statusOf(sessionId)) === 'ended') {
        await this.supervisor.finishRecording(sessionId);
      }
      return { ended };
    },
    'sweep-recordings': () => this.recordings.sweep(),
  };
}

/** On boot: sweep once, then every hour. */
@Injectable()
export class RecordingsSweepScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private stopWatching: (() => void) | undefined;

  constructor(
    @InjectQueue('media') private readonly queue: Queue,
    private readonly recordings: RecordingsSweep,
  ) {}

  onModuleDestroy(): void {
    this.stopWatching?.();
  }

  async onApplicationBootstrap(): Promise<void> {
    this.stopWatching = await keepJobScheduled(
      this.queue,
      RECORDINGS_SWEEP_SCHEDULER_ID,
      { every: RECORDINGS_SWEEP_EVERY_MS },
      { name: 'sweep-recordings', data: {} },
    );
    await this.recordings.sweep();
  }
}
