import { LiveError } from './live.errors';

/**
 * A stream hosted elsewhere that a session links instead of streaming through OCOP Live: any https HLS playlist
 * (.m3u8), or a live on YouTube, Facebook or TikTok. Only those hosts are accepted, so the web app never embeds an
 * arbitrary page; the embed URL is derived here, never taken from the client.
 */
export const EXTERNAL_PROVIDERS = ['hls', 'youtube', 'facebook', 'tiktok'] as const;
export type ExternalProvider = (typeof EXTERNAL_PROVIDERS)[number];

export interface ExternalStream {
  provider: ExternalProvider;
  /** The URL as the host gave it (normalised). */
  url: string;
  /** What the player loads: the HLS playlist itself, or the provider's embeddable player. */
  embedUrl: string | null;
}

export const EXTERNAL_URL_MAX = 2000;

const YOUTUBE_HOSTS = ['youtube.com', 'www.youtube.com', 'm.youtube.com', 'youtu.be'];
const FACEBOOK_HOSTS = ['facebook.com', 'www.facebook.com', 'm.facebook.com', 'web.facebook.com', 'fb.watch'];
const TIKTOK_HOSTS = ['tiktok.com', 'www.tiktok.com', 'm.tiktok.com'];
const YOUTUBE_ID_RE = /^[A-Za-z0-9_-]{11}$/;
const TIKTOK_USER_RE = /^@[A-Za-z0-9._]{2,24}$/;
const DIGITS_RE = /^\d{5,25}$/;

function refuse(reason: string, url: string): LiveError {
  return new LiveError('INVALID_EXTERNAL_STREAM', reason, { externalStreamUrl: url });
}

function youtubeId(u: URL): string | null {
  if (u.hostname === 'youtu.be') return u.pathname.split('/')[1] ?? null;
  const parts = u.pathname.split('/').filter(Boolean);
  if (parts[0] === 'watch') return u.searchParams.get('v');
  if (parts[0] === 'live' || parts[0] === 'embed' || parts[0] === 'shorts') return parts[1] ?? null;
  return null;
}

/** Validates a linked stream URL and derives what the player embeds; INVALID_EXTERNAL_STREAM (400) otherwise. */
export function parseExternalStream(raw: string): ExternalStream {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    throw refuse('externalStreamUrl is not a URL', raw);
  }
  if (u.protocol !== 'https:') throw refuse('externalStreamUrl must be an https URL', raw);
  if (u.username !== '' || u.password !== '')
    throw refuse('externalStreamUrl must not carry credentials', raw);
  if (raw.length > EXTERNAL_URL_MAX)
    throw refuse(`externalStreamUrl is longer than ${EXTERNAL_URL_MAX}`, raw);
  const host = u.hostname.toLowerCase();
  const url = u.toString();

  if (YOUTUBE_HOSTS.includes(host)) {
    const id = youtubeId(u);
    if (!id || !YOUTUBE_ID_RE.test(id)) throw refuse('A YouTube link must name one video or live', raw);
    return { provider: 'youtube', url, embedUrl: `https://www.youtube.com/embed/${id}` };
  }
  if (FACEBOOK_HOSTS.includes(host)) {
    const looksLikeVideo =
      host === 'fb.watch' || /\/(videos|live|watch)(\/|$)/.test(u.pathname) || u.searchParams.has('v');
    if (!looksLikeVideo) throw refuse('A Facebook link must point at a video or a live', raw);
    const embed = new URL('https://www.facebook.com/plugins/video.php');
    embed.searchParams.set('href', url);
    embed.searchParams.set('show_text', 'false');
    return { provider: 'facebook', url, embedUrl: embed.toString() };
  }
  if (TIKTOK_HOSTS.includes(host)) {
    const parts = u.pathname.split('/').filter(Boolean);
    const user = parts[0];
    if (!user || !TIKTOK_USER_RE.test(user)) throw refuse('A TikTok link must name an account (@name)', raw);
    if (parts[1] === 'video' && parts[2] && DIGITS_RE.test(parts[2])) {
      return { provider: 'tiktok', url, embedUrl: `https://www.tiktok.com/embed/v2/${parts[2]}` };
    }
    if (parts[1] === 'live' || parts.length === 1) {
      return {
        provider: 'tiktok',
        url,
        embedUrl: `https://www.tiktok.com/embed/live/${encodeURIComponent(user.slice(1))}`,
      };
    }
    throw refuse('A TikTok link must be an account live (@name/live) or a video', raw);
  }
  if (u.pathname.toLowerCase().endsWith('.m3u8')) {
    return { provider: 'hls', url, embedUrl: null };
  }
  throw refuse(
    'externalStreamUrl must be an HLS playlist (.m3u8) or a YouTube, Facebook or TikTok live',
    raw,
  );
}
