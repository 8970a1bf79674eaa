import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { DomainError } from '@ocop/kernel';
import { LiveError, parseStreamKey, StreamIngestService } from '@ocop/live';
import Context from 'node-media-server/src/core/context.js';
import nmsLogger from 'node-media-server/src/core/logger.js';
import NodeRtmpServer from 'node-media-server/src/server/rtmp_server.js';
import BaseSession from 'node-media-server/src/session/base_session.js';
import { IngestInput } from '../hls/ffmpeg-args';
import { Publish, StreamSupervisor } from './stream-supervisor';

type NmsRtmpSession = Context.NmsRtmpSession;

/** The RTMP application name publishers use: rtmp://host:1935/live/<stream key>. */
export const RTMP_APP = 'live';
/** How long to wait for a publisher's onMetaData (its codecs) before packaging without it. */
const METADATA_WAIT_MS = 2_000;

/**
 * RTMP ingest through node-media-server: OBS or a phone app publishes to rtmp://host:1935/live/<stream key>. The key
 * is checked against the live context; an accepted publisher's FLV is fed to ffmpeg by an in-process subscriber, so
 * the stream never leaves the process on its way to the packager.
 */
@Injectable()
export class RtmpIngest implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(RtmpIngest.name);
  private server: NodeRtmpServer | null = null;

  constructor(
    private readonly ingest: StreamIngestService,
    private readonly supervisor: StreamSupervisor,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    // node-media-server logs stream paths (which hold keys) at info: only its errors are kept.
    nmsLogger.level = 'error';
    Context.config = { bind: this.config.MEDIA_HOST, rtmp: { port: this.config.MEDIA_RTMP_PORT } };
    Context.eventEmitter.on('postPublish', this.onPublish);
    this.server = new NodeRtmpServer();
    this.server.run();
    const tcp = this.server.tcpServer;
    return new Promise((resolve, reject) => {
      if (!tcp || tcp.listening) return resolve();
      tcp.once('listening', () => resolve());
      tcp.once('error', reject);
    });
  }

  onApplicationShutdown(): void {
    Context.eventEmitter.off('postPublish', this.onPublish);
    this.server?.stop();
  }

  private readonly onPublish = (session: NmsRtmpSession): void => {
    // Our own grace period decides when a dropped stream ends the show; node-media-server must let go at once.
    session.broadcast.publishGraceMs = 0;
    void this.accept(session);
  };

  private async accept(session: NmsRtmpSession): Promise<void> {
    const parsed = session.streamApp === RTMP_APP ? parseStreamKey(session.streamName) : null;
    let sessionId: string;
    try {
      if (!parsed) throw new LiveError('STREAM_KEY_INVALID', 'This stream key is not valid');
      sessionId = await this.ingest.authorizeKey(session.streamName);
    } catch (error) {
      this.refuse(session, error);
      return;
    }
    if (session.socket.destroyed) return;
    await this.metadata(session);
    const input: IngestInput = {
      container: 'flv',
      videoCodec: session.videoCodec,
      audioCodec: session.audioCodec,
    };
    let publish: Publish;
    try {
      publish = await this.supervisor.open({
        sessionId,
        secret: parsed.secret,
        input,
        disconnect: () => session.close(),
      });
    } catch (error) {
      this.refuse(session, error);
      return;
    }

    const subscriber = new BaseSession();
    subscriber.protocol = 'flv';
    subscriber.streamApp = session.streamApp;
    subscriber.streamName = session.streamName;
    subscriber.streamPath = session.streamPath;
    subscriber.sendBuffer = (buffer: Buffer) => publish.write(buffer);
    const stop = () => {
      session.broadcast.donePlay(subscriber);
      void publish.stop('publisher_left');
    };
    if (session.socket.destroyed) return stop();
    session.socket.once('close', stop);
    session.broadcast.postPlay(subscriber);
  }

  /** OBS sends its codecs (onMetaData) right after publishing; they decide between copying and transcoding. */
  private async metadata(session: NmsRtmpSession): Promise<void> {
    const deadline = Date.now() + METADATA_WAIT_MS;
    while (!session.videoCodec && Date.now() < deadline && !session.socket.destroyed) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private refuse(session: NmsRtmpSession, error: unknown): void {
    const code = error instanceof DomainError ? error.code : 'INTERNAL';
    if (!(error instanceof DomainError)) this.log.error({ err: error }, 'Could not accept an RTMP publisher');
    this.log.warn({ code, ip: session.ip }, 'RTMP publish refused');
    session.close();
  }
}
