import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { WebSocket, WebSocketServer, RawData } from 'ws';
import { AccessTokenService } from '@ocop/auth';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { CommonError, DomainError } from '@ocop/kernel';
import { StreamIngestService } from '@ocop/live';
import { IngestInput } from '../hls/ffmpeg-args';
import { Publish, StopReason, StreamSupervisor } from './stream-supervisor';

export const CAMERA_INGEST_PATH = '/ingest/ws';

/**
 * Close codes of the camera ingest, so the studio can tell the host what happened. 1003, 1007 and 1009 are the
 * WebSocket standard's; 44xx mirror the HTTP statuses of the same refusals.
 */
export const CameraClose = {
  /** The stream ended normally (the host stopped it, or the media app is shutting down). */
  Normal: 1000,
  GoingAway: 1001,
  /** A text frame: the ingest takes binary MediaRecorder chunks only. */
  NotBinary: 1003,
  /** The bytes are not a WebM/MP4 stream, or ffmpeg could not decode them. */
  BadMedia: 1007,
  /** A frame larger than MEDIA_INGEST_MAX_FRAME_BYTES (sent by the ws library itself). */
  TooLarge: 1009,
  /** The media app cannot keep up with this stream. */
  Overloaded: 1013,
  Unauthenticated: 4401,
  /** Signed in, but not the host or a co-host of the session. */
  Forbidden: 4403,
  SessionNotFound: 4404,
  /** Nothing arrived for too long. */
  Stalled: 4408,
  /** The session is over, shows a stream hosted elsewhere, someone else is on air, or the key was rotated. */
  Conflict: 4409,
} as const;

/** Chunks kept while the publisher is being checked (a studio starts sending as soon as the socket opens). */
const MAX_EARLY_BYTES = 8 * 1024 * 1024;

function closeFor(reason: StopReason): [number, string] {
  switch (reason) {
    case 'publisher_left':
    case 'shutdown':
      return [CameraClose.GoingAway, 'stream stopped'];
    case 'stalled':
      return [CameraClose.Stalled, 'no media received for too long'];
    case 'revoked':
      return [CameraClose.Conflict, 'the session no longer takes this stream'];
    case 'bad_media':
      return [CameraClose.BadMedia, 'the media could not be decoded'];
    case 'overloaded':
      return [CameraClose.Overloaded, 'the media server cannot keep up with this stream'];
  }
}

function closeForError(error: unknown): [number, string] {
  if (!(error instanceof DomainError)) return [1011, 'internal error'];
  switch (error.kind) {
    case 'unauthenticated':
      return [CameraClose.Unauthenticated, error.code];
    case 'forbidden':
      return [CameraClose.Forbidden, error.code];
    case 'not_found':
      return [CameraClose.SessionNotFound, error.code];
    default:
      return [CameraClose.Conflict, error.code];
  }
}

/** The container of a MediaRecorder stream from its first bytes: WebM (Chromium, Firefox) or MP4 (Safari). */
export function sniffContainer(first: Buffer): IngestInput | null {
  if (first.length >= 4 && first.readUInt32BE(0) === 0x1a45dfa3) return { container: 'webm' };
  if (first.length >= 8 && first.toString('latin1', 4, 8) === 'ftyp') return { container: 'mp4' };
  return null;
}

function tokenOf(req: IncomingMessage, url: URL): string | null {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return url.searchParams.get('token');
}

/**
 * The studio's browser camera: a WebSocket at /ingest/ws?sessionId=...&token=<access token> carrying MediaRecorder
 * chunks as binary frames, piped into ffmpeg to make the same HLS as RTMP, under the same go-live and grace rules.
 * Each connection is isolated: a bad one is closed without touching the other streams.
 */
@Injectable()
export class CameraIngest implements OnApplicationShutdown {
  private readonly log = new Logger(CameraIngest.name);
  private readonly wss: WebSocketServer;

  constructor(
    private readonly tokens: AccessTokenService,
    private readonly ingest: StreamIngestService,
    private readonly supervisor: StreamSupervisor,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: config.MEDIA_INGEST_MAX_FRAME_BYTES,
      perMessageDeflate: false,
    });
  }

  /** Takes the upgrades of CAMERA_INGEST_PATH on the media app's HTTP server. */
  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(req.url ?? '/', 'http://media.local');
      if (url.pathname !== CAMERA_INGEST_PATH) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.connection(ws, req, url));
    });
  }

  onApplicationShutdown(): void {
    for (const client of this.wss.clients) client.close(CameraClose.GoingAway, 'media server shutting down');
    this.wss.close();
  }

  private connection(ws: WebSocket, req: IncomingMessage, url: URL): void {
    const sessionId = url.searchParams.get('sessionId') ?? '';
    const early: Buffer[] = [];
    let earlyBytes = 0;
    let publish: Publish | null = null;
    let opening = false;
    let closed = false;
    let authorized = false;

    const close = (code: number, reason: string) => {
      if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.close(code, reason);
    };

    const start = async (first: Buffer) => {
      const input = sniffContainer(first);
      if (!input) return close(CameraClose.BadMedia, 'not a WebM or MP4 stream');
      opening = true;
      try {
        const opened = await this.supervisor.open({
          sessionId,
          secret: null,
          input,
          disconnect: (reason) => close(...closeFor(reason)),
        });
        if (closed) return void opened.stop('publisher_left');
        publish = opened;
        for (const chunk of early.splice(0)) publish.write(chunk);
      } catch (error) {
        close(...closeForError(error));
      } finally {
        opening = false;
      }
    };

    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (!isBinary) return close(CameraClose.NotBinary, 'binary MediaRecorder chunks only');
      const chunk = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      if (publish) return publish.write(chunk);
      earlyBytes += chunk.length;
      if (earlyBytes > MAX_EARLY_BYTES)
        return close(CameraClose.Overloaded, 'too much media before the stream started');
      early.push(chunk);
      if (authorized && !opening && early.length === 1) void start(chunk);
    });

    ws.on('close', () => {
      closed = true;
      if (publish) void publish.stop('publisher_left');
    });
    ws.on('error', (error) => this.log.warn({ err: error, sessionId }, 'Camera ingest socket error'));

    const token = tokenOf(req, url);
    const check = async () => {
      if (!token) throw new CommonError('UNAUTHENTICATED', 'Sign in to stream');
      const user = await this.tokens.verify(token);
      await this.ingest.authorizeCamera(user.id, sessionId);
    };
    check().then(
      () => {
        authorized = true;
        const first = early[0];
        if (first && !opening && !publish && !closed) void start(first);
      },
      (error: unknown) => close(...closeForError(error)),
    );
  }
}
