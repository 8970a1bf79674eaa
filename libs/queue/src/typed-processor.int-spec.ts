import { Processor } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { Queue } from 'bullmq';
import { createTestApp, TestApp } from '@ocop/testing';
import { OutboxProcessor, OutboxRelayModule } from './outbox-relay';
import { QueueModule } from './queue.module';
import { JobHandlers, TypedProcessor, WORKER_OPTIONS } from './typed-processor';

/** A processor as the contexts write them: @Processor(queue) with no worker options of its own. */
@Processor('catalogue')
class ScanProcessor extends TypedProcessor<'catalogue'> {
  protected readonly queue = 'catalogue' as const;
  readonly scanned: string[] = [];
  protected readonly handlers: JobHandlers<'catalogue'> = {
    'certificate-expiry-scan': async (payload) => this.scanned.push(payload.asOf ?? 'now'),
  };
}

@Module({ imports: [QueueModule.register('catalogue')], providers: [ScanProcessor] })
class ScanModule {}

describe('the BullMQ workers behind TypedProcessor (real @nestjs/bullmq explorer and Redis)', () => {
  let t: TestApp;

  beforeAll(async () => {
    // A prefix of its own: this app's workers must not take the jobs other test files of this Jest worker leave.
    t = await createTestApp({
      imports: [ScanModule, OutboxRelayModule.forRoot()],
      config: { QUEUE_PREFIX: `${process.env['QUEUE_PREFIX']}-typed` },
    });
  });
  afterAll(() => t?.close());

  it("runs a context's processor with the crash-recovery options, and the outbox processor with them and its own", () => {
    expect(t.app.get(ScanProcessor).worker.opts).toMatchObject({ ...WORKER_OPTIONS, lockRenewTime: 7_500 });
    expect(t.app.get(OutboxProcessor).worker.opts).toMatchObject({ ...WORKER_OPTIONS, autorun: false });
  });

  it('still processes jobs with them', async () => {
    const processor = t.app.get(ScanProcessor);
    const { connection, prefix } = processor.worker.opts;
    const producer = new Queue('catalogue', { connection, prefix });
    try {
      await producer.add('certificate-expiry-scan', { asOf: '2026-07-01' });
      const deadline = Date.now() + 10_000;
      while (!processor.scanned.includes('2026-07-01') && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(processor.scanned).toEqual(['2026-07-01']);
    } finally {
      await producer.obliterate({ force: true });
      await producer.close();
    }
  });
});
