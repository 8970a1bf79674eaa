import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { authStore } from '../../auth/auth-store';
import './camera.css';

/**
 * "Go live from this phone's camera": the camera and microphone recorded by MediaRecorder in ~1 s chunks, each sent
 * as a binary WebSocket frame to the media app's camera ingest (the session's browserIngestUrl + the host's access
 * token as `token`), which packages them into the same HLS as OBS. A dropped connection reconnects with a fresh
 * recording (each connection starts its own stream) within the media app's grace period, so viewers see the show
 * continue; the media app's close codes become messages the host can act on.
 */

export type CameraState = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'stopped' | 'error';

export type CameraProblem =
  | { kind: 'denied' | 'noDevice' | 'device' | 'unsupported' | 'lost' | 'recorder' }
  | { kind: 'closed'; code: number };

type Facing = 'user' | 'environment';

/** What MediaRecorder should produce, best first: WebM VP8 + Opus (Chromium, Firefox), else what the browser has. */
export const RECORDER_TYPES = [
  'video/webm;codecs=vp8,opus',
  'video/webm',
  'video/mp4;codecs=avc1,mp4a',
  'video/mp4',
] as const;

export function pickMimeType(isSupported: (type: string) => boolean): string | undefined {
  return RECORDER_TYPES.find((type) => isSupported(type));
}

/** Close codes after which the camera reconnects: the media app went away, the network dropped, or it stalled. */
const RETRYABLE_CLOSES = new Set([1001, 1006, 1011, 1013, 4408]);
/** Reconnects are tried for this long: less than the media app's grace period (60 s), after which the show ends. */
const RECONNECT_WINDOW_MS = 55_000;
const TIMESLICE_MS = 1000;

export function reconnectDelayMs(attempt: number): number {
  return Math.min(500 * 2 ** attempt, 5000);
}

/** Whether a close is worth a reconnect; `reconnecting` allows our own previous connection still holding the lease. */
export function isRetryableClose(code: number, reason: string, reconnecting: boolean): boolean {
  if (RETRYABLE_CLOSES.has(code)) return true;
  return reconnecting && code === 4409 && reason === 'STREAM_ALREADY_PUBLISHING';
}

function problemOfMediaError(error: unknown): CameraProblem {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return { kind: 'denied' };
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return { kind: 'noDevice' };
  return { kind: 'device' };
}

function constraints(facing: Facing): MediaStreamConstraints {
  return {
    video: { facingMode: facing, width: { ideal: 1280 }, height: { ideal: 720 } },
    audio: true,
  };
}

/** One camera broadcast: media capture, the recorder and the socket, with reconnects. No React in here. */
class CameraBroadcast {
  private stream: MediaStream | null = null;
  private ws: WebSocket | null = null;
  private recorder: MediaRecorder | null = null;
  private timer: number | undefined;
  private attempt = 0;
  private lostSince: number | null = null;
  private tokenRefreshed = false;
  private ended = false;
  private facing: Facing = 'user';

  constructor(
    private readonly ingestUrl: string,
    private readonly mimeType: string,
    private readonly onState: (state: CameraState, problem?: CameraProblem) => void,
    private readonly onStream: (stream: MediaStream | null) => void,
  ) {}

  async start(): Promise<void> {
    this.onState('connecting');
    if (!(await this.capture())) return;
    this.connect();
  }

  /** The other camera (front/back): a new capture and a new connection that continues the same show. */
  async switchCamera(): Promise<void> {
    if (this.ended) return;
    this.facing = this.facing === 'user' ? 'environment' : 'user';
    this.lostSince = Date.now();
    this.onState('reconnecting');
    this.hangUp(1000, 'switching camera');
    this.releaseMedia();
    if (!(await this.capture())) return;
    this.connect();
  }

  stop(): void {
    if (this.ended) return;
    this.ended = true;
    this.hangUp(1000, 'host stopped');
    this.releaseMedia();
    this.onState('stopped');
  }

