import type { SessionStatus } from './session-lifecycle';

/**
 * Rules of a session's own video stream: the stream key a host pastes into OBS or a phone app, who may publish and
 * when, and how long a dropped stream is waited for before the session ends.
 *
 * A stream key is `<session id>_<secret>`. The session id tells the media app which session a publisher claims;
 * the secret (32 URL-safe characters, rotated by the host) proves it. Both halves use only the characters an RTMP
 * stream name may hold.
 */
export const STREAM_SECRET_LENGTH = 32;
const SECRET_RE = /^[A-Za-z0-9_-]{32}$/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function isStreamSecret(value: string): boolean {
  return SECRET_RE.test(value);
}

export function streamKeyOf(sessionId: string, secret: string): string {
  return `${sessionId}_${secret}`;
}

/** The session a key claims and its secret, or null when the key cannot be one of ours. */
export function parseStreamKey(key: string): { sessionId: string; secret: string } | null {
  const at = key.indexOf('_');
  if (at !== 36) return null;
  const sessionId = key.slice(0, at).toLowerCase();
  const secret = key.slice(at + 1);
  if (!UUID_RE.test(sessionId) || !isStreamSecret(secret)) return null;
  return { sessionId, secret };
}

/** Why a publish is refused; each becomes a coded LiveError at the media edge. */
export type PublishRefusal = 'unknown_session' | 'wrong_key' | 'session_over' | 'not_streaming_here';

export interface PublishCheck {
  status: SessionStatus | null;
  /** The session's current secret (null when the host never opened the stream settings). */
  currentSecret: string | null;
  /** The secret the publisher presented (null for the browser camera, which signs in instead). */
  presentedSecret: string | null;
  /** The session links a stream hosted elsewhere (YouTube, Facebook, TikTok or an HLS URL). */
  external: boolean;
  /** Compares secrets in constant time (injected: the domain holds no crypto). */
  sameSecret: (a: string, b: string) => boolean;
}

/**
 * May this publisher stream to this session? A scheduled or live session accepts its own key; an ended or cancelled
 * one accepts nothing, and a session that links an external stream takes no ingest of ours.
 */
export function checkPublish(check: PublishCheck): PublishRefusal | null {
  if (check.status === null) return 'unknown_session';
  if (check.presentedSecret !== null) {
    if (check.currentSecret === null || !check.sameSecret(check.presentedSecret, check.currentSecret)) {
      return 'wrong_key';
    }
  }
  if (check.status === 'ended' || check.status === 'cancelled') return 'session_over';
  if (check.external) return 'not_streaming_here';
  return null;
}

/** What an accepted publish does to the session: a scheduled one goes live, a live one carries on. */
export function onPublish(status: 'scheduled' | 'live'): 'go_live' | 'resume' {
  return status === 'scheduled' ? 'go_live' : 'resume';
}

export interface StreamPresence {
  status: SessionStatus;
  /** When the current publisher connected; null while nobody publishes. */
  publishingSince: Date | null;
  /** When the last publisher left; null if nobody has left since the last publish began. */
  publisherLeftAt: Date | null;
}

/**
 * When the grace timer fires: end the session only if it is still live, nobody publishes, and the publisher has
 * been gone for the whole grace period. A stream that came back (even briefly gone again since) waits its own
 * full period.
 */
export function streamEndDecision(
  presence: StreamPresence,
  graceMs: number,
  now: Date,
): 'end' | 'keep' | 'wait' {
  if (presence.status !== 'live') return 'keep';
  if (presence.publishingSince !== null) return 'keep';
  if (presence.publisherLeftAt === null) return 'keep';
  const due = presence.publisherLeftAt.getTime() + graceMs;
  return due <= now.getTime() ? 'end' : 'wait';
}

/** The delay of the grace job, from the moment the publisher left. */
export function streamEndDelayMs(leftAt: Date, graceMs: number, now: Date): number {
  return Math.max(0, leftAt.getTime() + graceMs - now.getTime());
}

/**
 * One grace job per drop (BullMQ job ids cannot contain ':'): a stream that comes back makes its job a no-op, and a
 * later drop has its own job, so no job is ever moved or removed.
 */
export function streamEndJobId(sessionId: string, leftAt: Date): string {
  return `stream-end-${sessionId}-${leftAt.getTime()}`;
}

/** Recordings whose session ended more than `retentionDays` ago are deleted. */
export function recordingExpiresAt(endedAt: Date, retentionDays: number): Date {
  return new Date(endedAt.getTime() + retentionDays * 24 * 3600 * 1000);
}
