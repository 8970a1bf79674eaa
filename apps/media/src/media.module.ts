import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AppConfig } from '@ocop/config';
import { HealthModule, PlatformModule } from '@ocop/http';
import { Clock } from '@ocop/kernel';
import { LiveModule } from '@ocop/live';
import { QueueModule } from '@ocop/queue';
import { RealtimeModule } from '@ocop/realtime';
import { HlsPackager } from './hls/hls-packager';
import { HlsStorage } from './hls/hls-storage';
import { StreamFrames } from './hls/stream-frames';
import { CameraIngest } from './ingest/camera-ingest';
import { PublisherLease } from './ingest/publisher-lease';
import { RtmpIngest } from './ingest/rtmp-ingest';
import { StreamSupervisor } from './ingest/stream-supervisor';
import { MediaJobsBootCheck } from './jobs-boot-check';
import { MediaProcessor, RecordingsSweep, RecordingsSweepScheduler } from './jobs/media.processor';

export interface MediaModuleOptions {
  config?: AppConfig;
  clock?: Clock;
}

/**
 * The media process: RTMP ingest, the browser camera ingest, HLS packaging with ffmpeg, and serving the HLS files.
 * Viewers' players talk to it (or to a CDN in front of it), never to the api.
 */
@Module({})
export class MediaModule {
  static forRoot(options: MediaModuleOptions = {}): DynamicModule {
    return {
      module: MediaModule,
      imports: [
        DiscoveryModule,
        PlatformModule.forRoot({ service: 'media', config: options.config, clock: options.clock }),
        HealthModule,
        RealtimeModule,
        LiveModule,
        QueueModule.register('media'),
      ],
      providers: [
        HlsStorage,
        HlsPackager,
        StreamFrames,
        PublisherLease,
        StreamSupervisor,
        RtmpIngest,
        CameraIngest,
        RecordingsSweep,
        MediaProcessor,
        RecordingsSweepScheduler,
        MediaJobsBootCheck,
      ],
    };
  }
}
