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

/** An undispatched row as the relay hands it on (the payload stays in the table; consumers read it by id). */
export interface OutboxPending {
  id: string;
  topic: string;
  key: string;
}

/**
 * Where relayed rows go (BullOutboxDispatcher in @ocop/queue). dispatch must be idempotent per row id: a relay
 * that crashes after dispatching and before its commit hands the same rows on again.
 */
export abstract class OutboxDispatcher {
  abstract dispatch(rows: readonly OutboxPending[]): Promise<void>;
}

export interface OutboxRelayOptions {
  /** Rows per transaction (default 100). */
  batchSize?: number;
  /** Fallback poll when no NOTIFY arrives, in ms (default 1000). */
  pollMs?: number;
}

export const OUTBOX_RELAY_OPTIONS = Symbol('OutboxRelayOptions');

/**
 * Moves committed outbox rows to the dispatcher, in batches locked with FOR UPDATE SKIP LOCKED (any number of
 * workers may run a relay), marking them dispatched in the same transaction. Woken by LISTEN/NOTIFY on insert,
 * with a fallback poll. Starts when the application has bootstrapped; stops (finishing its batch) on shutdown.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger(OutboxRelay.name);
  private readonly batchSize: number;
  private readonly pollMs: number;
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

  /** Relays one batch; returns how many rows it moved. */
  async relayOnce(): Promise<number> {
    let batch: OutboxPending[] = [];
    try {
      return await this.dataSource.transaction('READ COMMITTED', async (em) => {
        batch = (await em.query(
          `SELECT id, topic, key FROM outbox
           WHERE dispatched_at IS NULL
           ORDER BY created_at
           LIMIT $1
           FOR UPDATE SKIP LOCKED`,
          [this.batchSize],
        )) as OutboxPending[];
        if (batch.length === 0) return 0;
        await this.dispatcher.dispatch(batch);
        await em.query(`UPDATE outbox SET dispatched_at = now() WHERE id = ANY($1::uuid[])`, [
          batch.map((r) => r.id),
        ]);
        return batch.length;
      });
    } catch (error) {
      if (batch.length > 0) {
        await this.dataSource
          .query(`UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::uuid[])`, [
            batch.map((r) => r.id),
            `relay: ${error instanceof Error ? error.message : String(error)}`.slice(0, 2000),
          ])
          .catch(() => undefined);
      }
      throw error;
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      if (!this.listener) await this.listen();
      let moved = 0;
      try {
        moved = await this.relayOnce();
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
