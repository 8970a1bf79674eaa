import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import {
  OutboxDispatcher,
  OutboxModule,
  OutboxRelay,
  OutboxRelayOptions,
  OutboxSubscribers,
  OutboxWriter,
  TransactionRunner,
} from '@ocop/db';
import { closeAll, createTestApp, TestApp } from '@ocop/testing';
import { outboxJobId } from './bull-outbox.dispatcher';
import { OutboxProcessor } from './outbox.processor';
import { OutboxRelayModule } from './outbox-relay.module';

declare module '@ocop/db' {
  interface OutboxTopics {
    'test.outbox.ping': { n: number };
    'test.outbox.flaky': { failTimes: number };
  }
}

/** Deliveries seen by each test subscriber, across every app of this file (they share this process). */
const seen = new Map<string, string[]>();
const failed = new Map<string, number>();
const record = (subscriber: string, id: string): void => {
  seen.set(subscriber, [...(seen.get(subscriber) ?? []), id]);
};
const timesSeen = (subscriber: string, id: string): number =>
  (seen.get(subscriber) ?? []).filter((x) => x === id).length;

@Injectable()
class TestSubscribers implements OnModuleInit {
  constructor(private readonly subscribers: OutboxSubscribers) {}

  onModuleInit(): void {
    this.subscribers.on('test.outbox.ping', 'a', async (m) => record('a', m.id));
    this.subscribers.on('test.outbox.ping', 'b', async (m) => record('b', m.id));
    this.subscribers.on('test.outbox.flaky', 'steady', async (m) => record('steady', m.id));
    this.subscribers.on('test.outbox.flaky', 'flaky', async (m) => {
      const failures = failed.get(m.id) ?? 0;
      if (failures < m.payload.failTimes) {
        failed.set(m.id, failures + 1);
        throw new Error(`not yet (${failures + 1})`);
      }
      record('flaky', m.id);
    });
  }
}

@Module({ providers: [TestSubscribers] })
class TestSubscribersModule {}

/** Owed messages are looked at again half a second after their hand-out (production: 10 s). */
const relayApp = (batchSize = 100, options: OutboxRelayOptions = {}): Promise<TestApp> =>
  createTestApp({
    imports: [
      OutboxRelayModule.forRoot({ batchSize, recheckAfterMs: 500, poisonPauseMs: 1000, ...options }),
      TestSubscribersModule,
    ],
  });

interface OutboxState {
  dispatched_at: Date | null;
  delivered_at: Date | null;
  hand_outs: number;
}

