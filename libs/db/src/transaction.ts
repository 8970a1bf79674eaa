import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PgErrorCode, pgErrorCode } from './pg-errors';

export type IsolationLevel = 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

type Hook = () => Promise<void> | void;

/** The hooks of each open transaction, by the EntityManager bound to it. */
const pendingHooks = new WeakMap<EntityManager, Hook[]>();
const log = new Logger('TransactionRunner');

async function runHooks(hooks: Hook[]): Promise<void> {
  for (const hook of hooks) {
    try {
      await hook();
    } catch (error) {
      // The change is committed whatever an ephemeral effect does; a failed one is logged, never rethrown.
      log.error({ err: error }, 'An after-commit effect failed');
    }
  }
}

/**
 * Runs `hook` once the transaction of `em` has committed (and never if it rolls back). Outside a transaction of
 * the TransactionRunner the statement already committed, so the hook runs at once. For ephemeral effects only
 * (cache updates, room emits): a durable effect is an outbox row written in the transaction.
 */
export async function afterCommit(em: EntityManager, hook: Hook): Promise<void> {
  const hooks = pendingHooks.get(em);
  if (hooks) hooks.push(hook);
  else await runHooks([hook]);
}

/**
 * The one way to open a transaction. Work inside receives the EntityManager bound to it; serialization failures
 * and deadlocks are retried a few times, so `work` must be safe to run again (it only touches the database).
 */
@Injectable()
export class TransactionRunner {
  constructor(private readonly dataSource: DataSource) {}

  async run<T>(work: (em: EntityManager) => Promise<T>, isolation: IsolationLevel = 'READ COMMITTED'): Promise<T> {
    const maxAttempts = isolation === 'READ COMMITTED' ? 1 : 5;
    for (let attempt = 1; ; attempt++) {
      // A retried attempt starts with no hooks: only the attempt that commits has its effects run.
      const hooks: Hook[] = [];
      try {
        const result = await this.dataSource.transaction(isolation, (em) => {
          pendingHooks.set(em, hooks);
          return work(em);
        });
        if (hooks.length > 0) await runHooks(hooks);
        return result;
      } catch (error) {
        const code = pgErrorCode(error);
        const retryable = code === PgErrorCode.SerializationFailure || code === PgErrorCode.DeadlockDetected;
        if (!retryable || attempt >= maxAttempts) throw error;
        await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 10));
      }
    }
  }
}
