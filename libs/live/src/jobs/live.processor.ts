import { Processor } from '@nestjs/bullmq';
import { JobHandlers, TypedProcessor } from '@ocop/queue';
import { RemindersService } from '../application/reminders.service';

@Processor('live')
export class LiveProcessor extends TypedProcessor<'live'> {
  protected readonly queue = 'live' as const;

  constructor(private readonly reminders: RemindersService) {
    super();
  }

  protected readonly handlers: JobHandlers<'live'> = {
    'session-reminder': (payload) => this.reminders.deliver(payload.sessionId),
  };
}
