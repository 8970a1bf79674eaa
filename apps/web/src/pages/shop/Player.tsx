import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Schema } from '../../api/client';
import { coverOf, framesOf, imageOf } from '../../lib/media';
import { Picture } from '../../ui/Picture';
import { attachHls, type PlayerStatus } from './hls-attach';
import {
  ChaptersIcon,
  ExitFullscreenIcon,
  FullscreenIcon,
  GoLiveIcon,
  PauseIcon,
  PlayIcon,
  SoundOffIcon,
  SoundOnIcon,
} from './player-icons';
import { chapterIndexAt, formatClock, useChapters, type ReplayChapter } from './ReplaySync';
import './player.css';

type PlayerSession = Pick<
  Schema<'SessionResponse'>,
  'title' | 'playback' | 'status' | 'cover' | 'thumbnail' | 'poster'
> & {
  /** The session's id: a replay fetches its product chapters with it. */
  id?: string;
  /** Another session of the same host live right now (GET /api/sessions/:id): a replay links to it. */
  hostLiveSessionId?: string | null;
};

export interface PlayerProps {
  session: PlayerSession;
  /** The video's current time (seconds), so the page can replay chat and pins in step with it. */
  onTime?: (seconds: number) => void;
  /**
   * Fill the container edge to edge (object-fit: cover), as the live room does on a phone; the container gives the
   * height. Without it the player is a 16:9 box that shows the whole picture.
   */
  fill?: boolean;
  className?: string;
}

/** What the video shows before it plays: the replay's poster, the live frame, else the host's cover. */
function posterOf(session: PlayerSession): string | null {
  const frames = framesOf(session);
  return frames.poster?.url ?? frames.thumbnail?.url ?? coverOf(session)?.src ?? null;
}

/**
 * The player area of a session page: our HLS (live, then the replay on the same URL) or a linked HLS playlist in a
 * <video> with our own controls (a LIVE badge and no seek bar while live; a scrubber and per-product chapters on a
 * replay), a YouTube / Facebook / TikTok live in the provider's own embedded player, or the session's cover when
 * there is nothing to play. Overlays keep clear of a page's own bars through the CSS variables --player-top-inset
 * and --player-bottom-inset.
 */
export function Player({ session, onTime, fill = false, className }: PlayerProps) {
  const { t } = useTranslation('player');
  const playback = session.playback;
  const classes = ['player', fill ? 'player-fill' : '', className ?? ''].filter(Boolean).join(' ');
  if (playback?.kind === 'hls' || (playback?.kind === 'external' && playback.provider === 'hls')) {
    const replay = !playback.live && session.status === 'ended';
    return (
      <div className={classes} data-testid="player">
        <VideoPlayer
          url={playback.url}
          live={playback.live}
          replay={replay}
          sessionId={session.id}
          hostLiveSessionId={session.hostLiveSessionId ?? null}
          title={session.title}
          poster={posterOf(session)}
          onTime={onTime}
        />
      </div>
    );
  }
  if (playback?.kind === 'external' && playback.embedUrl) {
    const provider = t(`providers.${playback.provider}`);
    return (
      <div className={classes} data-testid="player">
        <div className={playback.provider === 'tiktok' ? 'player-frame player-frame-tall' : 'player-frame'}>
          <iframe
            src={playback.embedUrl}
            title={t('embedTitle', { title: session.title, provider })}
            allow="autoplay; encrypted-media; picture-in-picture; fullscreen"
            allowFullScreen
            referrerPolicy="strict-origin-when-cross-origin"
            loading="lazy"
          />
        </div>
        <p className="small player-source">
          <a href={playback.url} target="_blank" rel="noopener noreferrer">
            {playback.live ? t('watchLiveOn', { provider }) : t('watchOn', { provider })}
            <span className="visually-hidden"> {t('newTab')}</span>
          </a>
        </p>
      </div>
    );
  }
  return (
    <div className={classes} data-testid="player">
      <Cover session={session} />
      {session.status === 'live' && (
        <p className="player-overlay small" role="status">
          {t('waiting')}
        </p>
      )}
    </div>
  );
}

/** The host's cover (the session page's first image: fetched at once), or the designed tile with the title. */
function Cover({ session }: { session: PlayerSession }) {
  const { t } = useTranslation('player');
  return (
    <Picture
      image={coverOf(session)}
      alt={t('coverAlt', { title: session.title })}
      sizes="(min-width: 900px) 60vw, 100vw"
      name={session.title}
      kind="session"
      aspect="16 / 9"
      className="cover"
      priority
      testId="player-cover"
    />
  );
}

/** How long a live video may stand still (while meant to play) before the viewer is told it is reconnecting. */
const STALL_MS = 3000;

type FullscreenVideo = HTMLVideoElement & { webkitEnterFullscreen?: () => void };

function fullscreenSupported(video: FullscreenVideo | null): boolean {
  if (typeof document === 'undefined') return false;
  return document.fullscreenEnabled === true || typeof video?.webkitEnterFullscreen === 'function';
}