  /** Unmount: like stop, without telling anyone. */
  dispose(): void {
    this.ended = true;
    this.hangUp(1000, 'host left the page');
    this.releaseMedia();
  }

  private async capture(): Promise<boolean> {
    try {
      const stream = await navigator.mediaDevices.getUserMedia(constraints(this.facing));
      if (this.ended) {
        stream.getTracks().forEach((track) => track.stop());
        return false;
      }
      this.stream = stream;
      this.onStream(stream);
      return true;
    } catch (error) {
      this.fail(problemOfMediaError(error));
      return false;
    }
  }

  private connect(): void {
    if (this.ended) return;
    const token = authStore.accessToken();
    if (!token) {
      this.fail({ kind: 'closed', code: 4401 });
      return;
    }
    const url = new URL(this.ingestUrl);
    url.searchParams.set('token', token);
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    ws.onopen = () => {
      if (ws === this.ws) this.record(ws);
    };
    ws.onclose = (event) => this.closed(ws, event.code, event.reason);
  }

  /** A fresh recording per connection: the media app's ffmpeg needs the container's header first. */
  private record(ws: WebSocket): void {
    if (!this.stream) return;
    let recorder: MediaRecorder;
    try {
      recorder = new MediaRecorder(this.stream, {
        mimeType: this.mimeType,
        videoBitsPerSecond: 2_500_000,
        audioBitsPerSecond: 128_000,
      });
    } catch {
      this.fail({ kind: 'recorder' });
      return;
    }
    this.recorder = recorder;
    let sent = false;
    recorder.ondataavailable = (event) => {
      if (event.data.size === 0 || ws.readyState !== WebSocket.OPEN) return;
      ws.send(event.data);
      if (!sent && ws === this.ws) {
        sent = true;
        this.attempt = 0;
        this.lostSince = null;
        this.tokenRefreshed = false;
        this.onState('live');
      }
    };
    recorder.onerror = () => {
      if (ws === this.ws) this.fail({ kind: 'recorder' });
    };
    recorder.start(TIMESLICE_MS);
  }

  private closed(ws: WebSocket, code: number, reason: string): void {
    if (ws !== this.ws || this.ended) return;
    this.ws = null;
    this.stopRecorder();
    if (code === 4401 && !this.tokenRefreshed) {
      // The access token expired while on air: one refresh, then the same show continues.
      this.tokenRefreshed = true;
      this.lostSince ??= Date.now();
      this.onState('reconnecting');
      void authStore.refresh().then(() => this.connect());
      return;
    }
    if (!isRetryableClose(code, reason, this.lostSince !== null)) {
      this.fail({ kind: 'closed', code });
      return;
    }
    this.lostSince ??= Date.now();
    if (Date.now() - this.lostSince > RECONNECT_WINDOW_MS) {
      this.fail({ kind: 'lost' });
      return;
    }
    this.onState('reconnecting');
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.connect(), reconnectDelayMs(this.attempt++));
  }

  private fail(problem: CameraProblem): void {
    this.ended = true;
    this.hangUp(1000, 'camera stopped');
    this.releaseMedia();
    this.onState('error', problem);
  }

  private stopRecorder(): void {
    const recorder = this.recorder;
    this.recorder = null;
    if (recorder && recorder.state !== 'inactive') recorder.stop();
  }

  /** Stops recording; the last chunk still goes out before the socket closes. */
  private hangUp(code: number, reason: string): void {
    window.clearTimeout(this.timer);
    const ws = this.ws;
    const recorder = this.recorder;
    this.ws = null;
    this.recorder = null;
    if (!ws) {
      if (recorder && recorder.state !== 'inactive') recorder.stop();
      return;
    }
    const close = () => {
      if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.close(code, reason);
    };
    if (recorder && recorder.state !== 'inactive') {
      recorder.onstop = close;
      recorder.stop();
    } else {
      close();
    }
  }

  private releaseMedia(): void {
    this.stream?.getTracks().forEach((track) => track.stop());
    this.stream = null;
    this.onStream(null);
  }
}

