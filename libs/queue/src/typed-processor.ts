import { WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { JobName, JobPayload, QUEUE_JOBS, QueueName } from './queue.registry';

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
    const handlers = this.handlers as unknown as Record<string, ((payload: unknown, job: Job) => Promise<unknown>) | undefined>;
    const handler = handlers[job.name];
    if (!handler) throw new Error(`No handler for job "${job.name}" on queue "${this.queue}"`);
    return handler.call(this.handlers, job.data, job);
  }
}

/** Throws unless every registered job name of every queue has a handler among the processors. */
export function assertEveryJobHandled(processors: { queue: QueueName; jobs: string[] }[]): void {
  const missing: string[] = [];
  for (const queue of Object.keys(QUEUE_JOBS) as QueueName[]) {
    const handled = new Set(processors.filter((p) => p.queue === queue).flatMap((p) => p.jobs));
    for (const job of QUEUE_JOBS[queue]) if (!handled.has(job)) missing.push(`${queue}/${job}`);
  }
  if (missing.length > 0) throw new Error(`Jobs without a handler: ${missing.join(', ')}`);
}
