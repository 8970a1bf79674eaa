import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Clock, CLOCK } from '@ocop/kernel';
import { JobPayload } from '@ocop/queue';
import { reminderDelay, reminderJobId } from '../domain';

/**
 * The one delayed `live/session-reminder` job per session, under a deterministic id. Moving it is remove + add
 * (a finished job under the same id would otherwise swallow the new one).
 */
@Injectable()
export class ReminderJobs {
  constructor(
    @InjectQueue('live') private readonly queue: Queue,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async schedule(sessionId: string, startAt: Date): Promise<void> {
    const jobId = reminderJobId(sessionId);
    await this.queue.remove(jobId);
    const payload: JobPayload<'live', 'session-reminder'> = { sessionId };
    await this.queue.add('session-reminder', payload, {
      jobId,
      delay: reminderDelay(startAt, this.clock.now()),
    });
  }

  async cancel(sessionId: string): Promise<void> {
    await this.queue.remove(reminderJobId(sessionId));
  }
}
