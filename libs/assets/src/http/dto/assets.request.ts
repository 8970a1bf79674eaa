import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ASSET_PURPOSES, AssetPurpose } from '../../domain';

export class CreateUploadRequest {
  @ApiProperty({ enum: ASSET_PURPOSES })
  @IsIn(ASSET_PURPOSES)
  purpose!: AssetPurpose;

  @ApiProperty({
    example: 'IMG_2034.JPG',
    description: 'The name on the phone: no folders, at most 200 characters',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  fileName!: string;

  @ApiProperty({
    example: 3_480_112,
    description: 'The file size in bytes (limits per purpose; 20 MB for photos)',
  })
  @IsInt()
  @Min(1)
  @Max(2_000_000_000)
  byteLength!: number;
}

export class ChunkQuery {
  @ApiProperty({ minimum: 0, description: 'Where this chunk starts in the file: a multiple of chunkBytes' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(2_000_000_000)
  offset!: number;
}

export class SignedFileQuery {
  @IsString()
  @MaxLength(12)
  expires!: string;

  @IsString()
  @MaxLength(100)
  signature!: string;
}
