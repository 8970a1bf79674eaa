import type { DealView, PinnedProductCard, SessionView, UserNotification } from './application/views';

/** Server-to-client events of the live context (socket.io), added to the platform's typed event map. */
export interface PinsUpdate {
  sessionId: string;
  pins: PinnedProductCard[];
}

export interface PinsStock {
  sessionId: string;
  productId: string;
  stock: number;
}

export interface PresenceUpdate {
  sessionId: string;
  viewers: number;
}

declare module '@ocop/realtime' {
  interface ServerToClientEvents {
    /** The pinned products of the session changed (to rooms.session). */
    'pins:update': (p: PinsUpdate) => void;
    /** The stock of a pinned product changed (to rooms.session), within a second of the change. */
    'pins:stock': (p: PinsStock) => void;
    /** The number of viewers changed (to rooms.session), at most about twice a second per api replica. */
    'presence:update': (p: PresenceUpdate) => void;
    /** The session went live, ended, was cancelled or edited (to rooms.session). */
    'session:state': (s: SessionView) => void;
    /**
     * A flash deal started, opened, ended, or its remaining quantity changed (to rooms.session). Units taken and
     * returned are throttled to about 4 updates a second per deal, the last value always sent.
     */
    'deal:update': (d: DealView) => void;
    /** A stored notification for this user (to rooms.user). */
    notification: (n: UserNotification) => void;
  }
}

/** A session went live (written in the transaction of the go-live): the worker tells the host's followers. */
export interface SessionStartedPayload {
  sessionId: string;
  hostUserId: string;
  startedAt: string;
}

/**
 * A session was scheduled, edited (its time, lineup or details), cancelled, went live or ended: written in the
 * transaction of the change, for whoever keeps figures over sessions (a campaign's coverage counts scheduled and
 * streamed products).
 */
export interface SessionChangedPayload {
  sessionId: string;
  change: 'scheduled' | 'edited' | 'cancelled' | 'live' | 'ended';
  status: string;
}

declare module '@ocop/db' {
  interface OutboxTopics {
    'live.session-started': SessionStartedPayload;
    'live.session-changed': SessionChangedPayload;
  }
}
