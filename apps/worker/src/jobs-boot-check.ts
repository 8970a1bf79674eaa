import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { assertEveryJobHandled, QueueName, TypedProcessor, WORKER_QUEUES } from '@ocop/queue';

/** Refuses to start a worker that would leave some registered job without a handler (the media app runs its own). */
@Injectable()
export class JobsBootCheck implements OnApplicationBootstrap {
  constructor(private readonly discovery: DiscoveryService) {}

  onApplicationBootstrap(): void {
    const processors = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is TypedProcessor<QueueName> => instance instanceof TypedProcessor)
      .map((processor) => processor.handledJobs());
    assertEveryJobHandled(processors, WORKER_QUEUES);
  }
}