function VideoPlayer({
  url,
  live,
  replay,
  sessionId,
  hostLiveSessionId,
  title,
  poster,
  onTime,
}: {
  url: string;
  live: boolean;
  replay: boolean;
  sessionId?: string;
  hostLiveSessionId: string | null;
  title: string;
  poster: string | null;
  onTime?: (seconds: number) => void;
}) {
  const { t } = useTranslation('player');
  const figureRef = useRef<HTMLElement>(null);
  const videoRef = useRef<FullscreenVideo>(null);
  const [status, setStatus] = useState<PlayerStatus>('loading');
  const [muted, setMuted] = useState(true);
  const [paused, setPaused] = useState(true);
  const [stalled, setStalled] = useState(false);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState(0);
  const [fullscreen, setFullscreen] = useState(false);
  const [canFullscreen, setCanFullscreen] = useState(false);
  const [chaptersOpen, setChaptersOpen] = useState(true);
  const chapters = useChapters(sessionId, replay);
  const chaptersRef = useRef<HTMLOListElement>(null);
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
    return attachHls(video, url, setStatus, { live });
    // `live` only tunes the first load; the same URL keeps playing when the show ends.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [url]);

  // The video's clock (for the scrubber and the page's replay of chat and pins); a live that stands still shows
  // "reconnecting…" (the publisher dropped and may come back within the grace period) until frames move again.
  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    setCanFullscreen(fullscreenSupported(video));
    let lastTime = video.currentTime;
    let lastMove = Date.now();
    const report = () => {
      setTime(video.currentTime);
      onTimeRef.current?.(video.currentTime);
    };
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
    const onPlayState = () => setPaused(video.paused);
    const onDuration = () => setDuration(Number.isFinite(video.duration) ? video.duration : 0);
    const onFullscreen = () => setFullscreen(document.fullscreenElement === figureRef.current);
    video.addEventListener('timeupdate', report);
    video.addEventListener('seeked', report);
    video.addEventListener('timeupdate', moved);
    video.addEventListener('volumechange', onVolume);
    video.addEventListener('play', onPlayState);
    video.addEventListener('pause', onPlayState);
    video.addEventListener('playing', onPlayState);
    video.addEventListener('durationchange', onDuration);
    video.addEventListener('loadedmetadata', onDuration);
    document.addEventListener('fullscreenchange', onFullscreen);
    return () => {
      window.clearInterval(watchdog);
      video.removeEventListener('timeupdate', report);
      video.removeEventListener('seeked', report);
      video.removeEventListener('timeupdate', moved);
      video.removeEventListener('volumechange', onVolume);
      video.removeEventListener('play', onPlayState);
      video.removeEventListener('pause', onPlayState);
      video.removeEventListener('playing', onPlayState);
      video.removeEventListener('durationchange', onDuration);
      video.removeEventListener('loadedmetadata', onDuration);
      document.removeEventListener('fullscreenchange', onFullscreen);
    };
  }, []);

  function toggleSound() {
    const video = videoRef.current;
    if (!video) return;
    if (video.muted) {
      video.muted = false;
      if (video.volume === 0) video.volume = 1;
      void video.play().catch(() => undefined);
    } else {
      video.muted = true;
    }
  }

  function togglePlay() {
    const video = videoRef.current;
    if (!video) return;
    if (video.paused || video.ended) void video.play().catch(() => undefined);
    else video.pause();
  }

  function seek(seconds: number) {
    const video = videoRef.current;
    if (!video) return;
    video.currentTime = seconds;
    setTime(seconds);
    onTimeRef.current?.(seconds);
  }

  function jumpTo(chapter: ReplayChapter) {
    seek(chapter.offsetSeconds);
    void videoRef.current?.play().catch(() => undefined);
  }

  function toggleFullscreen() {
    const figure = figureRef.current;
    const video = videoRef.current;
    if (document.fullscreenElement) {
      void document.exitFullscreen().catch(() => undefined);
    } else if (figure && document.fullscreenEnabled) {
      void figure.requestFullscreen().catch(() => undefined);
    } else {
      // iPhone Safari takes only the video itself to full screen (with its own controls).
      video?.webkitEnterFullscreen?.();
    }
  }

  const reconnecting = status === 'reconnecting' || (live && stalled && status !== 'error');
  const message =
    status === 'error'
      ? t('error')
      : status === 'unsupported'
        ? t('unsupported')
        : reconnecting
          ? t('reconnecting')
          : status === 'loading'
            ? t('loading')
            : '';
  const label = live ? t('liveLabel', { title }) : t('replayLabel', { title });
  const playable = status !== 'error' && status !== 'unsupported';
  const current = chapterIndexAt(chapters, time);

  // The chapter playing now stays in view in the strip (sideways only: the page itself never scrolls for it).
  useEffect(() => {
    const list = chaptersRef.current;
    const item = list?.children[current] as HTMLElement | undefined;
    if (!list || !item || typeof list.scrollTo !== 'function') return;
    if (
      item.offsetLeft < list.scrollLeft ||
      item.offsetLeft + item.offsetWidth > list.scrollLeft + list.clientWidth
    )
      list.scrollTo({ left: Math.max(0, item.offsetLeft - 8), behavior: 'smooth' });
  }, [current]);
  const fullscreenButton = canFullscreen && (
    <button
      type="button"
      className="player-icon-btn"
      onClick={toggleFullscreen}
      aria-label={fullscreen ? t('exitFullscreen') : t('fullscreen')}
    >
      {fullscreen ? <ExitFullscreenIcon /> : <FullscreenIcon />}
    </button>
  );

  return (
    <figure ref={figureRef} className={live ? 'player-figure is-live' : 'player-figure is-replay'}>
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
        preload="auto"
        onClick={live ? undefined : togglePlay}
      />
      <figcaption className="visually-hidden">{label}</figcaption>

      <div className="player-top">
        {live ? (
          <span className="player-live-badge" data-testid="player-live-badge">
            <span className="player-live-dot" aria-hidden="true" />
            {t('live')}
          </span>
        ) : (
          <span className="player-replay-badge">{t('replay')}</span>
        )}
        {!live && hostLiveSessionId && (
          <Link
            className="player-host-live"
            to={`/sessions/${hostLiveSessionId}`}
            data-testid="player-host-live"
          >
            <GoLiveIcon width={18} height={18} />
            {t('hostLiveNow')}
          </Link>
        )}
        <span className="player-top-end">
          {playable &&
            (muted ? (
              <button
                type="button"
                className="player-unmute"
                onClick={toggleSound}
                data-testid="player-unmute"
              >
                <SoundOffIcon width={20} height={20} />
                {t('tapToUnmute')}
              </button>
            ) : (
              <button
                type="button"
                className="player-icon-btn"
                onClick={toggleSound}
                aria-label={t('mute')}
                data-testid="player-mute"
              >
                <SoundOnIcon />
              </button>
            ))}
          {live && fullscreenButton}
        </span>
      </div>

      <p className={message ? 'player-overlay small' : 'visually-hidden'} role="status" aria-live="polite">
        {message}
      </p>

      {/* Autoplay refused (or a replay paused by the viewer): one big button in the middle. */}
      {playable && paused && status !== 'loading' && (
        <button
          type="button"
          className="player-big-play"
          onClick={togglePlay}
          aria-label={t('play')}
          data-testid="player-play"
        >
          <PlayIcon width={36} height={36} />
        </button>
      )}

      {!live && (
        <div className="player-bottom">
          {chapters.length > 0 && chaptersOpen && (
            <ol
              ref={chaptersRef}
              className="player-chapters"
              aria-label={t('chapters')}
              data-testid="player-chapters"
            >
              {chapters.map((chapter, index) => (
                <li key={`${chapter.productId}-${chapter.offsetSeconds}`}>
                  <button
                    type="button"
                    className="player-chapter"
                    aria-current={index === current ? 'true' : undefined}
                    onClick={() => jumpTo(chapter)}
                    data-offset={chapter.offsetSeconds}
                  >
                    <Picture
                      image={imageOf(chapter)}
                      alt=""
                      sizes="40px"
                      name={chapter.name}
                      kind="product"
                      aspect="1 / 1"
                      className="player-chapter-pic"
                    />
                    <span className="player-chapter-text">
                      <span className="player-chapter-name">{chapter.name}</span>
                      <span className="player-chapter-time">
                        <span className="visually-hidden">{t('jumpTo')} </span>
                        {formatClock(chapter.offsetSeconds)}
                      </span>
                    </span>
                  </button>
                </li>
              ))}
            </ol>
          )}
          <div className="player-bar">
            <button
              type="button"
              className="player-icon-btn"
              onClick={togglePlay}
              aria-label={paused ? t('play') : t('pause')}
            >
              {paused ? <PlayIcon /> : <PauseIcon />}
            </button>
            <span className="player-clock" aria-hidden="true">
              {formatClock(time)}
            </span>
            <div className="player-scrub">
              <input
                type="range"
                min={0}
                max={duration || 0}
                step={0.1}
                value={Math.min(time, duration || 0)}
                disabled={!duration}
                onChange={(event) => seek(Number(event.currentTarget.value))}
                aria-label={t('seek')}
                aria-valuetext={t('position', { time: formatClock(time), duration: formatClock(duration) })}
                data-testid="player-scrubber"
              />
              {duration > 0 &&
                chapters.map((chapter) => (
                  <span
                    key={`${chapter.productId}-${chapter.offsetSeconds}`}
                    className="player-mark"
                    style={{ left: `${Math.min(100, (chapter.offsetSeconds / duration) * 100)}%` }}
                    aria-hidden="true"
                  />
                ))}
            </div>
            <span className="player-clock" aria-hidden="true">
              {formatClock(duration)}
            </span>
            {chapters.length > 0 && (
              <button
                type="button"
                className="player-icon-btn"
                onClick={() => setChaptersOpen((open) => !open)}
                aria-expanded={chaptersOpen}
                aria-label={t('chaptersToggle', { count: chapters.length })}
                data-testid="player-chapters-toggle"
              >
                <ChaptersIcon />
              </button>
            )}
            {fullscreenButton}
          </div>
        </div>
      )}
    </figure>
  );
}
