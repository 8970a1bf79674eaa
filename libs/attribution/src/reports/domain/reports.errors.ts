import { defineErrors } from '@ocop/kernel';

export const ReportsErrorCode = {
  PeriodReversed: 'PERIOD_REVERSED',
  PeriodTooLong: 'PERIOD_TOO_LONG',
} as const;
export type ReportsErrorCode = (typeof ReportsErrorCode)[keyof typeof ReportsErrorCode];

export const ReportsError = defineErrors<ReportsErrorCode>({
  PERIOD_REVERSED: 'invalid',
  PERIOD_TOO_LONG: 'invalid',
});
export type ReportsError = InstanceType<typeof ReportsError>;
