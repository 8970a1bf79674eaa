import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class ApplyForMembershipRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  branchId!: string;
}
