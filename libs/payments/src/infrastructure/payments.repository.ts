import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { PaymentStatus, PaymentTrigger } from '../domain';
import { PaymentTransitionEntity } from './payment-transition.entity';
import { PaymentEntity } from './payment.entity';
import { StripeEventEntity } from './stripe-event.entity';

@Injectable()
export class PaymentsRepository {
  constructor(@InjectRepository(PaymentEntity) private readonly repo: Repository<PaymentEntity>) {}

  findById(id: string): Promise<PaymentEntity | null> {
    return this.repo.findOneBy({ id });
  }

  /** Locks the payment row (SELECT ... FOR UPDATE) so one change at a time sees and writes its status. */
  lock(em: EntityManager, id: string): Promise<PaymentEntity | null> {
    return em.getRepository(PaymentEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  lockByIntent(em: EntityManager, intentId: string): Promise<PaymentEntity | null> {
    return em
      .getRepository(PaymentEntity)
      .findOne({ where: { stripePaymentIntentId: intentId }, lock: { mode: 'pessimistic_write' } });
  }

  insert(
    em: EntityManager,
    values: Pick<PaymentEntity, 'reference' | 'method' | 'amountVnd' | 'status' | 'stripePaymentIntentId'>,
  ): Promise<PaymentEntity> {
    const repo = em.getRepository(PaymentEntity);
    return repo.save(repo.create({ ...values, stripeRefundId: null, collectedVnd: null }));
  }

  /** Moves a locked payment and records the transition in its history. */
  async transition(
    em: EntityManager,
    payment: PaymentEntity,
    to: PaymentStatus,
    trigger: PaymentTrigger,
    stripeEventId: string | null,
    changes: Partial<Pick<PaymentEntity, 'stripeRefundId' | 'collectedVnd'>> = {},
  ): Promise<void> {
    const from = payment.status;
    Object.assign(payment, changes, { status: to, updatedAt: new Date() });
    await em.getRepository(PaymentEntity).save(payment);
    await em
      .getRepository(PaymentTransitionEntity)
      .insert({ paymentId: payment.id, fromStatus: from, toStatus: to, trigger, stripeEventId });
  }

  /** Stores an event once; false when this id was stored before (a redelivery). */
  async insertEvent(event: {
    id: string;
    type: string;
    payload: StripeEventEntity['payload'];
  }): Promise<boolean> {
    const rows = (await this.repo.query(
      `INSERT INTO stripe_events (id, type, payload) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [event.id, event.type, JSON.stringify(event.payload)],
    )) as unknown[];
    return rows.length > 0;
  }

  lockEvent(em: EntityManager, id: string): Promise<StripeEventEntity | null> {
    return em
      .getRepository(StripeEventEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async markEventProcessed(em: EntityManager, id: string, outcome: string): Promise<void> {
    await em.getRepository(StripeEventEntity).update({ id }, { processedAt: new Date(), outcome });
  }
}
