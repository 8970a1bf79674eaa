import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
  Optional,
} from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { OUTBOX_CHANNEL } from './outbox.topics';

/**
 * An owed message as the relay hands it on (the payload stays in the table; consumers read it by id). `handOut` is
 * 1 for its first job and grows by one each time the relay hands it out again: the dispatcher derives the job id
 * from it, so a hand-out is idempotent but a new one is never mistaken for a finished one.
 */
export interface OutboxPending {
  id: string;
  topic: string;
  key: string;
  handOut: number;
}

/**
 * What became of a handed-out message's job: still `queued` (waiting, delayed or being processed), `done` (every
 * subscriber succeeded: only the acknowledgement was lost), `failed` (every attempt failed: a poison message), or
 * `lost` (no such job: Redis restarted without it, failed over or evicted it, or trimmed it after it finished).
 */
export type OutboxJobState = 'queued' | 'done' | 'failed' | 'lost';

/**
 * Where relayed rows go (BullOutboxDispatcher in @ocop/queue). dispatch must be idempotent per (row id, hand-out):
 * a relay that crashes after dispatching and before its commit hands the same rows on again.
 */
export abstract class OutboxDispatcher {
  /** Queues one job per row; `delayMs` postpones them (a poison message is handed out again after a pause). */
  abstract dispatch(rows: readonly OutboxPending[], options?: { delayMs?: number }): Promise<void>;
  /** The state of each row's current job, in order, with one exchange with the queue for the whole batch. */
  abstract states(rows: readonly OutboxPending[]): Promise<OutboxJobState[]>;
}

export interface OutboxRelayOptions {
  /** Rows per transaction (default 100). */
  batchSize?: number;
  /** Fallback poll when no NOTIFY arrives, in ms (default 1000). */
  pollMs?: number;
  /**
   * How long after a hand-out the relay first looks at a message still owed, in ms (default 5,000); while its job is
   * still queued, the wait doubles. Deliveries are acknowledged within milliseconds, so only messages whose job
   * Redis lost, or that wait behind a long queue, are ever looked at.
   */
  recheckAfterMs?: number;
  /** How long a poison message (every attempt failed) waits before it is handed out again, in ms (default 10 min). */
  poisonPauseMs?: number;
}

/** What one pass over the handed-out, still owed messages did. */
export interface OutboxRecheck {
  /** Looked at: their recheck time had come. */
  checked: number;
  /** Their job was gone: handed out again with a fresh job. */
  handedOutAgain: number;
  /** Their job had finished but the acknowledgement was lost: marked delivered. */
  acknowledged: number;
  /** Every attempt of their job failed: handed out again after the poison pause. */
  poisoned: number;
}

export const OUTBOX_RELAY_OPTIONS = Symbol('OutboxRelayOptions');

