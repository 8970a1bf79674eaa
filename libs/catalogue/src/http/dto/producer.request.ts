import { MultilineText } from '@ocop/kernel';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PRODUCER_KINDS, ProducerKind } from '../../domain';
import { IsProvince, IsVnMobile, Trim } from '@ocop/http';

export class LocationRequest {
  @ApiProperty({ example: 'ha-noi', description: 'Province code or name (one of the 34 provinces)' })
  @IsString()
  @IsProvince()
  province!: string;

  @ApiProperty({ example: 'Xã Bát Tràng', description: 'Commune or ward' })
  @Trim()
  @IsString()
  @Length(1, 200)
  commune!: string;

  @ApiPropertyOptional({ example: 'Thôn 3' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(300)
  street?: string;
}

export class UpdateLocationRequest {
  @ApiPropertyOptional({ example: 'ha-noi' })
  @IsOptional()
  @IsString()
  @IsProvince()
  province?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 200)
  commune?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(300)
  street?: string;
}

export class CreateProducerRequest {
  @ApiProperty({ enum: PRODUCER_KINDS })
  @IsIn(PRODUCER_KINDS)
  kind!: ProducerKind;

  @ApiProperty({ example: 'HTX Gốm Bát Tràng' })
  @Trim()
  @IsString()
  @Length(2, 200)
  name!: string;

  @MultilineText()
  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiProperty({ example: '0912 345 678' })
  @IsString()
  @MaxLength(20)
  @IsVnMobile()
  phone!: string;

  @ApiProperty({ type: LocationRequest })
  @IsObject()
  @ValidateNested()
  @Type(() => LocationRequest)
  location!: LocationRequest;

  @ApiProperty({ format: 'uuid', description: 'The Youth Union branch that supports this producer' })
  @IsUUID('all')
  branchId!: string;
}

export class UpdateProducerRequest {
  @ApiPropertyOptional({ enum: PRODUCER_KINDS })
  @IsOptional()
  @IsIn(PRODUCER_KINDS)
  kind?: ProducerKind;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @Length(2, 200)
  name?: string;

  @MultilineText()
  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(20)
  @IsVnMobile()
  phone?: string;

  @ApiPropertyOptional({ type: UpdateLocationRequest })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => UpdateLocationRequest)
  location?: UpdateLocationRequest;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  branchId?: string;
}
