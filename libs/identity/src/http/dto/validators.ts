import { ValidateBy, ValidationOptions } from 'class-validator';
import { isVnMobile } from '@ocop/kernel';

/** A Vietnamese mobile number in any common format (0912 345 678, +84912345678, ...). */
export function IsVnMobile(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isVnMobile',
      validator: {
        validate: (value: unknown) => isVnMobile(value),
        defaultMessage: () => '$property must be a Vietnamese mobile number (+84 or 0, then 9 digits)',
      },
    },
    options,
  );
}