async function until(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const settle = (ms = 1500): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function ping(producer: TestApp, n: number): Promise<string> {
  return producer.app
    .get(TransactionRunner)
    .run((em) =>
      producer.app.get(OutboxWriter).write(em, { topic: 'test.outbox.ping', key: `k${n}`, payload: { n } }),
    );
}

function expectEachOnce(ids: string[], subscribers: string[]): void {
  for (const subscriber of subscribers) {
    const counts = ids.map((id) => timesSeen(subscriber, id));
    expect({ subscriber, notOnce: counts.filter((c) => c !== 1).length }).toEqual({ subscriber, notOnce: 0 });
  }
}

describe('transactional outbox (real PostgreSQL, Redis and BullMQ)', () => {
  /** The producer: an api-like app with the writer and no relay. */
  let api: TestApp;
  /** The worker side: relay and processor, with the test subscribers. */
  let t: TestApp;

  const stateOf = async (id: string): Promise<OutboxState> => {
    const [row] = (await api.db.query(
      `SELECT dispatched_at, delivered_at, hand_outs FROM outbox WHERE id = $1`,
      [id],
    )) as OutboxState[];
    if (!row) throw new Error(`no outbox row ${id}`);
    return row;
  };

  beforeAll(async () => {
    api = await createTestApp({ imports: [OutboxModule] });
    t = await relayApp();
  });
  afterAll(() => closeAll(t, api));

  it('a message written in a rolled-back transaction is never delivered; a write outside a transaction is refused', async () => {
    let rolledBack = '';
    await expect(
      api.app.get(TransactionRunner).run(async (em) => {
        rolledBack = await api.app
          .get(OutboxWriter)
          .write(em, { topic: 'test.outbox.ping', key: 'r', payload: { n: -1 } });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    expect(rolledBack).not.toBe('');
    const after = await ping(api, 1);
    await until('the committed message', () => timesSeen('a', after) === 1 && timesSeen('b', after) === 1);
    await settle();
    expect(timesSeen('a', rolledBack) + timesSeen('b', rolledBack)).toBe(0);
    expect(await t.db.query(`SELECT id FROM outbox WHERE id = $1`, [rolledBack])).toEqual([]);

    await expect(
      api.app
        .get(OutboxWriter)
        .write(api.db.manager, { topic: 'test.outbox.ping', key: 'x', payload: { n: 0 } }),
    ).rejects.toThrow(/inside a transaction/);
  });

  it('a committed message reaches each subscriber once, even when the relay hands it on again', async () => {
    const id = await ping(api, 2);
    await until('delivery', () => timesSeen('a', id) === 1 && timesSeen('b', id) === 1);
    // Acknowledged once both subscribers succeeded (the acknowledgements are written in batches, within ms).
    await until('the acknowledgement', async () => (await stateOf(id)).delivered_at !== null);
    const [row] = (await t.db.query(
      `SELECT topic, key, payload, dispatched_at, delivered_at, hand_outs FROM outbox WHERE id = $1`,
      [id],
    )) as (OutboxState & { topic: string; key: string; payload: unknown })[];
    expect(row).toMatchObject({ topic: 'test.outbox.ping', key: 'k2', payload: { n: 2 }, hand_outs: 1 });
    expect(row?.dispatched_at).toBeInstanceOf(Date);

    // A relay that crashed after enqueueing and before its commit sends the same rows again: same job id, no rerun.
    await t.app.get(OutboxDispatcher).dispatch([{ id, topic: 'test.outbox.ping', key: 'k2', handOut: 1 }]);
    await settle();
    expect([timesSeen('a', id), timesSeen('b', id)]).toEqual([1, 1]);
  });

  it('a queued job deleted from Redis by hand is delivered anyway, once, with a fresh job', async () => {
    const queue = t.app.get<Queue>(getQueueToken('outbox'));
    // The queue is paused so that the job waits in Redis, where it is deleted by hand.
    await queue.pause();
    let id = '';
    try {
      id = await ping(api, 4);
      await until('the hand-out', async () => (await stateOf(id)).dispatched_at !== null);
      const job = await queue.getJob(id);
      expect(job?.id).toBe(id);
      await job?.remove();
      expect(await queue.getJobState(id)).toBe('unknown');
      // Still owed: handing a job to Redis is not a delivery.
      expect((await stateOf(id)).delivered_at).toBeNull();
    } finally {
      await queue.resume();
    }
    await until('the delivery of the lost job', async () => (await stateOf(id)).delivered_at !== null);
    expect([timesSeen('a', id), timesSeen('b', id)]).toEqual([1, 1]);
    expect((await stateOf(id)).hand_outs).toBe(2);
    expect(await queue.getJobState(outboxJobId({ id, handOut: 2 }))).toBe('completed');
    await settle();
    expect([timesSeen('a', id), timesSeen('b', id)]).toEqual([1, 1]);
  });

  it('a delivery whose acknowledgement was lost is marked delivered from its finished job, not delivered again', async () => {
    const id = await ping(api, 6);
    await until('the acknowledgement', async () => (await stateOf(id)).delivered_at !== null);
    // As if the worker died between finishing the job and writing the acknowledgement.
    await api.db.query(`UPDATE outbox SET delivered_at = NULL, recheck_at = now() WHERE id = $1`, [id]);
    await until('the relay to find the finished job', async () => (await stateOf(id)).delivered_at !== null);
    expect((await stateOf(id)).hand_outs).toBe(1);
    await settle();
    expect([timesSeen('a', id), timesSeen('b', id)]).toEqual([1, 1]);
  });

  it('a poison message (every attempt of its job failed) stays owed and is handed out again after a pause', async () => {
    const processor = t.app.get(OutboxProcessor);
    const queue = t.app.get<Queue>(getQueueToken('outbox'));
    const { connection, prefix } = processor.worker.opts;
    // A stand-in for the eighth failed attempt: the job is taken and failed for good (no retry left) by hand.
    const breaker = new Worker('outbox', null, { connection, prefix, autorun: false });
    await processor.worker.pause(true);
    // A fetch the worker had already started may still take one job; it gives up after BullMQ's 5 s drain delay.
    await settle(5_500);
    let id = '';
    try {
      id = await ping(api, 5);
      await until('the hand-out', async () => (await stateOf(id)).dispatched_at !== null);
      const job = await breaker.getNextJob('poison-by-hand');
      expect(job?.id).toBe(id);
      job?.discard();
      await job?.moveToFailed(new Error('subscriber a: poisoned by hand'), 'poison-by-hand');
      expect(await queue.getJobState(id)).toBe('failed');
      // The relay sees it failed and hands it out again, delayed by the poison pause (1 s here); still owed.
      await until('the second hand-out', async () => (await stateOf(id)).hand_outs === 2);
      expect(await queue.getJobState(outboxJobId({ id, handOut: 2 }))).toBe('delayed');
      expect((await stateOf(id)).delivered_at).toBeNull();
    } finally {
      processor.worker.resume();
      await breaker.close();
    }
    await until('the delivery after the pause', async () => (await stateOf(id)).delivered_at !== null);
    expect([timesSeen('a', id), timesSeen('b', id)]).toEqual([1, 1]);
  }, 30_000);

  it('a failing subscriber is retried with backoff until it succeeds; the others are not called again', async () => {
    const id = await api.app
      .get(TransactionRunner)
      .run((em) =>
        api.app
          .get(OutboxWriter)
          .write(em, { topic: 'test.outbox.flaky', key: 'f', payload: { failTimes: 2 } }),
      );
    await until('the flaky subscriber to succeed', () => timesSeen('flaky', id) === 1, 20_000);
    await settle(500);
    expect([timesSeen('steady', id), timesSeen('flaky', id), failed.get(id)]).toEqual([1, 1, 2]);
    const [row] = (await t.db.query(`SELECT attempts, last_error FROM outbox WHERE id = $1`, [id])) as {
      attempts: number;
      last_error: string;
    }[];
    expect(row).toEqual({ attempts: 2, last_error: 'flaky: not yet (2)' });
  });

  it('200 messages written concurrently are each delivered exactly once with two relays running', async () => {
    const second = await relayApp(7);
    const relays = [t.app.get(OutboxRelay), second.app.get(OutboxRelay)];
    let moved = 0;
    for (const relay of relays) {
      const relayOnce = relay.relayOnce.bind(relay);
      jest.spyOn(relay, 'relayOnce').mockImplementation(async () => {
        const n = await relayOnce();
        moved += n;
        return n;
      });
    }
    try {
      const ids = await Promise.all(Array.from({ length: 200 }, (_, i) => ping(api, 1000 + i)));
      expect(new Set(ids).size).toBe(200);
      await until('all 200 deliveries', () =>
        ids.every((id) => timesSeen('a', id) >= 1 && timesSeen('b', id) >= 1),
      );
      await settle();
      expectEachOnce(ids, ['a', 'b']);
      const owed = async () =>
        (
          (await t.db.query(
            `SELECT count(*)::int AS n FROM outbox WHERE id = ANY($1::uuid[]) AND delivered_at IS NULL`,
            [ids],
          )) as { n: number }[]
        )[0]?.n;
      await until('every acknowledgement', async () => (await owed()) === 0);
      expect(moved).toBe(200); // SKIP LOCKED: no row taken by both relays
    } finally {
      await second.close();
    }
  });

  it('a relay stopped mid-way and started again delivers the rest, without duplicates', async () => {
    const before = await Promise.all(Array.from({ length: 100 }, (_, i) => ping(api, 2000 + i)));
    await until('some deliveries', () => before.some((id) => timesSeen('a', id) === 1));
    await t.close();
    // Written while no relay runs: they wait in the table.
    const during = await Promise.all(Array.from({ length: 100 }, (_, i) => ping(api, 3000 + i)));
    const [waiting] = (await api.db.query(
      `SELECT count(*)::int AS n FROM outbox WHERE id = ANY($1::uuid[]) AND dispatched_at IS NULL`,
      [during],
    )) as { n: number }[];
    expect(waiting?.n).toBe(100);
    t = await relayApp(5);
    const all = [...before, ...during];
    await until('every delivery', () =>
      all.every((id) => timesSeen('a', id) >= 1 && timesSeen('b', id) >= 1),
    );
    await settle();
    expectEachOnce(all, ['a', 'b']);
  });
});
