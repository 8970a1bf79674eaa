import { addDays, daysBetween, IsoDate } from '@ocop/kernel';
import { CampaignError } from './campaign.errors';

/** A campaign runs over whole Vietnam calendar days, both ends included, for at most two years. */
export const MAX_CAMPAIGN_DAYS = 731;

export interface CampaignPeriod {
  startsOn: IsoDate;
  endsOn: IsoDate;
}

/** Refuses a period that ends before it starts, or one longer than MAX_CAMPAIGN_DAYS. */
export function assertPeriod(period: CampaignPeriod): CampaignPeriod {
  const days = daysBetween(period.startsOn, period.endsOn) + 1;
  if (days < 1) {
    throw new CampaignError('CAMPAIGN_PERIOD_REVERSED', 'The period must not end before it starts', {
      ...period,
    });
  }
  if (days > MAX_CAMPAIGN_DAYS) {
    throw new CampaignError('CAMPAIGN_PERIOD_TOO_LONG', `A campaign runs at most ${MAX_CAMPAIGN_DAYS} days`, {
      ...period,
      days,
    });
  }
  return period;
}

/** Targets per branch: products to cover, sessions, GMV and volunteers. None may be below zero. */
export interface BranchTargets {
  products: number;
  sessions: number;
  gmvVnd: number;
  volunteers: number;
}

export function assertTargets(targets: BranchTargets): BranchTargets {
  for (const [key, value] of Object.entries(targets)) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new CampaignError(
        'CAMPAIGN_TARGET_BELOW_ZERO',
        `The target "${key}" must be a whole number, 0 or more`,
        {
          field: key,
          value,
        },
      );
    }
  }
  return targets;
}

export const PRODUCT_STATES = ['not_assigned', 'assigned', 'scheduled', 'streamed', 'sold'] as const;
export type ProductState = (typeof PRODUCT_STATES)[number];

/** What is known of one target product within a scope: its assignment, its counting sessions and its sales. */
export interface ProductFacts {
  assigned: boolean;
  /** A counting session not yet started. */
  scheduled: boolean;
  /** A counting session that went live. */
  streamed: boolean;
  /** Net units sold in counting sessions (placed, less reversals). */
  soldUnits: number;
}

/** The furthest a product got: sold > streamed > scheduled > assigned > not assigned. */
export function productState(f: ProductFacts): ProductState {
  if (f.soldUnits > 0) return 'sold';
  if (f.streamed) return 'streamed';
  if (f.scheduled) return 'scheduled';
  if (f.assigned) return 'assigned';
  return 'not_assigned';
}

/** The first Vietnam day on which products not yet scheduled are at risk: N days before the period ends. */
export function atRiskFrom(endsOn: IsoDate, atRiskDays: number): IsoDate {
  return addDays(endsOn, -atRiskDays);
}

/** Products are at risk on `today` when it is within the last N days of the period (and the period has not ended). */
export function isAtRiskWindow(today: IsoDate, campaign: { endsOn: IsoDate; atRiskDays: number }): boolean {
  return today >= atRiskFrom(campaign.endsOn, campaign.atRiskDays) && today <= campaign.endsOn;
}

/** A product is at risk when nothing has been scheduled, streamed or sold for it. */
export function isAtRiskState(state: ProductState): boolean {
  return state === 'not_assigned' || state === 'assigned';
}

/**
 * The straight line to the target: how much should be done by the end of `day`, going evenly from zero on the day
 * before the period to the whole target on its last day.
 */
export function targetLine(period: CampaignPeriod, target: number, day: IsoDate): number {
  const total = daysBetween(period.startsOn, period.endsOn) + 1;
  const elapsed = Math.min(Math.max(daysBetween(period.startsOn, day) + 1, 0), total);
  return Math.round((target * elapsed) / total);
}

/** Every day of a period, in order. */
export function daysOf(period: CampaignPeriod): IsoDate[] {
  const days: IsoDate[] = [];
  for (let d = period.startsOn; d <= period.endsOn; d = addDays(d, 1)) days.push(d);
  return days;
}
