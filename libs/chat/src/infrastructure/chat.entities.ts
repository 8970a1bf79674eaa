import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { bigintColumn } from '@ocop/db';
import type { ModerationAction } from '../domain';

/** A session's chat room: the seq counter, slow mode and the pinned message. Created with the first message. */
@Entity('chat_rooms')
export class ChatRoomEntity {
  @PrimaryColumn('uuid') sessionId!: string;
  @Column('bigint', { transformer: bigintColumn }) lastSeq!: number;
  @Column('integer') slowModeSeconds!: number;
  @Column('uuid', { nullable: true }) pinnedMessageId!: string | null;
  @Column('timestamptz', { default: () => 'now()' }) updatedAt!: Date;
}

@Entity('chat_messages')
export class ChatMessageEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') sessionId!: string;
  @Column('bigint', { transformer: bigintColumn }) seq!: number;
  @Column('uuid') userId!: string;
  @Column('text') displayName!: string;
  @Column('text') text!: string;
  @Column('uuid', { nullable: true }) clientId!: string | null;
  @Column('timestamptz', { default: () => 'now()' }) createdAt!: Date;
  @Column('timestamptz', { nullable: true }) deletedAt!: Date | null;
  @Column('uuid', { nullable: true }) deletedBy!: string | null;
}

@Entity('chat_bans')
export class ChatBanEntity {
  @PrimaryColumn('uuid') sessionId!: string;
  @PrimaryColumn('uuid') userId!: string;
  @Column('text', { nullable: true }) reason!: string | null;
  @Column('uuid') bannedBy!: string;
  @Column('timestamptz', { default: () => 'now()' }) createdAt!: Date;
}

@Entity('chat_mutes')
export class ChatMuteEntity {
  @PrimaryColumn('uuid') sessionId!: string;
  @PrimaryColumn('uuid') userId!: string;
  @Column('timestamptz') until!: Date;
  @Column('uuid') mutedBy!: string;
  @Column('timestamptz', { default: () => 'now()' }) createdAt!: Date;
}

@Entity('chat_banned_words')
export class BannedWordEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { nullable: true }) sessionId!: string | null;
  @Column('text') word!: string;
  @Column('uuid') createdBy!: string;
  @Column('timestamptz', { default: () => 'now()' }) createdAt!: Date;
}

@Entity('chat_moderation_actions')
export class ModerationActionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') sessionId!: string;
  @Column('uuid') actorUserId!: string;
  @Column('text') action!: ModerationAction;
  @Column('uuid', { nullable: true }) targetUserId!: string | null;
  @Column('uuid', { nullable: true }) targetMessageId!: string | null;
  @Column('jsonb') details!: Record<string, unknown>;
  @Column('timestamptz', { default: () => 'now()' }) createdAt!: Date;
}

export const CHAT_ENTITIES = [
  ChatRoomEntity,
  ChatMessageEntity,
  ChatBanEntity,
  ChatMuteEntity,
  BannedWordEntity,
  ModerationActionEntity,
];
