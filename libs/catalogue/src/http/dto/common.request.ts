import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min, ValidateBy, ValidationOptions } from 'class-validator';
import { DEFAULT_PAGE_SIZE, findProvince, isIsoDate, isVnMobile, MAX_PAGE_SIZE } from '@ocop/kernel';

/** `:id` route parameters: a malformed id is a 400, never a database error. */
export class IdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  id!: string;
}

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

/** Trims strings (other types pass through untouched so that type checks still fail). */
export const Trim = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.normalize('NFC').trim() : value,
  );
