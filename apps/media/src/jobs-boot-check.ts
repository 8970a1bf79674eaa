import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { assertProvidersHandleEveryJob, MEDIA_QUEUES } from '@ocop/queue';

/** Refuses to start a media app that would leave one of its jobs (the grace end, the recordings sweep) unhandled. */
@Injectable()
export class MediaJobsBootCheck implements OnApplicationBootstrap {
  constructor(private readonly discovery: DiscoveryService) {}

  onApplicationBootstrap(): void {
    assertProvidersHandleEveryJob(this.discovery, MEDIA_QUEUES);
  }
}
