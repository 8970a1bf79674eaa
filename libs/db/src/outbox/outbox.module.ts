import { Global, Module } from '@nestjs/common';
import { OutboxSubscribers } from './outbox.subscribers';
import { OutboxWriter } from './outbox.writer';

/** The writer (for producers, api and worker) and the one subscriber registry of the process. */
@Global()
@Module({
  providers: [OutboxWriter, OutboxSubscribers],
  exports: [OutboxWriter, OutboxSubscribers],
})
export class OutboxModule {}
