import { ApiProperty } from '@nestjs/swagger';
import { EXTERNAL_PROVIDERS, ExternalProvider } from '../../domain';

/** Our own HLS: the live playlist while live, then the complete replay playlist. */
export class HlsPlaybackResponse {
  @ApiProperty({ enum: ['hls'] }) kind!: 'hls';
  @ApiProperty({ description: 'The HLS playlist (.m3u8) on the media app or its CDN' }) url!: string;
  @ApiProperty({ description: 'true while the session is live; false for the replay' }) live!: boolean;
  @ApiProperty({
    format: 'date-time',
    description:
      'Wall-clock time of the first segment: video time t is startedAt + t (chat and pins replay on it)',
  })
  startedAt!: string;
}

/** A still frame of the session's own stream (a JPEG about 480 px wide on the media app or its CDN). */
export class StreamFrameResponse {
  @ApiProperty({ description: 'The JPEG; a live thumbnail gets a new URL with every capture' }) url!: string;
  @ApiProperty({ format: 'date-time', description: 'Wall-clock time of the frame' }) capturedAt!: string;
}

/** A stream hosted elsewhere that the session links. */
export class ExternalPlaybackResponse {
  @ApiProperty({ enum: ['external'] }) kind!: 'external';
  @ApiProperty({ enum: EXTERNAL_PROVIDERS }) provider!: ExternalProvider;
  @ApiProperty({ description: "The HLS playlist (provider 'hls') or the page the host linked" }) url!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The provider's embeddable player (YouTube, Facebook, TikTok); null for HLS",
  })
  embedUrl!: string | null;
  @ApiProperty() live!: boolean;
}

export class StreamSettingsResponse {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ example: 'rtmp://localhost:1935/live', description: 'The RTMP server for OBS ("Server")' })
  rtmpUrl!: string;
  @ApiProperty({ description: 'The secret stream key for OBS ("Stream Key"); never share it' })
  streamKey!: string;
  @ApiProperty({ description: 'Server and key in one URL, for phone apps that take a single address' })
  ingestUrl!: string;
  @ApiProperty({
    example: 'ws://localhost:8000/ingest/ws?sessionId=...',
    description:
      "The WebSocket the studio's browser camera streams MediaRecorder chunks to (binary frames); add the access token as `token`",
  })
  browserIngestUrl!: string;
  @ApiProperty({ format: 'date-time' }) keyCreatedAt!: string;
  @ApiProperty({ description: 'A publisher is on air right now' }) publishing!: boolean;
}

export class PinEventResponse {
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty({ enum: ['pin', 'unpin'] }) kind!: 'pin' | 'unpin';
  @ApiProperty({ format: 'date-time' }) at!: string;
}
