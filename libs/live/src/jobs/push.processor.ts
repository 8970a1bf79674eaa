import { Processor } from '@nestjs/bullmq';
import { JobHandlers, TypedProcessor } from '@ocop/queue';
import { PushService } from '../application/push.service';

/** Sends Web Push notifications, one subscription per job (retries are per browser, never a duplicate to another). */
@Processor('push')
export class PushProcessor extends TypedProcessor<'push'> {
  protected readonly queue = 'push' as const;

  constructor(private readonly push: PushService) {
    super();
  }

  protected readonly handlers: JobHandlers<'push'> = {
    send: (payload) => this.push.send(payload.subscriptionId, payload.notificationId),
  };
}
