import type { Schema } from '../api/client';

// The socket.io events the web app uses. Payloads that the REST api also returns are the OpenAPI schemas
// themselves; the rest mirror the event maps declared by the api's contexts (libs/*/src/*.events.ts).

export type SessionView = Schema<'SessionResponse'>;
export type PinnedProduct = Schema<'PinnedProductResponse'>;
export type Deal = Schema<'DealResponse'>;
export type ChatMessage = Schema<'ChatMessageResponse'>;

export const REACTION_KINDS = ['heart', 'like', 'wow', 'haha', 'clap'] as const;
export type ReactionKind = (typeof REACTION_KINDS)[number];
export type ReactionCounts = Record<ReactionKind, number>;
export type RoomRole = 'host' | 'cohost' | 'moderator' | 'viewer';

export interface JoinView {
  session: SessionView;
  pins: PinnedProduct[];
  viewers: number;
  messages: ChatMessage[];
  pinnedMessage: ChatMessage | null;
  slowModeSeconds: number;
  reactions: ReactionCounts;
  role: RoomRole;
  /** When the caller's own mute ends (ISO), or null. */
  mutedUntil: string | null;
}

/** Sales figures (same as the REST FiguresResponse). */
export type Figures = Schema<'FiguresResponse'>;

export interface OrderConfirmed {
  sessionId: string;
  orderId: string;
  buyerName: string;
  ward: string;
  lines: { productId: string; productName: string; quantity: number }[];
}

export type DashboardTotals =
  | {
      scope: 'branch';
      branchId: string;
      day: string;
      from: string;
      to: string;
      today: { own: Figures; subtree: Figures };
      period: { own: Figures; subtree: Figures };
      at: string;
    }
  | { scope: 'farmer'; day: string; from: string; to: string; today: Figures; period: Figures; at: string };

/** An acknowledgement: `{ ok: true, data }` or `{ ok: false, error: { code, message } }`. */
export type Ack<T> =
  | { ok: true; data: T }
  | { ok: false; code: string; message: string; details?: Record<string, unknown> };

export interface ServerToClientEvents {
  'chat:message': (message: ChatMessage) => void;
  'chat:deleted': (event: { sessionId: string; messageId: string }) => void;
  'chat:reactions': (event: { sessionId: string; counts: ReactionCounts; totals: ReactionCounts }) => void;
  'chat:pinned': (event: { sessionId: string; message: ChatMessage | null }) => void;
  'chat:slow-mode': (event: { sessionId: string; seconds: number }) => void;
  'chat:muted': (event: { sessionId: string; userId: string; until: string | null }) => void;
  'chat:banned': (event: { sessionId: string; reason: string | null }) => void;
  'pins:update': (event: { sessionId: string; pins: PinnedProduct[] }) => void;
  'pins:stock': (event: { sessionId: string; productId: string; stock: number }) => void;
  'presence:update': (event: { sessionId: string; viewers: number }) => void;
  'session:state': (session: SessionView) => void;
  'deal:update': (deal: Deal) => void;
  'order:confirmed': (event: OrderConfirmed) => void;
  'dashboard:totals': (totals: DashboardTotals) => void;
  /** A campaign's coverage moved (throttled per room): refetch it. */
  'campaign:changed': (event: { campaignId: string; at: string }) => void;
  notification: (notification: Schema<'NotificationResponse'>) => void;
  /** This user's access was revoked (signed out everywhere, roles changed); the server closes the socket next. */
  'auth:revoked': (event: { reason: 'signed_out_everywhere' | 'access_changed' }) => void;
}

export interface ClientToServerEvents {
  'session:join': (
    payload: { sessionId: string; sinceSeq?: number },
    ack: (a: Ack<JoinView>) => void,
  ) => void;
  'session:leave': (payload: { sessionId: string }, ack: (a: Ack<{ left: boolean }>) => void) => void;
  'chat:send': (
    payload: { sessionId: string; text: string; clientId?: string },
    ack: (a: Ack<ChatMessage>) => void,
  ) => void;
  'chat:history': (
    payload: { sessionId: string; sinceSeq?: number; beforeSeq?: number; limit?: number },
    ack: (a: Ack<{ messages: ChatMessage[]; hasMore: boolean }>) => void,
  ) => void;
  'chat:react': (
    payload: { sessionId: string; kind: ReactionKind },
    ack: (a: Ack<{ accepted: true }>) => void,
  ) => void;
  'chat:delete': (
    payload: { sessionId: string; messageId: string },
    ack: (a: Ack<{ messageId: string }>) => void,
  ) => void;
  'chat:mute': (
    payload: { sessionId: string; userId: string; seconds: number },
    ack: (a: Ack<{ userId: string; until: string }>) => void,
  ) => void;
  'chat:unmute': (
    payload: { sessionId: string; userId: string },
    ack: (a: Ack<{ userId: string }>) => void,
  ) => void;
  'chat:ban': (
    payload: { sessionId: string; userId: string; reason?: string; removeRecentMinutes?: number },
    ack: (a: Ack<{ userId: string; removedMessageIds: string[] }>) => void,
  ) => void;
  'chat:unban': (
    payload: { sessionId: string; userId: string },
    ack: (a: Ack<{ userId: string }>) => void,
  ) => void;
  'chat:pin': (
    payload: { sessionId: string; messageId: string | null },
    ack: (a: Ack<{ message: ChatMessage | null }>) => void,
  ) => void;
  'chat:slow-mode': (
    payload: { sessionId: string; seconds: number },
    ack: (a: Ack<{ seconds: number }>) => void,
  ) => void;
  'dashboard:join': (
    payload: { scope: 'branch'; branchId: string } | { scope: 'farmer' },
    ack: (a: Ack<{ room: string; totals: DashboardTotals }>) => void,
  ) => void;
  'dashboard:leave': (
    payload: { scope: 'branch'; branchId: string } | { scope: 'farmer' },
    ack: (a: Ack<{ left: boolean }>) => void,
  ) => void;
  'campaign:join': (payload: { campaignId: string }, ack: (a: Ack<{ room: string }>) => void) => void;
  'campaign:leave': (payload: { campaignId: string }, ack: (a: Ack<{ left: boolean }>) => void) => void;
}
