import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PgErrorCode, pgErrorCode } from './pg-errors';

export type IsolationLevel = 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

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
      try {
        return await this.dataSource.transaction(isolation, work);
      } catch (error) {
        const code = pgErrorCode(error);
        const retryable = code === PgErrorCode.SerializationFailure || code === PgErrorCode.DeadlockDetected;
        if (!retryable || attempt >= maxAttempts) throw error;
        await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 10));
      }
    }
  }
}
