import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schema } from '../../api/client';
import { attachHls, type PlayerStatus } from './hls-attach';

type PlayerSession = Pick<Schema<'SessionResponse'>, 'title' | 'coverImageUrl' | 'playback' | 'status'>;

/**
 * The player area of a session page: our HLS (live, then the replay on the same URL) or a linked HLS playlist in a
 * <video> (hls.js, loaded only when a video is shown; native HLS on Safari), a YouTube / Facebook / TikTok live in
 * the provider's own embedded player, or the session's cover when there is nothing to play. `onTime` receives the
 * video's current time (seconds) so the page can replay chat and pins in step with it.
 */
export function Player({ session, onTime }: { session: PlayerSession; onTime?: (seconds: number) => void }) {
  const { t } = useTranslation('shop');
  const playback = session.playback;
  if (playback?.kind === 'hls' || (playback?.kind === 'external' && playback.provider === 'hls')) {
    return (
      <div className="player" data-testid="player">
        <VideoPlayer
          url={playback.url}
          live={playback.live}
          title={session.title}
          poster={session.coverImageUrl}
          onTime={onTime}
        />
      </div>
    );
  }
  if (playback?.kind === 'external' && playback.embedUrl) {
    const provider = t(`player.providers.${playback.provider}`);
    return (
      <div className="player" data-testid="player">
        <div className={playback.provider === 'tiktok' ? 'player-frame player-frame-tall' : 'player-frame'}>
          <iframe
            src={playback.embedUrl}
            title={t('player.embedTitle', { title: session.title, provider })}
            allow="autoplay; encrypted-media; picture-in-picture"
            allowFullScreen
            referrerPolicy="strict-origin-when-cross-origin"
            loading="lazy"
          />
        </div>
        <p className="small player-source">
          <a href={playback.url} target="_blank" rel="noopener noreferrer">
            {playback.live ? t('player.watchLiveOn', { provider }) : t('player.watchOn', { provider })}
            <span className="visually-hidden"> {t('player.newTab')}</span>
          </a>
        </p>
      </div>
    );
  }
  return (
    <div className="player" data-testid="player">
      <Cover title={session.title} coverImageUrl={session.coverImageUrl} />
      {session.status === 'live' && (
        <p className="player-overlay small" role="status">
          {t('player.waiting')}
        </p>
      )}
    </div>
  );
}

function Cover({ title, coverImageUrl }: { title: string; coverImageUrl: string | null }) {
  const { t } = useTranslation('shop');
  return coverImageUrl ? (
    <img src={coverImageUrl} alt={t('player.coverAlt', { title })} className="cover" />
  ) : (
    <div className="cover neutral-cover" role="img" aria-label={t('player.coverAlt', { title })}>
      <span aria-hidden="true">{title}</span>
    </div>
  );
}

/** How long a live video may stand still (while meant to play) before the viewer is told it is reconnecting. */
const STALL_MS = 3000;

function VideoPlayer({
  url,
  live,
  title,
  poster,
  onTime,
}: {
  url: string;
  live: boolean;
  title: string;
  poster: string | null;
  onTime?: (seconds: number) => void;
}) {
  const { t } = useTranslation('shop');
  const videoRef = useRef<HTMLVideoElement>(null);
  const [status, setStatus] = useState<PlayerStatus>('loading');
  const [muted, setMuted] = useState(true);
  const [stalled, setStalled] = useState(false);
  const liveRef = useRef(live);
  const onTimeRef = useRef(onTime);
  useEffect(() => {
    liveRef.current = live;
    onTimeRef.current = onTime;
  });

  // One source per URL: a live that ends keeps playing its own playlist, which turns into the replay (ENDLIST).
  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    video.muted = true;
    return attachHls(video, url, setStatus);
  }, [url]);

  // The video's clock, for the page's replay of chat and pins; and a live that stands still shows "reconnecting…"
  // (the publisher dropped and may come back within the grace period) until frames move again.
  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    let lastTime = video.currentTime;
    let lastMove = Date.now();
    const report = () => onTimeRef.current?.(video.currentTime);
    const moved = () => {
      if (video.currentTime !== lastTime) {
        lastTime = video.currentTime;
        lastMove = Date.now();
        setStalled(false);
      }
    };
    const watchdog = window.setInterval(() => {
      moved();
      const wantsToPlay = !video.paused && !video.ended;
      if (liveRef.current && wantsToPlay && Date.now() - lastMove > STALL_MS) setStalled(true);
      if (!liveRef.current) setStalled(false);
    }, 1000);
    const onVolume = () => setMuted(video.muted);
    video.addEventListener('timeupdate', report);
    video.addEventListener('seeked', report);
    video.addEventListener('timeupdate', moved);
    video.addEventListener('volumechange', onVolume);
    return () => {
      window.clearInterval(watchdog);
      video.removeEventListener('timeupdate', report);
      video.removeEventListener('seeked', report);
      video.removeEventListener('timeupdate', moved);
      video.removeEventListener('volumechange', onVolume);
    };
  }, []);

  function unmute() {
    const video = videoRef.current;
    if (!video) return;
    video.muted = false;
    if (video.volume === 0) video.volume = 1;
    void video.play().catch(() => undefined);
  }

  const reconnecting = status === 'reconnecting' || (live && stalled && status !== 'error');
  const message =
    status === 'error'
      ? t('player.error')
      : status === 'unsupported'
        ? t('player.unsupported')
        : reconnecting
          ? t('player.reconnecting')
          : status === 'loading'
            ? t('player.loading')
            : '';
  const label = live ? t('player.liveLabel', { title }) : t('player.replayLabel', { title });

  return (
    <figure className="player-figure">
      <video
        ref={videoRef}
        className="player-video"
        data-testid="player-video"
        data-status={reconnecting ? 'reconnecting' : status}
        aria-label={label}
        poster={poster ?? undefined}
        muted
        autoPlay
        playsInline
        controls
        preload="auto"
      />
      <figcaption className="visually-hidden">{label}</figcaption>
      {live && <span className="badge live player-badge">{t('player.live')}</span>}
      <p className={message ? 'player-overlay small' : 'visually-hidden'} role="status" aria-live="polite">
        {message}
      </p>
      {muted && status !== 'error' && status !== 'unsupported' && (
        <button type="button" className="btn small player-sound" onClick={unmute}>
          <span aria-hidden="true">🔊 </span>
          {t('player.tapForSound')}
        </button>
      )}
    </figure>
  );
}