function supportedMimeType(): string | undefined {
  if (typeof window === 'undefined' || typeof MediaRecorder === 'undefined') return undefined;
  if (!navigator.mediaDevices?.getUserMedia) return undefined;
  return pickMimeType((type) => MediaRecorder.isTypeSupported(type));
}

/** The studio's camera broadcast: start, preview, state, switch camera, stop. */
export function CameraPanel({ ingestUrl }: { ingestUrl: string }) {
  const { t } = useTranslation('studio');
  const [state, setState] = useState<CameraState>('idle');
  const [problem, setProblem] = useState<CameraProblem>();
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [canSwitch, setCanSwitch] = useState(false);
  const broadcast = useRef<CameraBroadcast | null>(null);
  const previewRef = useRef<HTMLVideoElement>(null);

  useEffect(() => () => broadcast.current?.dispose(), []);

  useEffect(() => {
    const video = previewRef.current;
    if (!video) return;
    video.srcObject = stream;
    if (stream) void video.play().catch(() => undefined);
  }, [stream]);

  // Switching needs a second camera, known once the browser may list them (after the permission).
  useEffect(() => {
    if (!stream) return;
    let current = true;
    navigator.mediaDevices
      .enumerateDevices()
      .then((devices) => {
        if (current) setCanSwitch(devices.filter((device) => device.kind === 'videoinput').length > 1);
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [stream]);

  function start() {
    const mimeType = supportedMimeType();
    setProblem(undefined);
    if (!mimeType) {
      setState('error');
      setProblem({ kind: 'unsupported' });
      return;
    }
    broadcast.current?.dispose();
    const next = new CameraBroadcast(
      ingestUrl,
      mimeType,
      (value, why) => {
        if (broadcast.current !== next) return;
        setState(value);
        setProblem(why);
      },
      (value) => {
        if (broadcast.current === next) setStream(value);
      },
    );
    broadcast.current = next;
    void next.start();
  }

  const running = state === 'connecting' || state === 'live' || state === 'reconnecting';
  const problemText = !problem
    ? ''
    : problem.kind === 'closed'
      ? t(`camera.close.c${problem.code}`, {
          defaultValue: t('camera.close.other', { code: problem.code }),
        })
      : t(`camera.problem.${problem.kind}`);

  return (
    <section className="stack camera-panel" aria-labelledby="camera-title">
      <h3 id="camera-title">{t('camera.title')}</h3>
      <p className="small muted">{t('camera.hint')}</p>
      <video
        ref={previewRef}
        className="camera-preview"
        data-testid="camera-preview"
        aria-label={t('camera.previewLabel')}
        hidden={!stream}
        muted
        playsInline
        autoPlay
      />
      <p
        className="camera-state"
        data-testid="camera-state"
        data-state={state}
        role="status"
        aria-live="polite"
      >
        <span className={state === 'live' ? 'badge live' : state === 'error' ? 'badge danger' : 'badge'}>
          {t(`camera.state.${state}`)}
        </span>
      </p>
      {problemText ? (
        <p className="alert" role="alert">
          {problemText}
        </p>
      ) : null}
      <div className="row">
        {running ? (
          <button
            type="button"
            className="btn danger"
            data-testid="camera-stop"
            onClick={() => broadcast.current?.stop()}
          >
            {t('camera.stop')}
          </button>
        ) : (
          <button type="button" className="btn" data-testid="camera-start" onClick={start}>
            {t('camera.start')}
          </button>
        )}
        {running && canSwitch ? (
          <button
            type="button"
            className="btn secondary"
            onClick={() => void broadcast.current?.switchCamera()}
          >
            {t('camera.switch')}
          </button>
        ) : null}
      </div>
    </section>
  );
}
