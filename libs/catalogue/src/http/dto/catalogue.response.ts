import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AssetResponse, ImageViewResponse } from '@ocop/assets';
import {
  NOTIFICATION_KINDS,
  NotificationKind,
  OCOP_GROUPS,
  OCOP_STARS,
  OcopGroup,
  OcopStars,
  PRODUCER_KINDS,
  ProducerKind,
  PRODUCT_STATUSES,
  ProductStatus,
} from '../../domain';

export class ProvinceResponse {
  @ApiProperty({ example: 'ha-noi' }) code!: string;
  @ApiProperty({ example: 'Hà Nội' }) name!: string;
}

export class LocationResponse {
  @ApiProperty({ type: ProvinceResponse }) province!: ProvinceResponse;
  @ApiProperty() commune!: string;
  @ApiProperty() street!: string;
}

export class ProducerResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: PRODUCER_KINDS }) kind!: ProducerKind;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ example: '+84912345678' }) phone!: string;
  @ApiProperty({ type: LocationResponse }) location!: LocationResponse;
  @ApiProperty({ format: 'uuid' }) branchId!: string;
  @ApiProperty({ type: ImageViewResponse, nullable: true }) logo!: ImageViewResponse | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class ProducerSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: PRODUCER_KINDS }) kind!: ProducerKind;
  @ApiProperty({ type: ProvinceResponse }) province!: ProvinceResponse;
  @ApiProperty({ type: ImageViewResponse, nullable: true }) logo!: ImageViewResponse | null;
}

export class CertificateResponse {
  @ApiProperty({ enum: OCOP_STARS }) stars!: OcopStars;
  @ApiProperty({ example: '1234/QĐ-UBND' }) decisionNumber!: string;
  @ApiProperty() issuingBody!: string;
  @ApiProperty({ format: 'date' }) signedOn!: string;
  @ApiProperty({ format: 'date', description: 'signedOn + 36 months; valid through this day' })
  expiresOn!: string;
}

export class ProductResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) producerId!: string;
  @ApiProperty({ type: ProducerSummaryResponse }) producer!: ProducerSummaryResponse;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: OCOP_GROUPS }) group!: OcopGroup;
  @ApiProperty({
    type: [ImageViewResponse],
    description: 'Processed photos in display order, the cover first',
  })
  photos!: ImageViewResponse[];
  @ApiProperty({ description: 'Whole đồng' }) priceVnd!: number;
  @ApiProperty() stock!: number;
  @ApiProperty({ enum: PRODUCT_STATUSES }) status!: ProductStatus;
  @ApiProperty({ nullable: true, type: String }) statusReason!: string | null;
  @ApiProperty({ type: CertificateResponse }) certificate!: CertificateResponse;
  @ApiProperty({ enum: ['valid', 'expiring_soon', 'expired'] }) certificateState!: string;
  @ApiProperty({ description: 'Days until the certificate expires (negative once expired)' })
  daysUntilExpiry!: number;
  @ApiProperty({ description: 'Active and certificate valid today (Vietnam)' }) sellable!: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) submittedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) verifiedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: 'Admin views only' })
  verifiedBy?: string | null;
  @ApiPropertyOptional({
    type: AssetResponse,
    nullable: true,
    description: "The certificate's scan or PDF: in the farmer's and admins' views only",
  })
  certificateDocument?: AssetResponse | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class ProductPageResponse {
  @ApiProperty({ type: [ProductResponse] }) items!: ProductResponse[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}

export class StockResponse {
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty() stock!: number;
  @ApiProperty({ format: 'uuid' }) movementId!: string;
}

export class ProducerNotificationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind!: NotificationKind;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) productId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) certificateExpiresOn!: string | null;
  @ApiProperty() messageVi!: string;
  @ApiProperty() messageEn!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) readAt!: string | null;
}

export class ProducerNotificationPageResponse {
  @ApiProperty({ type: [ProducerNotificationResponse] }) items!: ProducerNotificationResponse[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}
