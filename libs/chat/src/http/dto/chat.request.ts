import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { PageQuery } from '@ocop/http';
import { BANNED_WORD_MAX, CATCH_UP_MAX } from '../../domain';

const MAX_SEQ = Number.MAX_SAFE_INTEGER;

/** `:id` of a session: a malformed id is a 400, never a database error. */
export class SessionIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  id!: string;
}

export class SessionWordParams extends SessionIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  wordId!: string;
}

export class WordIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  wordId!: string;
}

export class MessagesQuery {
  @ApiPropertyOptional({ description: 'Messages after this seq, oldest first (reconnect catch-up)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_SEQ)
  sinceSeq?: number;

  @ApiPropertyOptional({ description: 'Messages before this seq (scrolling back)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_SEQ)
  beforeSeq?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: CATCH_UP_MAX,
    description: '50 by default; 500 for a catch-up',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(CATCH_UP_MAX)
  limit?: number;
}

/** `?page=&pageSize=` of the moderation log. */
export class ModerationLogQuery extends PageQuery {}

export class BannedWordRequest {
  @ApiProperty({
    example: 'đồ ngu',
    description: 'Matched without diacritics, spacing, punctuation or repeats',
  })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.normalize('NFC').trim() : value,
  )
  @IsString()
  @Length(1, BANNED_WORD_MAX)
  word!: string;
}
