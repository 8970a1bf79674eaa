import type { ExternalProvider } from './external-stream';
import { parseExternalStream } from './external-stream';
import type { SessionStatus } from './session-lifecycle';

/**
 * What the web player needs to show a session's video: our own HLS (live, then its replay), a stream hosted
 * elsewhere, or nothing yet. Never carries the stream key.
 */
export type Playback =
  | {
      kind: 'hls';
      url: string;
      live: boolean;
      /** Wall-clock time of the first segment: video time t is startedAt + t (EXT-X-PROGRAM-DATE-TIME agrees). */
      startedAt: string;
    }
  | {
      kind: 'external';
      provider: ExternalProvider;
      /** An HLS playlist for provider 'hls'; the page the host linked otherwise. */
      url: string;
      /** The provider's embeddable player (YouTube, Facebook, TikTok); null for HLS. */
      embedUrl: string | null;
      live: boolean;
    };

export interface RecordingState {
  /** Wall-clock time of the first segment; null until the first segment is written. */
  startedAt: Date | null;
  /** When the recording was deleted under the retention period. */
  deletedAt: Date | null;
}

/** The path of a session's playlist under the media app's public base URL. */
export function hlsPlaylistPath(sessionId: string): string {
  return `/hls/${sessionId}/index.m3u8`;
}

export function playbackOf(
  session: { id: string; status: SessionStatus; externalStreamUrl: string | null },
  recording: RecordingState | null,
  mediaPublicUrl: string,
): Playback | null {
  if (session.status === 'cancelled') return null;
  if (session.externalStreamUrl !== null) {
    const external = parseExternalStream(session.externalStreamUrl);
    return {
      kind: 'external',
      provider: external.provider,
      url: external.url,
      embedUrl: external.embedUrl,
      live: session.status === 'live',
    };
  }
  if (!recording || recording.startedAt === null || recording.deletedAt !== null) return null;
  return {
    kind: 'hls',
    url: `${mediaPublicUrl.replace(/\/+$/, '')}${hlsPlaylistPath(session.id)}`,
    live: session.status === 'live',
    startedAt: recording.startedAt.toISOString(),
  };
}

/** A still frame of a session's own stream, served by the media app. */
export interface StreamFrame {
  url: string;
  capturedAt: string;
}

export interface FrameState {
  thumbnailCapturedAt: Date | null;
  posterCapturedAt: Date | null;
  deletedAt: Date | null;
}

/**
 * The still frames session cards show: while live the latest thumbnail (its URL changes with every capture, so a
 * cache in front may keep each one for its few seconds), and for the replay its poster (never changes). None for a
 * linked stream, a cancelled session, or a recording past its retention.
 */
export function framesOf(
  session: { id: string; status: SessionStatus; externalStreamUrl: string | null },
  frames: FrameState | null,
  mediaPublicUrl: string,
): { thumbnail: StreamFrame | null; poster: StreamFrame | null } {
  const none = { thumbnail: null, poster: null };
  if (!frames || frames.deletedAt !== null || session.externalStreamUrl !== null) return none;
  const dir = `${mediaPublicUrl.replace(/\/+$/, '')}/hls/${session.id}`;
  const thumbnail =
    session.status === 'live' && frames.thumbnailCapturedAt !== null
      ? {
          url: `${dir}/thumb.jpg?v=${frames.thumbnailCapturedAt.getTime()}`,
          capturedAt: frames.thumbnailCapturedAt.toISOString(),
        }
      : null;
  const poster =
    session.status === 'ended' && frames.posterCapturedAt !== null
      ? { url: `${dir}/poster.jpg`, capturedAt: frames.posterCapturedAt.toISOString() }
      : null;
  return { thumbnail, poster };
}
