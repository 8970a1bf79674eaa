import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { IdParam } from '@ocop/http';

export class SessionUserParam extends IdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  userId!: string;
}

export class SessionProductParam extends IdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  productId!: string;
}
