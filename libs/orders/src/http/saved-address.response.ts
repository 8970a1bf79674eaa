import { ApiProperty } from '@nestjs/swagger';
import { DeliveryAddressResponse } from './orders.response';

export class SavedAddressResponse extends DeliveryAddressResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'The address the checkout sheet preselects; exactly one while any are saved' })
  isDefault!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}
