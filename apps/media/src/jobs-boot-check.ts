import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { assertEveryJobHandled, MEDIA_QUEUES, QueueName, TypedProcessor } from '@ocop/queue';

/** Refuses to start a media app that would leave one of its jobs (the grace end, the recordings sweep) unhandled. */
@Injectable()
export class MediaJobsBootCheck implements OnApplicationBootstrap {
  constructor(private readonly discovery: DiscoveryService) {}

  onApplicationBootstrap(): void {
    const processors = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is TypedProcessor<QueueName> => instance instanceof TypedProcessor)
      .map((processor) => processor.handledJobs());
    assertEveryJobHandled(processors, MEDIA_QUEUES);
  }
}
