import { Injectable } from '@nestjs/common';
import { OutboxMessage, OutboxTopic } from './outbox.topics';

export type OutboxHandler<T extends OutboxTopic> = (message: OutboxMessage<T>) => Promise<unknown>;

export interface OutboxSubscriber {
  /** Unique per topic: a delivery remembers which subscribers already succeeded, by name, across retries. */
  name: string;
  handle: OutboxHandler<OutboxTopic>;
}

/**
 * Who hears each topic. Context modules register in onModuleInit; the worker starts consuming only once the
 * application has bootstrapped, so no message is handled before every subscriber is in. Handlers must be
 * idempotent: a message can reach a handler again after a crash (at-least-once delivery).
 */
@Injectable()
export class OutboxSubscribers {
  private readonly byTopic = new Map<string, OutboxSubscriber[]>();

  on<T extends OutboxTopic>(topic: T, name: string, handle: OutboxHandler<T>): void {
    const list = this.byTopic.get(topic) ?? [];
    if (list.some((s) => s.name === name)) {
      throw new Error(`Outbox subscriber "${name}" is already registered for topic "${topic}"`);
    }
    list.push({ name, handle: handle as OutboxHandler<OutboxTopic> });
    this.byTopic.set(topic, list);
  }

  of(topic: string): readonly OutboxSubscriber[] {
    return this.byTopic.get(topic) ?? [];
  }

  topics(): string[] {
    return [...this.byTopic.keys()];
  }
}
