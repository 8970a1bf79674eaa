import { ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { DeliveryAddressRequest } from './checkout.request';

// The same fields and checks as a checkout's delivery address; the domain's normalizeAddress then applies the
// business rules (Vietnamese mobile, one of the 34 provinces, lengths) and answers ADDRESS_INVALID per field.

export class SaveAddressRequest extends DeliveryAddressRequest {
  @ApiPropertyOptional({
    description: 'Make it the default address (the first address saved is the default whatever this says)',
  })
  @IsOptional()
  @IsBoolean()
  isDefault?: boolean;
}

/** Any subset of the fields; `isDefault: true` makes the address the default (the default cannot be unset). */
export class EditAddressRequest extends PartialType(SaveAddressRequest) {}
