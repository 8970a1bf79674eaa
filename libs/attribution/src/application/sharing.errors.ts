import { defineErrors } from '@ocop/kernel';

/** Coded errors of referral codes and share links (the HTTP edge maps each kind to its status). */
export const SharingErrorCode = {
  ShareLinkNotFound: 'SHARE_LINK_NOT_FOUND',
  ShareLinkTargetRequired: 'SHARE_LINK_TARGET_REQUIRED',
  ShareLinkSessionNotFound: 'SHARE_LINK_SESSION_NOT_FOUND',
  ShareLinkProductNotFound: 'SHARE_LINK_PRODUCT_NOT_FOUND',
  ShareLinkProductNotInLineup: 'SHARE_LINK_PRODUCT_NOT_IN_LINEUP',
  CodeUnavailable: 'SHARING_CODE_UNAVAILABLE',
} as const;
export type SharingErrorCode = (typeof SharingErrorCode)[keyof typeof SharingErrorCode];

export const SharingError = defineErrors<SharingErrorCode>({
  SHARE_LINK_NOT_FOUND: 'not_found',
  SHARE_LINK_TARGET_REQUIRED: 'invalid',
  SHARE_LINK_SESSION_NOT_FOUND: 'not_found',
  SHARE_LINK_PRODUCT_NOT_FOUND: 'not_found',
  SHARE_LINK_PRODUCT_NOT_IN_LINEUP: 'unprocessable',
  SHARING_CODE_UNAVAILABLE: 'unavailable',
});
export type SharingError = InstanceType<typeof SharingError>;
