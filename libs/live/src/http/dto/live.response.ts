import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { ExternalPlaybackResponse, HlsPlaybackResponse } from './stream.response';
import { DealState, SESSION_STATUSES, SessionStatus, STAFF_ROLES, StaffRole } from '../../domain';

@ApiExtraModels(HlsPlaybackResponse, ExternalPlaybackResponse)
export class SessionResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: SESSION_STATUSES }) status!: SessionStatus;
  @ApiProperty({ format: 'uuid' }) hostUserId!: string;
  @ApiProperty() hostName!: string;
  @ApiProperty({ format: 'uuid', description: "The host's branch when the session was scheduled" })
  branchId!: string;
  @ApiProperty({ type: [String], description: 'Root-first branch path at scheduling time' })
  branchPath!: string[];
  @ApiProperty({ format: 'date-time' }) scheduledStartAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) coverImageUrl!: string | null;
  @ApiProperty({ type: [String], description: 'Lineup product ids, in order' }) lineup!: string[];
  @ApiProperty({
    nullable: true,
    oneOf: [{ $ref: getSchemaPath(HlsPlaybackResponse) }, { $ref: getSchemaPath(ExternalPlaybackResponse) }],
    description:
      'How the player shows the video: our HLS (live, then the replay), a linked stream, or null (none yet, or the recording is past its retention)',
  })
  playback!: HlsPlaybackResponse | ExternalPlaybackResponse | null;
}

export class SessionPageResponse {
  @ApiProperty({ type: [SessionResponse] }) items!: SessionResponse[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}

export class CertificateCardResponse {
  @ApiProperty({ example: '1234/QĐ-UBND' }) decisionNumber!: string;
  @ApiProperty() issuingBody!: string;
  @ApiProperty({ format: 'date' }) signedOn!: string;
  @ApiProperty({ format: 'date' }) expiresOn!: string;
}

export class PinnedProductResponse {
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'uuid' }) producerId!: string;
  @ApiProperty({ description: "The producer's name (household, cooperative or enterprise)" })
  producerName!: string;
  @ApiProperty({ description: 'Whole đồng' }) priceVnd!: number;
  @ApiProperty({ enum: [3, 4, 5] }) stars!: number;
  @ApiProperty() group!: string;
  @ApiProperty({ type: CertificateCardResponse }) certificate!: CertificateCardResponse;
  @ApiProperty() stock!: number;
  @ApiProperty({ type: String, nullable: true }) imageUrl!: string | null;
  @ApiProperty({ format: 'date-time' }) pinnedAt!: string;
}

export class LineupCardResponse {
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() priceVnd!: number;
  @ApiProperty() stars!: number;
  @ApiProperty() group!: string;
  @ApiProperty() stock!: number;
  @ApiProperty({ type: String, nullable: true }) imageUrl!: string | null;
  @ApiProperty() sellable!: boolean;
  @ApiProperty() pinned!: boolean;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    minimum: 1,
    maximum: 99,
    description: 'The most units one buyer may take in this session ("max N per person"); null for no limit',
  })
  perBuyerLimit!: number | null;
}

export class DealResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty() productName!: string;
  @ApiProperty({ description: 'The deal price, whole đồng' }) priceVnd!: number;
  @ApiProperty({ description: 'The list price when the deal started, whole đồng' }) listPriceVnd!: number;
  @ApiProperty({ description: "Units carved out of the product's stock" }) quantity!: number;
  @ApiProperty({ description: 'Units still on offer (0 once ended: the rest went back to the product)' })
  remaining!: number;
  @ApiProperty() sold!: number;
  @ApiProperty() perBuyerLimit!: number;
  @ApiProperty({ format: 'date-time' }) opensAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endedAt!: string | null;
  @ApiProperty({ enum: ['upcoming', 'open', 'ended'] }) state!: DealState;
}

export class SessionDetailResponse extends SessionResponse {
  @ApiProperty({ type: [LineupCardResponse] }) lineupProducts!: LineupCardResponse[];
  @ApiProperty({ type: [PinnedProductResponse] }) pins!: PinnedProductResponse[];
  @ApiProperty() viewers!: number;
  @ApiProperty({ type: 'integer', nullable: true }) peakViewers!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) uniqueViewers!: number | null;
  @ApiProperty({
    type: () => [StaffResponse],
    description: 'Co-hosts and moderators, in the order they were appointed',
  })
  staff!: StaffResponse[];
}

export class StaffResponse {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: STAFF_ROLES }) role!: StaffRole;
  @ApiProperty({ format: 'date-time' }) appointedAt!: string;
}

export class ReminderResponse {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty() reminded!: boolean;
  @ApiProperty({ format: 'date-time' }) remindAt!: string;
}

export class MyRemindersResponse {
  @ApiProperty({
    type: [ReminderResponse],
    description:
      'The sessions not started yet that you asked to be reminded of, soonest first (at most 200); remindAt is ' +
      "the session's scheduled start",
  })
  items!: ReminderResponse[];
}

export class NotificationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['session_reminder'] }) kind!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) sessionId!: string | null;
  @ApiProperty() title!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt!: string | null;
}

export class NotificationPageResponse {
  @ApiProperty({ type: [NotificationResponse] }) items!: NotificationResponse[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}
