import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxSubscribers } from '@ocop/db';
import { AttributionRecorder } from '../application/attribution-recorder.service';

/** The subscriber name under which the outbox remembers attribution's deliveries. */
export const ATTRIBUTION_SUBSCRIBER = 'attribution.recorder';

/**
 * Hears the orders context through the outbox (in the worker, where the relay runs): every placed order and every
 * status change, at least once; the recorder is idempotent.
 */
@Injectable()
export class AttributionSubscribers implements OnModuleInit {
  constructor(
    private readonly subscribers: OutboxSubscribers,
    private readonly recorder: AttributionRecorder,
  ) {}

  onModuleInit(): void {
    this.subscribers.on('orders.placed', ATTRIBUTION_SUBSCRIBER, (m) =>
      this.recorder.recordPlaced(m.payload),
    );
    this.subscribers.on('orders.status-changed', ATTRIBUTION_SUBSCRIBER, (m) =>
      this.recorder.recordStatusChange(m.payload),
    );
  }
}
