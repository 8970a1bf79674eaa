import { defineErrors } from '@ocop/kernel';

export const AttributionErrorCode = {
  BranchPathInvalid: 'BRANCH_PATH_INVALID',
  EntryNotReversible: 'ENTRY_NOT_REVERSIBLE',
  LineInvalid: 'ATTRIBUTED_LINE_INVALID',
} as const;
export type AttributionErrorCode = (typeof AttributionErrorCode)[keyof typeof AttributionErrorCode];

export const AttributionError = defineErrors<AttributionErrorCode>({
  BRANCH_PATH_INVALID: 'unprocessable',
  ENTRY_NOT_REVERSIBLE: 'conflict',
  ATTRIBUTED_LINE_INVALID: 'invalid',
});
export type AttributionError = InstanceType<typeof AttributionError>;
