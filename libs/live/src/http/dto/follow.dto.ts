import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';

export class FollowStateResponse {
  @ApiProperty({ format: 'uuid' }) hostUserId!: string;
  @ApiProperty({ description: 'Whether the caller follows the host (false for a guest)' }) following!: boolean;
  @ApiProperty() followers!: number;
}

export class UnreadCountResponse {
  @ApiProperty() unread!: number;
}

export class MarkAllReadResponse {
  @ApiProperty() marked!: number;
  @ApiProperty() unread!: number;
}

export class PushKeyResponse {
  @ApiProperty({ description: 'Whether this server sends Web Push (VAPID keys configured)' }) enabled!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'The VAPID public key to subscribe with (base64url)' })
  publicKey!: string | null;
}

export class PushSubscriptionResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() endpoint!: string;
}

export class PushKeysRequest {
  @ApiProperty({ description: 'The browser key (P-256, uncompressed, base64url)' })
  @IsString()
  @MinLength(80)
  @MaxLength(100)
  @Matches(/^[A-Za-z0-9_-]+={0,2}$/)
  p256dh!: string;

  @ApiProperty({ description: 'The authentication secret (16 bytes, base64url)' })
  @IsString()
  @MinLength(16)
  @MaxLength(30)
  @Matches(/^[A-Za-z0-9_-]+={0,2}$/)
  auth!: string;
}

/** A browser's PushSubscription as `subscription.toJSON()` gives it, plus the language pushes should speak. */
export class PushSubscriptionRequest {
  @ApiProperty({ description: "The push service's endpoint (https)", maxLength: 2048 })
  @IsString()
  @MaxLength(2048)
  endpoint!: string;

  @ApiProperty({ type: PushKeysRequest })
  @IsObject()
  @ValidateNested()
  @Type(() => PushKeysRequest)
  keys!: PushKeysRequest;

  @ApiPropertyOptional({ enum: ['vi', 'en'] })
  @IsOptional()
  @IsIn(['vi', 'en'])
  locale?: 'vi' | 'en';

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Ignored (browsers send it)' })
  @IsOptional()
  expirationTime?: number | null;
}

export class PushUnsubscribeRequest {
  @ApiProperty({ maxLength: 2048 })
  @IsString()
  @MaxLength(2048)
  endpoint!: string;
}
