import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsUUID } from 'class-validator';
import { MAX_PHOTOS } from '../../domain';

export class ProductPhotosRequest {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: MAX_PHOTOS,
    description: 'Processed product-photo uploads, in display order: the first is the cover',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PHOTOS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  assetIds!: string[];
}

export class AssetIdRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  assetId!: string;
}
