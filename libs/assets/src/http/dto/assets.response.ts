import { ApiProperty } from '@nestjs/swagger';
import { ASSET_PURPOSES, AssetPurpose } from '../../domain';

export class ImageSrcsetResponse {
  @ApiProperty({ example: '/files/ab12/che-160.avif 160w, /files/cd34/che-480.avif 480w' }) avif!: string;
  @ApiProperty() webp!: string;
  @ApiProperty() jpeg!: string;
}

/** Every image in every view of the api. */
export class ImageView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: "The picture's width in pixels, upright (for its aspect ratio)" })
  width!: number;
  @ApiProperty() height!: number;
  @ApiProperty({ description: 'A data: URI of a tiny blurred preview, a few hundred bytes' })
  placeholder!: string;
  @ApiProperty({ description: 'A JPEG about 480 px wide' }) src!: string;
  @ApiProperty({
    type: ImageSrcsetResponse,
    description: 'Per format: "URL 160w, URL 480w, ..." (widths up to the original)',
  })
  srcset!: ImageSrcsetResponse;
}

export class DocumentResponse {
  @ApiProperty({ example: 'application/pdf' }) contentType!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Pages of a PDF; null for a photo of the paper' })
  pageCount!: number | null;
}

export class AssetResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ASSET_PURPOSES }) purpose!: AssetPurpose;
  @ApiProperty({ enum: ['processing', 'ready', 'failed'] }) status!: 'processing' | 'ready' | 'failed';
  @ApiProperty({ type: String, nullable: true, example: 'ASSET_TOO_MANY_PIXELS' }) errorCode!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'image/jpeg',
    description: 'The real type, from the content',
  })
  contentType!: string | null;
  @ApiProperty({ type: ImageView, nullable: true, description: "The photo, or a PDF's first page" })
  image!: ImageView | null;
  @ApiProperty({ type: DocumentResponse, nullable: true, description: 'Certificates only' })
  document!: DocumentResponse | null;
}

export class UploadResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ASSET_PURPOSES }) purpose!: AssetPurpose;
  @ApiProperty() byteLength!: number;
  @ApiProperty({ description: 'Bytes received so far: a client that lost its connection resumes here' })
  receivedBytes!: number;
  @ApiProperty({ description: 'Send the file in chunks of exactly this size (the last one may be shorter)' })
  chunkBytes!: number;
  @ApiProperty({ enum: ['receiving', 'complete'] }) status!: 'receiving' | 'complete';
  @ApiProperty({ format: 'date-time', description: 'An upload not completed by then is deleted' })
  expiresAt!: string;
}

export class SignedUrlResponse {
  @ApiProperty({ example: '/files/originals/.../original.pdf?expires=1767000000&signature=...' })
  url!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}
