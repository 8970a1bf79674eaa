import { Global, Module } from '@nestjs/common';
import { OutboxSubscribers } from './outbox.subscribers';
import { OutboxReader } from './outbox.reader';
import { OutboxWriter } from './outbox.writer';

/** The writer (for producers, api and worker), the reader (for the reconciliation) and the one subscriber registry of the process. */
@Global()
@Module({
  providers: [OutboxWriter, OutboxReader, OutboxSubscribers],
  exports: [OutboxWriter, OutboxReader, OutboxSubscribers],
})
export class OutboxModule {}
