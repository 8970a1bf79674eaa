import { vnDaysBefore, vnToday } from '../../lib/format';

/** The presets of the period picker; `custom` takes a from–to range of Vietnamese calendar days. */
export const PERIOD_KINDS = ['today', '7d', '30d', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface PeriodChoice {
  kind: PeriodKind;
  /** Custom range only: YYYY-MM-DD, Vietnam calendar. */
  from?: string;
  to?: string;
}

/** What the report endpoints take: whole Vietnam days, both ends included. */
export interface PeriodRange {
  from: string;
  to: string;
}

/** The api refuses longer periods (PERIOD_TOO_LONG). */
export const MAX_PERIOD_DAYS = 366;

export type PeriodProblem = 'missing' | 'reversed' | 'tooLong';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Days from `from` to `to` (0 for the same day; negative when reversed). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The query range of a picker choice, `today` being the Vietnamese calendar day: today alone, the 7 or 30 days
 * ending today (today included), or the custom range as given (checked as the api checks it).
 */
export function periodRange(
  choice: PeriodChoice,
  today: string = vnToday(),
): { range: PeriodRange } | { problem: PeriodProblem } {
  switch (choice.kind) {
    case 'today':
      return { range: { from: today, to: today } };
    case '7d':
      return { range: { from: vnDaysBefore(today, 6), to: today } };
    case '30d':
      return { range: { from: vnDaysBefore(today, 29), to: today } };
    case 'custom': {
      const { from, to } = choice;
      if (!from || !to || !ISO_DAY.test(from) || !ISO_DAY.test(to)) return { problem: 'missing' };
      const span = daysBetween(from, to);
      if (span < 0) return { problem: 'reversed' };
      if (span + 1 > MAX_PERIOD_DAYS) return { problem: 'tooLong' };
      return { range: { from, to } };
    }
  }
}

/** Every day of the range, oldest first. */
export function daysOf(range: PeriodRange): string[] {
  const span = daysBetween(range.from, range.to);
  const days: string[] = [];
  for (let i = span; i >= 0; i -= 1) days.push(vnDaysBefore(range.to, i));
  return days;
}

/** Whether today (Vietnam) falls inside the range: then live pushes about today change the figures shown. */
export function includesDay(range: PeriodRange, day: string): boolean {
  return range.from <= day && day <= range.to;
}
