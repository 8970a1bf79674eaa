import { WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { DiscoveryService } from '@nestjs/core';
import { Job, WorkerOptions } from 'bullmq';
import { JobName, JobPayload, QUEUE_JOBS, QueueName } from './queue.registry';

/**
 * How every processor's BullMQ worker guards the jobs it holds. A worker that dies without a shutdown (SIGKILL, an
 * out-of-memory kill, a lost machine) keeps its jobs in `active` until their lock expires; a stalled-job check of a
 * live worker then hands them out again. BullMQ's defaults (a 30 s lock and a check every 30 s that skips a turn when
 * it finds the previous check's marker still alive) left a crashed worker's jobs untouched for up to two minutes: a
 * paid order waited that long for its confirmation. With a 15 s lock (renewed every 7.5 s) and a check every 5 s they
 * are redone within about 25 s. Every handler is idempotent, so a false stall (an event loop blocked for 15 s, or
 * Redis unreachable for as long) only runs a job twice; two stalls are allowed before a job is failed as poison.
 */
export const WORKER_OPTIONS = {
  lockDuration: 15_000,
  stalledInterval: 5_000,
  maxStalledCount: 2,
} as const satisfies Partial<WorkerOptions>;

/**
 * The metadata key under which @nestjs/bullmq's explorer reads a processor's worker options (the second argument of
 * @Processor). Reflect metadata follows the prototype chain, so processors that extend TypedProcessor and pass no
 * options of their own run with WORKER_OPTIONS; one that passes options spreads WORKER_OPTIONS into them.
 * typed-processor.int-spec.ts checks this against the real explorer.
 */
const NEST_BULLMQ_WORKER_METADATA = 'bullmq:worker_metadata';

export type JobHandlers<Q extends QueueName> = {
  [J in JobName<Q>]: (payload: JobPayload<Q, J>, job: Job<JobPayload<Q, J>>) => Promise<unknown>;
};

/**
 * A BullMQ processor for one queue with a handler for each of its job names. Handlers must be idempotent:
 * a job can run more than once after a crash or a retry.
 */
export abstract class TypedProcessor<Q extends QueueName> extends WorkerHost {
  protected abstract readonly queue: Q;
  protected abstract readonly handlers: JobHandlers<Q>;
  protected readonly log = new Logger(this.constructor.name);

  handledJobs(): { queue: Q; jobs: string[] } {
    return { queue: this.queue, jobs: Object.keys(this.handlers) };
  }

  override async process(job: Job): Promise<unknown> {
    const handlers = this.handlers as unknown as Record<
      string,
      ((payload: unknown, job: Job) => Promise<unknown>) | undefined
    >;
    const handler = handlers[job.name];
    if (!handler) throw new Error(`No handler for job "${job.name}" on queue "${this.queue}"`);
    return handler.call(this.handlers, job.data, job);
  }
}

Reflect.defineMetadata(NEST_BULLMQ_WORKER_METADATA, WORKER_OPTIONS, TypedProcessor);

/** Throws unless every registered job name of every queue (of `queues`) has a handler among the processors. */
export function assertEveryJobHandled(
  processors: { queue: QueueName; jobs: string[] }[],
  queues: readonly QueueName[] = Object.keys(QUEUE_JOBS) as QueueName[],
): void {
  const missing: string[] = [];
  for (const queue of queues) {
    const handled = new Set(processors.filter((p) => p.queue === queue).flatMap((p) => p.jobs));
    for (const job of QUEUE_JOBS[queue]) if (!handled.has(job)) missing.push(`${queue}/${job}`);
  }
  if (missing.length > 0) throw new Error(`Jobs without a handler: ${missing.join(', ')}`);
}

/**
 * The boot check of an app that runs processors: throws unless the TypedProcessors among its providers handle every
 * registered job of `queues` (the queues that app runs).
 */
export function assertProvidersHandleEveryJob(
  discovery: DiscoveryService,
  queues: readonly QueueName[],
): void {
  const processors = discovery
    .getProviders()
    .map((wrapper) => wrapper.instance as unknown)
    .filter((instance): instance is TypedProcessor<QueueName> => instance instanceof TypedProcessor)
    .map((processor) => processor.handledJobs());
  assertEveryJobHandled(processors, queues);
}
