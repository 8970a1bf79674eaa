import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { isIsoDate, vnToday } from '@ocop/kernel';
import { JobHandlers, keepJobScheduled, TypedProcessor } from '@ocop/queue';
import { CertificateExpiryService } from '../application/certificate-expiry.service';

export const CERTIFICATE_SCAN_SCHEDULER_ID = 'certificate-expiry-scan-daily';

/** `asOf` may be a Vietnamese calendar date or an instant; absent means today. */
export function scanDate(asOf: string | undefined): string | undefined {
  if (asOf === undefined) return undefined;
  if (isIsoDate(asOf)) return asOf;
  const at = new Date(asOf);
  if (Number.isNaN(at.getTime())) throw new Error(`certificate-expiry-scan: asOf "${asOf}" is not a date`);
  return vnToday(at);
}

@Processor('catalogue')
export class CatalogueProcessor extends TypedProcessor<'catalogue'> {
  protected readonly queue = 'catalogue' as const;

  constructor(private readonly expiry: CertificateExpiryService) {
    super();
  }

  protected readonly handlers: JobHandlers<'catalogue'> = {
    'certificate-expiry-scan': (payload) => this.expiry.scan(scanDate(payload.asOf)),
  };
}

/** Registers the daily certificate scan when the worker boots (an upsert: every replica may do it safely). */
@Injectable()
export class CertificateScanScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger(CertificateScanScheduler.name);
  private stopWatching: (() => void) | undefined;

  constructor(
    @InjectQueue('catalogue') private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleDestroy(): void {
    this.stopWatching?.();
  }

  async onApplicationBootstrap(): Promise<void> {
    this.stopWatching = await keepJobScheduled(
      this.queue,
      CERTIFICATE_SCAN_SCHEDULER_ID,
      { pattern: this.config.CERTIFICATE_SCAN_CRON, tz: 'Asia/Ho_Chi_Minh' },
      { name: 'certificate-expiry-scan', data: {} },
    );
    this.log.log(
      `Certificate expiry scan scheduled: "${this.config.CERTIFICATE_SCAN_CRON}" Asia/Ho_Chi_Minh`,
    );
  }
}
