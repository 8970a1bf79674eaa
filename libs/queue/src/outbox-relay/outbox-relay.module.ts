import { DynamicModule, Module } from '@nestjs/common';
import {
  OUTBOX_RELAY_OPTIONS,
  OutboxDispatcher,
  OutboxModule,
  OutboxRelay,
  OutboxRelayOptions,
} from '@ocop/db';
import { QueueModule } from '../queue.module';
import { BullOutboxDispatcher } from './bull-outbox.dispatcher';
import { OutboxProcessor } from './outbox.processor';

/**
 * The worker's half of the outbox: the relay (table -> `outbox` queue) and the processor (queue -> subscribers).
 * It lives in @ocop/queue because it joins db and BullMQ; see the `queue` entry of tools/eslint/boundaries.mjs.
 */
@Module({})
export class OutboxRelayModule {
  static forRoot(options: OutboxRelayOptions = {}): DynamicModule {
    return {
      module: OutboxRelayModule,
      imports: [OutboxModule, QueueModule.register('outbox')],
      providers: [
        { provide: OUTBOX_RELAY_OPTIONS, useValue: options },
        { provide: OutboxDispatcher, useClass: BullOutboxDispatcher },
        OutboxRelay,
        OutboxProcessor,
      ],
      exports: [OutboxRelay],
    };
  }
}
