import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min, ValidateBy, ValidationOptions } from 'class-validator';
import {
  DEFAULT_PAGE_SIZE,
  findProvince,
  isIsoDate,
  isVnMobile,
  MAX_PAGE_SIZE,
  normalizeIdentifier,
} from '@ocop/kernel';

/**
 * Request pieces every context's HTTP edge shares: pagination, id params, and validators for Vietnamese data.
 */

/** `?page=2&pageSize=20` for every paginated listing. */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  page: number = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize: number = DEFAULT_PAGE_SIZE;
}

/** `:id` route parameters: a malformed id is a 400, not a database error. */
export class IdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  id!: string;
}

export class ErrorResponse {
  @ApiProperty({ example: 'VALIDATION_FAILED' }) code!: string;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) details?: Record<string, unknown>;
  @ApiProperty() requestId!: string;
}

/** Trims strings and composes Vietnamese text (NFC); other types pass through untouched so type checks still fail. */
export const Trim = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.normalize('NFC').trim() : value,
  );

/**
 * Emails and other identifiers: NFKC (full-width and other compatibility lookalikes folded), trimmed, lower case,
 * before they are validated and compared, so that uniqueness checks see one spelling.
 */
export const NormalizeIdentifier = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? normalizeIdentifier(value) : value));

/** A calendar date "YYYY-MM-DD" that exists. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (v) => isIsoDate(v),
        defaultMessage: () => '$property must be a date YYYY-MM-DD',
      },
    },
    options,
  );
}

/** A Vietnamese mobile number: +84 or 0, then 9 digits. */
export function IsVnMobile(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isVnMobile',
      validator: {
        validate: (v) => isVnMobile(v),
        defaultMessage: () => '$property must be a Vietnamese mobile number (+84 or 0, then 9 digits)',
      },
    },
    options,
  );
}

/** One of the 34 provincial-level units, by code or name. */
export function IsProvince(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isProvince',
      validator: {
        validate: (v) => typeof v === 'string' && findProvince(v) !== undefined,
        defaultMessage: () => '$property must be one of the 34 provinces (code or name)',
      },
    },
    options,
  );
}
