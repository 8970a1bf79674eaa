import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { PaymentEvents, PaymentOutcomeEvent, PaymentStatus } from '../domain';

/**
 * Tells the rest of the platform about outcomes, after the transaction that caused them has committed. In-process
 * for now; the outbox will replace this when it lands.
 */
@Injectable()
export class PaymentAnnouncer {
  constructor(private readonly events: EventEmitter2) {}

  announce(to: PaymentStatus, payment: PaymentOutcomeEvent): void {
    const name =
      to === 'succeeded' || to === 'collected'
        ? PaymentEvents.Succeeded
        : to === 'failed'
          ? PaymentEvents.Failed
          : to === 'refunded'
            ? PaymentEvents.Refunded
            : null;
    if (name)
      this.events.emit(name, {
        paymentId: payment.paymentId,
        reference: payment.reference,
        amountVnd: payment.amountVnd,
      });
  }
}
