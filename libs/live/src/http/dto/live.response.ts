import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { ImageViewResponse } from '@ocop/assets';
import { ExternalPlaybackResponse, HlsPlaybackResponse, StreamFrameResponse } from './stream.response';
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
  @ApiProperty({ description: "The name of the host's branch the session was scheduled under" })
  branchName!: string;
  @ApiProperty({ format: 'date-time' }) scheduledStartAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endedAt!: string | null;
  @ApiProperty({ type: ImageViewResponse, nullable: true }) cover!: ImageViewResponse | null;
  @ApiProperty({ type: [String], description: 'Lineup product ids, in order' }) lineup!: string[];
  @ApiProperty({
    nullable: true,
    oneOf: [{ $ref: getSchemaPath(HlsPlaybackResponse) }, { $ref: getSchemaPath(ExternalPlaybackResponse) }],
    description:
      'How the player shows the video: our HLS (live, then the replay), a linked stream, or null (none yet, or the recording is past its retention)',
  })
  playback!: HlsPlaybackResponse | ExternalPlaybackResponse | null;
  @ApiProperty({
    type: StreamFrameResponse,
    nullable: true,
    description:
      'While live: the latest still frame of the stream, grabbed every few seconds (MEDIA_THUMBNAIL_SECONDS); ' +
      'null before the first one, when not live, or for a linked stream',
  })
  thumbnail!: StreamFrameResponse | null;
  @ApiProperty({
    type: StreamFrameResponse,
    nullable: true,
    description: "The replay's poster: a frame a third of the way into the recording, once the session ended",
  })
  poster!: StreamFrameResponse | null;
}

export class ShowingProductResponse {
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Whole đồng' }) priceVnd!: number;
  @ApiProperty({ type: ImageViewResponse, nullable: true, description: "The product's cover photo" })
  image!: ImageViewResponse | null;
  @ApiProperty({ description: 'The host has it pinned right now' }) pinned!: boolean;
}

export class SessionListItemResponse extends SessionResponse {
  @ApiProperty({ description: 'Viewers now (live sessions; 0 otherwise)' }) viewers!: number;
  @ApiProperty({
    type: ShowingProductResponse,
    nullable: true,
    description: "The product the card shows: the latest pin while live, else the lineup's first product",
  })
  showing!: ShowingProductResponse | null;
}

export class SessionPageResponse {
  @ApiProperty({ type: [SessionListItemResponse] }) items!: SessionListItemResponse[];
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
  @ApiProperty({ type: ImageViewResponse, nullable: true, description: "The product's cover photo" })
  image!: ImageViewResponse | null;
  @ApiProperty({ format: 'date-time' }) pinnedAt!: string;
}

export class LineupCardResponse {
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() priceVnd!: number;
  @ApiProperty() stars!: number;
  @ApiProperty() group!: string;
  @ApiProperty() stock!: number;
  @ApiProperty({ type: ImageViewResponse, nullable: true }) image!: ImageViewResponse | null;
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
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Another session of the same host that is live right now (a replay links to it), or null',
  })
  hostLiveSessionId!: string | null;
}

export class ReplayChapterResponse {
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: ImageViewResponse, nullable: true, description: "The product's cover photo" })
  image!: ImageViewResponse | null;
  @ApiProperty({ description: 'Seconds from the start of the recording where the host pinned the product' })
  offsetSeconds!: number;
}

export class ReplayChaptersResponse {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: "Wall time of the recording's first segment (video time 0); null when there is no recording",
  })
  recordingStartedAt!: string | null;
  @ApiProperty({ type: [ReplayChapterResponse], description: 'In video order' })
  chapters!: ReplayChapterResponse[];
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
  @ApiProperty({
    enum: ['session_reminder', 'host_live', 'order_status', 'campaign_at_risk', 'transfer_held'],
  })
  kind!: 'session_reminder' | 'host_live' | 'order_status' | 'campaign_at_risk' | 'transfer_held';
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) sessionId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) orderId!: string | null;
  @ApiProperty({ type: String, nullable: true }) orderStatus!: string | null;
  @ApiProperty({ type: String, nullable: true }) sessionTitle!: string | null;
  @ApiProperty({ type: String, nullable: true }) hostName!: string | null;
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
  @ApiProperty({ description: 'Unread notifications of the caller, all pages' }) unread!: number;
}