/**
 * Moves committed outbox rows to the dispatcher, in batches locked with FOR UPDATE SKIP LOCKED (any number of
 * workers may run a relay), marking them handed out in the same transaction. Woken by LISTEN/NOTIFY on insert,
 * with a fallback poll. A message stays owed until the processor acknowledges it (`delivered_at`, set once every
 * subscriber has succeeded); the relay looks again at owed messages whose job it handed out a while ago and hands
 * out again those whose job Redis lost, so correctness never depends on what Redis keeps. Starts when the
 * application has bootstrapped; stops (finishing its batch) on shutdown.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger(OutboxRelay.name);
  private readonly batchSize: number;
  private readonly pollMs: number;
  private readonly recheckAfterMs: number;
  private readonly poisonPauseMs: number;
  private lastRecheck = 0;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private notified = false;
  private listener?: Client;

  constructor(
    private readonly dataSource: DataSource,
    private readonly dispatcher: OutboxDispatcher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(OUTBOX_RELAY_OPTIONS) options?: OutboxRelayOptions,
  ) {
    this.batchSize = options?.batchSize ?? 100;
    this.pollMs = options?.pollMs ?? 1000;
    this.recheckAfterMs = options?.recheckAfterMs ?? 5_000;
    this.poisonPauseMs = options?.poisonPauseMs ?? 10 * 60_000;
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
    await this.unlisten();
  }

  /** Relays one batch of messages never handed out; returns how many rows it moved. */
  async relayOnce(): Promise<number> {
    let batch: OutboxPending[] = [];
    try {
      return await this.dataSource.transaction('READ COMMITTED', async (em) => {
        batch = (
          (await em.query(
            `SELECT id, topic, key FROM outbox
             WHERE dispatched_at IS NULL
             ORDER BY created_at
             LIMIT $1
             FOR UPDATE SKIP LOCKED`,
            [this.batchSize],
          )) as Omit<OutboxPending, 'handOut'>[]
        ).map((row) => ({ ...row, handOut: 1 }));
        if (batch.length === 0) return 0;
        await this.dispatcher.dispatch(batch);
        await em.query(
          `UPDATE outbox SET dispatched_at = now(), hand_outs = 1, recheck_at = now() + $2 * interval '1 millisecond'
           WHERE id = ANY($1::uuid[])`,
          [batch.map((r) => r.id), this.recheckAfterMs],
        );
        return batch.length;
      });
    } catch (error) {
      await this.noteFailure(batch, error);
      throw error;
    }
  }

  /**
   * Looks at one batch of handed-out messages still owed whose recheck time has come: a job gone is handed out
   * again with a fresh job id; a job finished whose acknowledgement was lost is marked delivered; a job whose every
   * attempt failed (poison) stays owed and is handed out again after the poison pause; a job still queued is looked
   * at again later.
   */
  async recheckOnce(): Promise<OutboxRecheck> {
    const result: OutboxRecheck = { checked: 0, handedOutAgain: 0, acknowledged: 0, poisoned: 0 };
    let again: OutboxPending[] = [];
    try {
      return await this.dataSource.transaction('READ COMMITTED', async (em) => {
        const rows = (
          (await em.query(
            `SELECT id, topic, key, hand_outs FROM outbox
             WHERE delivered_at IS NULL AND dispatched_at IS NOT NULL AND recheck_at <= now()
             ORDER BY recheck_at
             LIMIT $1
             FOR UPDATE SKIP LOCKED`,
            [this.batchSize],
          )) as { id: string; topic: string; key: string; hand_outs: number }[]
        ).map((r) => ({ id: r.id, topic: r.topic, key: r.key, handOut: r.hand_outs }));
        result.checked = rows.length;
        if (rows.length === 0) return result;
        const states = await this.dispatcher.states(rows);
        const of = (state: OutboxJobState) => rows.filter((_, i) => states[i] === state);
        const next = (list: OutboxPending[]) => list.map((r) => ({ ...r, handOut: r.handOut + 1 }));
        const lost = next(of('lost'));
        const poison = next(of('failed'));
        const done = of('done').map((r) => r.id);
        const queued = of('queued').map((r) => r.id);
        again = [...lost, ...poison];
        if (lost.length > 0) await this.dispatcher.dispatch(lost);
        if (poison.length > 0) await this.dispatcher.dispatch(poison, { delayMs: this.poisonPauseMs });
        if (again.length > 0) {
          const pause = (r: OutboxPending) => (poison.includes(r) ? this.poisonPauseMs : 0);
          await em.query(
            `UPDATE outbox o SET dispatched_at = now(), hand_outs = a.hand_out,
               recheck_at = now() + (a.pause_ms + $3) * interval '1 millisecond'
             FROM unnest($1::uuid[], $2::int[], $4::int[]) AS a(id, hand_out, pause_ms)
             WHERE o.id = a.id`,
            [again.map((r) => r.id), again.map((r) => r.handOut), this.recheckAfterMs, again.map(pause)],
          );
        }
        if (done.length > 0) {
          await em.query(`UPDATE outbox SET delivered_at = now() WHERE id = ANY($1::uuid[])`, [done]);
        }
        if (queued.length > 0) {
          // Still waiting behind a backlog (or running): looked at again after as long again as it has waited, so
          // a long queue costs a few looks per message, not one every few seconds.
          await em.query(
            `UPDATE outbox SET recheck_at = now() + greatest($2 * interval '1 millisecond', now() - dispatched_at)
             WHERE id = ANY($1::uuid[])`,
            [queued, this.recheckAfterMs],
          );
        }
        result.handedOutAgain = lost.length;
        result.acknowledged = done.length;
        result.poisoned = poison.length;
        if (lost.length > 0) {
          this.log.warn(
            { outboxRecheck: result },
            `outbox: ${lost.length} owed message(s) whose job was gone handed out again`,
          );
        }
        if (poison.length > 0) {
          this.log.error(
            { outboxRecheck: result, poison: poison.map((r) => `${r.topic} ${r.id}`).slice(0, 20) },
            `outbox: ${poison.length} message(s) failed every attempt; they stay owed and are handed out again in ${Math.round(this.poisonPauseMs / 1000)} s`,
          );
        }
        return result;
      });
    } catch (error) {
      await this.noteFailure(again, error);
      throw error;
    }
  }

  private async noteFailure(batch: readonly OutboxPending[], error: unknown): Promise<void> {
    if (batch.length === 0) return;
    await this.dataSource
      .query(`UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::uuid[])`, [
        batch.map((r) => r.id),
        `relay: ${error instanceof Error ? error.message : String(error)}`.slice(0, 2000),
      ])
      .catch(() => undefined);
  }

  private async run(): Promise<void> {
    while (this.running) {
      if (!this.listener) await this.listen();
      let moved = 0;
      try {
        moved = await this.relayOnce();
        if (Date.now() - this.lastRecheck >= Math.min(this.pollMs, this.recheckAfterMs)) {
          this.lastRecheck = Date.now();
          while (this.running && (await this.recheckOnce()).checked === this.batchSize);
        }
      } catch (error) {
        this.log.error(`outbox relay failed: ${error instanceof Error ? error.message : String(error)}`);
        this.notified = false; // back off for one poll interval
      }
      if (this.running && moved < this.batchSize) await this.idle();
    }
  }

  /** Waits for a NOTIFY (or one that came in while busy), the poll interval, or stop(). */
  private idle(): Promise<void> {
    if (this.notified) {
      this.notified = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        this.notified = false;
        resolve();
      };
      const timer = setTimeout(done, this.pollMs);
      this.wake = done;
    });
  }

  private onNotify(): void {
    if (this.wake) this.wake();
    else this.notified = true;
  }

  private async listen(): Promise<void> {
    const client = new Client({
      connectionString: this.config.DATABASE_URL,
      application_name: 'ocop-outbox-listen',
    });
    client.on('notification', () => this.onNotify());
    client.on('error', (error) => {
      // The fallback poll keeps relaying; the loop connects again on its next turn.
      this.log.warn(`outbox LISTEN connection lost: ${error.message}`);
      if (this.listener === client) this.listener = undefined;
      client.end().catch(() => undefined);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      this.listener = client;
    } catch (error) {
      this.log.warn(
        `outbox LISTEN unavailable, polling only: ${error instanceof Error ? error.message : String(error)}`,
      );
      await client.end().catch(() => undefined);
    }
  }

  private async unlisten(): Promise<void> {
    const client = this.listener;
    this.listener = undefined;
    await client?.end().catch(() => undefined);
  }
}
