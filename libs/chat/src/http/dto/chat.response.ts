import { ApiProperty } from '@nestjs/swagger';
import { MODERATION_ACTIONS, ModerationAction } from '../../domain';

export class ChatMessageResponse {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ description: 'Per-session, increasing in commit order' }) seq!: number;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class HistoryResponse {
  @ApiProperty({ type: [ChatMessageResponse] }) messages!: ChatMessageResponse[];
  @ApiProperty({ description: 'More messages exist beyond this page' }) hasMore!: boolean;
}

export class BannedWordResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) sessionId!: string | null;
  @ApiProperty() word!: string;
  @ApiProperty({ format: 'uuid' }) createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class ModerationActionResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ format: 'uuid' }) actorUserId!: string;
  @ApiProperty({ enum: MODERATION_ACTIONS }) action!: ModerationAction;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) targetUserId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) targetMessageId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) details!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class ModerationLogResponse {
  @ApiProperty({ type: [ModerationActionResponse] }) items!: ModerationActionResponse[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}
