import { addDays, daysBetween, IsoDate, vnToday } from '@ocop/kernel';
import { ReportsError } from './reports.errors';

/** A report period: whole Vietnam calendar days, both ends included. */
export interface Period {
  from: IsoDate;
  to: IsoDate;
}

/** A report period with no dates given covers the last 30 days, today included. */
export const DEFAULT_PERIOD_DAYS = 30;
/** The longest period a report covers (a leap year). */
export const MAX_PERIOD_DAYS = 366;

/**
 * The period a report covers, from the dates the caller gave (either, both or none), today being the Vietnam
 * calendar day of `now`. Only `to` given: the 30 days ending on it; only `from`: from it to today.
 * Refuses from > to (PERIOD_REVERSED) and more than 366 days (PERIOD_TOO_LONG).
 */
export function resolvePeriod(input: { from?: IsoDate; to?: IsoDate }, now: Date): Period {
  const to = input.to ?? vnToday(now);
  const from = input.from ?? addDays(to, -(DEFAULT_PERIOD_DAYS - 1));
  const days = daysBetween(from, to) + 1;
  if (days < 1) {
    throw new ReportsError('PERIOD_REVERSED', 'The period must not end before it starts', { from, to });
  }
  if (days > MAX_PERIOD_DAYS) {
    throw new ReportsError('PERIOD_TOO_LONG', `A period covers at most ${MAX_PERIOD_DAYS} days`, {
      from,
      to,
      days,
    });
  }
  return { from, to };
}

/** The 30 days ending today in Vietnam: what live dashboards show beside today. */
export function defaultPeriod(now: Date): Period {
  return resolvePeriod({}, now);
}
