import type Hls from 'hls.js';
import type { ErrorData } from 'hls.js';

/** What the player tells the viewer: starting, playing, waiting for the stream to come back, or out of options. */
export type PlayerStatus = 'loading' | 'ready' | 'reconnecting' | 'error' | 'unsupported';

/** Backoff of the reload attempts after a fatal error: 1 s, 2 s, 4 s, 8 s, then every 10 s (a live may come back). */
export function retryDelayMs(attempt: number): number {
  return Math.min(1000 * 2 ** attempt, 10_000);
}

/** Muted autoplay; a browser that still refuses leaves the native play control to the viewer (then: ready). */
function tryPlay(video: HTMLVideoElement, onStatus: (status: PlayerStatus) => void): void {
  void video.play().catch(() => onStatus('ready'));
}

function hasMediaSource(): boolean {
  return typeof window !== 'undefined' && ('MediaSource' in window || 'ManagedMediaSource' in window);
}

export interface AttachOptions {
  /** A live stream: stay a few seconds behind its edge and catch up when drifting (a replay starts at 0). */
  live?: boolean;
}

/**
 * hls.js settings. Live: the media app writes 1 s segments, so three behind the edge is about 3 s of delay; a viewer
 * who falls more than 8 s behind (a stall, a background tab) jumps back, and small drifts are caught up by playing at
 * up to 1.1x; little buffer ahead or behind, since a live has nothing far ahead and a phone has little memory.
 */
export function hlsConfig(options: AttachOptions) {
  return options.live
    ? {
        lowLatencyMode: true,
        liveSyncDurationCount: 3,
        liveMaxLatencyDurationCount: 8,
        maxLiveSyncPlaybackRate: 1.1,
        maxBufferLength: 10,
        backBufferLength: 10,
      }
    : { maxBufferLength: 30, backBufferLength: 30 };
}

/**
 * Plays an HLS playlist in `video` and keeps it playing: native HLS where the browser is Safari (or has no Media
 * Source Extensions), hls.js elsewhere, imported only now so it never weighs on the page's first load. Returns the
 * teardown.
 */
export function attachHls(
  video: HTMLVideoElement,
  url: string,
  onStatus: (status: PlayerStatus) => void,
  options: AttachOptions = {},
): () => void {
  let disposed = false;
  let teardown: (() => void) | undefined;
  onStatus('loading');
  const onPlaying = () => onStatus('ready');
  video.addEventListener('playing', onPlaying);

  const nativeHls = video.canPlayType('application/vnd.apple.mpegurl') !== '';
  const apple = typeof navigator !== 'undefined' && navigator.vendor.startsWith('Apple');
  if (nativeHls && (apple || !hasMediaSource())) {
    teardown = attachNative(video, url, onStatus);
  } else if (!hasMediaSource()) {
    onStatus('unsupported');
  } else {
    import('hls.js').then(
      ({ default: HlsClass }) => {
        if (disposed) return;
        if (!HlsClass.isSupported()) {
          if (nativeHls) teardown = attachNative(video, url, onStatus);
          else onStatus('unsupported');
          return;
        }
        teardown = attachHlsJs(HlsClass, video, url, onStatus, options);
      },
      () => {
        if (!disposed) onStatus('error');
      },
    );
  }
  return () => {
    disposed = true;
    video.removeEventListener('playing', onPlaying);
    teardown?.();
  };
}

/** Safari's own HLS: on an error, reload the playlist with backoff (a live that dropped comes back on its URL). */
function attachNative(
  video: HTMLVideoElement,
  url: string,
  onStatus: (status: PlayerStatus) => void,
): () => void {
  let attempt = 0;
  let timer: number | undefined;
  const onError = () => {
    onStatus('reconnecting');
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      video.src = url;
      video.load();
      tryPlay(video, onStatus);
    }, retryDelayMs(attempt++));
  };
  const onPlaying = () => {
    attempt = 0;
  };
  video.addEventListener('error', onError);
  video.addEventListener('playing', onPlaying);
  video.src = url;
  tryPlay(video, onStatus);
  return () => {
    window.clearTimeout(timer);
    video.removeEventListener('error', onError);
    video.removeEventListener('playing', onPlaying);
    video.removeAttribute('src');
    video.load();
  };
}

/**
 * hls.js with recovery: fatal network errors reload (the playlist, or from where loading stopped) with backoff;
 * media errors go through recoverMediaError (a second one soon after also swaps the audio codec); anything else
 * rebuilds the player. A live playlist that stops updating is simply polled on by hls.js until segments return.
 */
function attachHlsJs(
  HlsClass: typeof Hls,
  video: HTMLVideoElement,
  url: string,
  onStatus: (status: PlayerStatus) => void,
  options: AttachOptions,
): () => void {
  let hls: Hls | undefined;
  let attempt = 0;
  let timer: number | undefined;
  let manifestLoaded = false;
  let lastMediaErrorAt = 0;
  let disposed = false;

  const later = (action: () => void) => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      if (!disposed) action();
    }, retryDelayMs(attempt++));
  };

  const onError = (data: ErrorData) => {
    if (!data.fatal || !hls) return;
    const current = hls;
    if (data.type === HlsClass.ErrorTypes.NETWORK_ERROR) {
      onStatus('reconnecting');
      later(() => (manifestLoaded ? current.startLoad() : current.loadSource(url)));
    } else if (data.type === HlsClass.ErrorTypes.MEDIA_ERROR) {
      const now = Date.now();
      if (now - lastMediaErrorAt < 3000) current.swapAudioCodec();
      lastMediaErrorAt = now;
      current.recoverMediaError();
    } else {
      onStatus('reconnecting');
      later(build);
    }
  };

  function build() {
    hls?.destroy();
    manifestLoaded = false;
    // hls.js polls a live playlist that stopped growing until it grows again (a publisher coming back).
    const instance = new HlsClass(hlsConfig(options));
    hls = instance;
    instance.on(HlsClass.Events.ERROR, (_event, data) => onError(data));
    instance.on(HlsClass.Events.MANIFEST_PARSED, () => {
      manifestLoaded = true;
      tryPlay(video, onStatus);
    });
    instance.on(HlsClass.Events.FRAG_BUFFERED, () => {
      if (attempt > 0) onStatus('ready');
      attempt = 0;
    });
    instance.loadSource(url);
    instance.attachMedia(video);
  }

  build();
  return () => {
    disposed = true;
    window.clearTimeout(timer);
    hls?.destroy();
    hls = undefined;
  };
}
