// Types for the parts of node-media-server 4.x (plain JavaScript) that the RTMP ingest uses: its RTMP listener, the
// shared context with its event emitter and live broadcasts, and the session base class for an in-process subscriber.

declare module 'node-media-server/src/core/context.js' {
  namespace Context {
    interface NmsSession {
      id: string;
      ip: string;
      protocol: string;
      isPublisher: boolean;
      streamApp: string;
      streamName: string;
      streamPath: string;
      videoCodec: number | string;
      audioCodec: number | string;
      inBytes: number;
      sendBuffer: (buffer: Buffer) => void;
      close: () => void;
    }

    interface NmsBroadcast {
      publisher: NmsSession | null;
      publishGraceMs: number;
      postPlay: (session: NmsSession) => string | null;
      donePlay: (session: NmsSession) => void;
    }

    interface NmsRtmpSession extends NmsSession {
      socket: import('node:net').Socket;
      broadcast: NmsBroadcast;
    }
  }

  const Context: {
    config: { bind?: string; rtmp?: { port?: number } };
    sessions: Map<string, Context.NmsSession>;
    broadcasts: Map<string, Context.NmsBroadcast>;
    eventEmitter: import('node:events').EventEmitter;
  };
  export = Context;
}

declare module 'node-media-server/src/server/rtmp_server.js' {
  class NodeRtmpServer {
    tcpServer?: import('node:net').Server;
    run(): void;
    stop(): void;
  }
  export = NodeRtmpServer;
}

declare module 'node-media-server/src/session/base_session.js' {
  import Context from 'node-media-server/src/core/context.js';
  /** The base of every session (the fields of NmsSession); constructed bare, it is an in-process subscriber. */
  const BaseSession: new () => Context.NmsSession;
  export = BaseSession;
}

declare module 'node-media-server/src/core/logger.js' {
  const logger: { level: string };
  export = logger;
}
