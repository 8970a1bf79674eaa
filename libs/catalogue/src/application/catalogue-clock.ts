import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { Clock, CLOCK, IsoDate, vnToday } from '@ocop/kernel';
import { ViewContext } from './views';

/** "Today in Vietnam" and the warning window, read the same way by every catalogue service. */
@Injectable()
export class CatalogueCalendar {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  today(): IsoDate {
    return vnToday(this.clock.now());
  }

  get warningDays(): number {
    return this.config.CERTIFICATE_WARNING_DAYS;
  }

  viewContext(withAudit = false): ViewContext {
    return { today: this.today(), warningDays: this.warningDays, withAudit };
  }
}
