import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  BAN_REASON_MAX,
  BAN_REMOVE_RECENT_MAX_MINUTES,
  CATCH_UP_MAX,
  MESSAGE_MAX,
  MESSAGE_MIN,
  MUTE_MAX_SECONDS,
  MUTE_MIN_SECONDS,
  REACTION_KINDS,
  ReactionKind,
  SLOW_MODE_MAX_SECONDS,
} from '../domain';

// Socket payloads, validated like HTTP bodies (unknown fields and wrong types are INVALID_PAYLOAD).

const MAX_SEQ = Number.MAX_SAFE_INTEGER;

/** Trims strings (NFC first); other types pass through so that the type check still fails. */
const Trim = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.normalize('NFC').trim() : value,
  );

export class SessionPayload {
  @IsUUID('all') sessionId!: string;
}

export class JoinPayload extends SessionPayload {
  @IsOptional() @IsInt() @Min(0) @Max(MAX_SEQ) sinceSeq?: number;
}

export class SendPayload extends SessionPayload {
  @Trim() @IsString() @Length(MESSAGE_MIN, MESSAGE_MAX) text!: string;
  @IsOptional() @IsUUID('all') clientId?: string;
}

export class HistoryPayload extends SessionPayload {
  @IsOptional() @IsInt() @Min(0) @Max(MAX_SEQ) sinceSeq?: number;
  @IsOptional() @IsInt() @Min(1) @Max(MAX_SEQ) beforeSeq?: number;
  @IsOptional() @IsInt() @Min(1) @Max(CATCH_UP_MAX) limit?: number;
}

export class ReactPayload extends SessionPayload {
  @IsIn(REACTION_KINDS) kind!: ReactionKind;
}

export class MessageRefPayload extends SessionPayload {
  @IsUUID('all') messageId!: string;
}

export class UserRefPayload extends SessionPayload {
  @IsUUID('all') userId!: string;
}

export class MutePayload extends UserRefPayload {
  @IsInt() @Min(MUTE_MIN_SECONDS) @Max(MUTE_MAX_SECONDS) seconds!: number;
}

export class BanPayload extends UserRefPayload {
  @IsOptional() @Trim() @IsString() @MaxLength(BAN_REASON_MAX) reason?: string;
  /** Also remove the banned user's messages of this session from the last N minutes (0 or absent: keep them). */
  @IsOptional() @IsInt() @Min(0) @Max(BAN_REMOVE_RECENT_MAX_MINUTES) removeRecentMinutes?: number;
}

export class PinPayload extends SessionPayload {
  /** null unpins. */
  @ValidateIf((o: { messageId?: unknown }) => o.messageId !== null) @IsUUID('all') messageId!: string | null;
}

export class SlowModePayload extends SessionPayload {
  @IsInt() @Min(0) @Max(SLOW_MODE_MAX_SECONDS) seconds!: number;
}
