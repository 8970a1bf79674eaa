import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { assertProvidersHandleEveryJob, WORKER_QUEUES } from '@ocop/queue';

/** Refuses to start a worker that would leave some registered job without a handler (the media app runs its own). */
@Injectable()
export class JobsBootCheck implements OnApplicationBootstrap {
  constructor(private readonly discovery: DiscoveryService) {}

  onApplicationBootstrap(): void {
    assertProvidersHandleEveryJob(this.discovery, WORKER_QUEUES);
  }
}
