import { defineErrors } from '@ocop/kernel';

export const CampaignErrorCode = {
  NotFound: 'CAMPAIGN_NOT_FOUND',
  ProductNotFound: 'CAMPAIGN_PRODUCT_NOT_FOUND',
  PeriodReversed: 'CAMPAIGN_PERIOD_REVERSED',
  PeriodTooLong: 'CAMPAIGN_PERIOD_TOO_LONG',
  ProductOutsideArea: 'CAMPAIGN_PRODUCT_OUTSIDE_AREA',
  AssignmentOutsideSubtree: 'CAMPAIGN_ASSIGNMENT_OUTSIDE_SUBTREE',
  StreamerNotInBranch: 'CAMPAIGN_STREAMER_NOT_IN_BRANCH',
  TargetBelowZero: 'CAMPAIGN_TARGET_BELOW_ZERO',
  ProductTaken: 'CAMPAIGN_PRODUCT_TAKEN',
  SessionNotAdoptable: 'CAMPAIGN_SESSION_NOT_ADOPTABLE',
  NameTaken: 'CAMPAIGN_NAME_TAKEN',
  NoProducts: 'CAMPAIGN_NO_PRODUCTS',
} as const;
export type CampaignErrorCode = (typeof CampaignErrorCode)[keyof typeof CampaignErrorCode];

export const CampaignError = defineErrors<CampaignErrorCode>({
  CAMPAIGN_NOT_FOUND: 'not_found',
  CAMPAIGN_PRODUCT_NOT_FOUND: 'not_found',
  CAMPAIGN_PERIOD_REVERSED: 'invalid',
  CAMPAIGN_PERIOD_TOO_LONG: 'invalid',
  CAMPAIGN_PRODUCT_OUTSIDE_AREA: 'unprocessable',
  CAMPAIGN_ASSIGNMENT_OUTSIDE_SUBTREE: 'unprocessable',
  CAMPAIGN_STREAMER_NOT_IN_BRANCH: 'unprocessable',
  CAMPAIGN_TARGET_BELOW_ZERO: 'invalid',
  CAMPAIGN_PRODUCT_TAKEN: 'conflict',
  CAMPAIGN_SESSION_NOT_ADOPTABLE: 'unprocessable',
  CAMPAIGN_NAME_TAKEN: 'conflict',
  CAMPAIGN_NO_PRODUCTS: 'unprocessable',
});
export type CampaignError = InstanceType<typeof CampaignError>;
