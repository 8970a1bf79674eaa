import { Global, Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { assertNoPendingMigrations, dataSourceOptions } from './data-source';
import { TransactionRunner } from './transaction';

/** Refuses to let a process start while the database is behind this build's migrations. */
@Injectable()
export class MigrationCheck implements OnApplicationBootstrap {
  constructor(private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    await assertNoPendingMigrations(this.dataSource);
  }
}

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions({ url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE }),
        autoLoadEntities: true,
        retryAttempts: 3,
        retryDelay: 1000,
      }),
    }),
  ],
  providers: [TransactionRunner, MigrationCheck],
  exports: [TransactionRunner],
})
export class DbModule {}
