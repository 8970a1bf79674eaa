import { useCallback, useEffect, useReducer, useRef } from 'react';
import { api, ApiError, unwrap, type Schema } from '../api/client';
import { bootAnswer } from '../lib/boot';
import type {
  ChatMessage,
  Deal,
  JoinView,
  OrderConfirmed,
  PinnedProduct,
  ReactionCounts,
  RoomRole,
  SessionView,
} from './contract';
import { emitWithAck, getSocket } from './socket';

/** What a session page knows of its room, kept current by the socket's events. */
export interface RoomState {
  connected: boolean;
  joined: boolean;
  /** Why the join failed (SESSION_NOT_FOUND, BANNED, ...), if it did. */
  joinError?: ApiError;
  session?: SessionView;
  role: RoomRole;
  pins: PinnedProduct[];
  /** Live stock per product id (pins and deals), newest value pushed. */
  stock: Record<string, number>;
  viewers: number;
  messages: ChatMessage[];
  pinnedMessage: ChatMessage | null;
  slowModeSeconds: number;
  reactions: ReactionCounts | undefined;
  /** Reactions counted since the last flush (for the floating hearts). */
  lastReactionBurst: { at: number; counts: ReactionCounts } | undefined;
  /** Flash deals, newest first. */
  deals: Deal[];
  /** Purchases announced in the room, oldest first (at most 50 kept). */
  announcements: (OrderConfirmed & { at: string })[];
  /** Until when this viewer is muted (ISO), if muted. */
  mutedUntil: string | null;
  /** Set when this viewer was banned while watching. */
  banned: boolean;
}

const MAX_MESSAGES = 300;

const initial: RoomState = {
  connected: false,
  joined: false,
  role: 'viewer',
  pins: [],
  stock: {},
  viewers: 0,
  messages: [],
  pinnedMessage: null,
  slowModeSeconds: 0,
  reactions: undefined,
  lastReactionBurst: undefined,
  deals: [],
  announcements: [],
  mutedUntil: null,
  banned: false,
};

type Action =
  | { type: 'connected'; value: boolean }
  | { type: 'joined'; view: JoinView }
  | { type: 'join-failed'; error: ApiError }
  | { type: 'messages'; messages: ChatMessage[] }
  | { type: 'deleted'; messageId: string }
  | { type: 'reactions'; counts: ReactionCounts; totals: ReactionCounts }
  | { type: 'pinned-message'; message: ChatMessage | null }
  | { type: 'slow-mode'; seconds: number }
  | { type: 'muted'; until: string | null }
  | { type: 'banned' }
  | { type: 'pins'; pins: PinnedProduct[] }
  | { type: 'stock'; productId: string; stock: number }
  | { type: 'viewers'; viewers: number }
  | { type: 'session'; session: SessionView }
  | { type: 'deals'; deals: Deal[] }
  | { type: 'deal'; deal: Deal }
  | { type: 'announcement'; announcement: OrderConfirmed };

/** Adds messages by id (a reconnect's catch-up may repeat some), ordered by their per-session seq. */
function mergeMessages(current: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  if (incoming.length === 0) return current;
  const byId = new Map(current.map((message) => [message.id, message]));
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => a.seq - b.seq).slice(-MAX_MESSAGES);
}

function stockOf(pins: PinnedProduct[], stock: Record<string, number>): Record<string, number> {
  const next = { ...stock };
  for (const pin of pins) next[pin.productId] = pin.stock;
  return next;
}

export function roomReducer(state: RoomState, action: Action): RoomState {
  switch (action.type) {
    case 'connected':
      return { ...state, connected: action.value, joined: action.value ? state.joined : false };
    case 'joined':
      return {
        ...state,
        joined: true,
        joinError: undefined,
        session: action.view.session,
        role: action.view.role,
        pins: action.view.pins,
        stock: stockOf(action.view.pins, state.stock),
        viewers: action.view.viewers,
        messages: mergeMessages(state.messages, action.view.messages),
        pinnedMessage: action.view.pinnedMessage,
        slowModeSeconds: action.view.slowModeSeconds,
        reactions: action.view.reactions,
        // The caller's own mute comes with every join, so a reload still shows it.
        mutedUntil: action.view.mutedUntil ?? null,
      };
    case 'join-failed':
      return { ...state, joined: false, joinError: action.error, banned: action.error.code === 'BANNED' };
    case 'messages':
      return { ...state, messages: mergeMessages(state.messages, action.messages) };
    case 'deleted':
      return {
        ...state,
        messages: state.messages.filter((message) => message.id !== action.messageId),
        pinnedMessage: state.pinnedMessage?.id === action.messageId ? null : state.pinnedMessage,
      };
    case 'reactions':
      return {
        ...state,
        reactions: action.totals,
        lastReactionBurst: { at: Date.now(), counts: action.counts },
      };
    case 'pinned-message':
      return { ...state, pinnedMessage: action.message };
    case 'slow-mode':
      return { ...state, slowModeSeconds: action.seconds };
    case 'muted':
      return { ...state, mutedUntil: action.until };
    case 'banned':
      return { ...state, banned: true };
    case 'pins':
      return { ...state, pins: action.pins, stock: stockOf(action.pins, state.stock) };
    case 'stock':
      return {
        ...state,
        stock: { ...state.stock, [action.productId]: action.stock },
        pins: state.pins.map((pin) =>
          pin.productId === action.productId ? { ...pin, stock: action.stock } : pin,
        ),
      };
    case 'viewers':
      return { ...state, viewers: action.viewers };
    case 'session':
      return { ...state, session: action.session };
    case 'deals':
      return { ...state, deals: action.deals };
    case 'deal': {
      const others = state.deals.filter((deal) => deal.id !== action.deal.id);
      return {
        ...state,
        deals: [action.deal, ...others].sort((a, b) => b.opensAt.localeCompare(a.opensAt)),
      };
    }
    case 'announcement':
      return {
        ...state,
        announcements: [
          ...state.announcements,
          { ...action.announcement, at: new Date().toISOString() },
        ].slice(-50),
      };
  }
}

/**
 * The room before the join: the chat's latest lines from the page's shell when it has them (lib/boot.ts), so the
 * chat shows with the page's first render; the join then only catches up from the last of them.
 */
export function initialRoom(sessionId: string | undefined): RoomState {
  if (!sessionId) return initial;
  const history = bootAnswer<Schema<'HistoryResponse'>>(`/api/sessions/${sessionId}/messages`);
  const messages = history?.initialData.messages ?? [];
  return messages.length ? { ...initial, messages: mergeMessages([], messages) } : initial;
}

/**
 * Joins a session's room and keeps its state current: chat (with catch-up after a reconnect, by seq), reactions,
 * pins and their stock, viewers, the session's status, flash deals and purchase announcements. Leaves on unmount.
 */
export function useSessionRoom(sessionId: string | undefined) {
  const [state, dispatch] = useReducer(roomReducer, sessionId, initialRoom);
  const lastSeq = useRef<number | undefined>(undefined);
  lastSeq.current = state.messages.at(-1)?.seq;

  const loadDeals = useCallback(async () => {
    if (!sessionId) return;
    try {
      const deals = unwrap(
        await api.GET('/api/sessions/{id}/deals', { params: { path: { id: sessionId } } }),
      );
      dispatch({ type: 'deals', deals });
    } catch {
      // the banner waits for the next deal:update
    }
  }, [sessionId]);

  useEffect(() => {
    if (!sessionId) return;
    const socket = getSocket();
    const mine =
      <T extends { sessionId: string }>(handler: (event: T) => void) =>
      (event: T) => {
        if (event.sessionId === sessionId) handler(event);
      };

    const join = async () => {
      dispatch({ type: 'connected', value: true });
      try {
        const view = await emitWithAck('session:join', {
          sessionId,
          ...(lastSeq.current !== undefined ? { sinceSeq: lastSeq.current } : {}),
        });
        dispatch({ type: 'joined', view });
      } catch (error) {
        dispatch({
          type: 'join-failed',
          error: error instanceof ApiError ? error : new ApiError(0, 'NETWORK_ERROR', ''),
        });
      }
      void loadDeals();
    };
    const onDisconnect = () => dispatch({ type: 'connected', value: false });
    const onMessage = mine((message: ChatMessage) => dispatch({ type: 'messages', messages: [message] }));
    const onDeleted = mine((event: { sessionId: string; messageId: string }) =>
      dispatch({ type: 'deleted', messageId: event.messageId }),
    );
    const onReactions = mine((event: { sessionId: string; counts: ReactionCounts; totals: ReactionCounts }) =>
      dispatch({ type: 'reactions', counts: event.counts, totals: event.totals }),
    );
    const onPinnedMessage = mine((event: { sessionId: string; message: ChatMessage | null }) =>
      dispatch({ type: 'pinned-message', message: event.message }),
    );
    const onSlowMode = mine((event: { sessionId: string; seconds: number }) =>
      dispatch({ type: 'slow-mode', seconds: event.seconds }),
    );
    const onMuted = mine((event: { sessionId: string; userId: string; until: string | null }) =>
      dispatch({ type: 'muted', until: event.until }),
    );
    const onBanned = mine(() => dispatch({ type: 'banned' }));
    const onPins = mine((event: { sessionId: string; pins: PinnedProduct[] }) =>
      dispatch({ type: 'pins', pins: event.pins }),
    );
    const onStock = mine((event: { sessionId: string; productId: string; stock: number }) =>
      dispatch({ type: 'stock', productId: event.productId, stock: event.stock }),
    );
    const onPresence = mine((event: { sessionId: string; viewers: number }) =>
      dispatch({ type: 'viewers', viewers: event.viewers }),
    );
    const onSession = (session: SessionView) => {
      if (session.id === sessionId) dispatch({ type: 'session', session });
    };
    const onDeal = mine((deal: Deal) => dispatch({ type: 'deal', deal }));
    const onAnnouncement = mine((announcement: OrderConfirmed) =>
      dispatch({ type: 'announcement', announcement }),
    );

    socket.on('connect', join);
    socket.on('disconnect', onDisconnect);
    socket.on('chat:message', onMessage);
    socket.on('chat:deleted', onDeleted);
    socket.on('chat:reactions', onReactions);
    socket.on('chat:pinned', onPinnedMessage);
    socket.on('chat:slow-mode', onSlowMode);
    socket.on('chat:muted', onMuted);
    socket.on('chat:banned', onBanned);
    socket.on('pins:update', onPins);
    socket.on('pins:stock', onStock);
    socket.on('presence:update', onPresence);
    socket.on('session:state', onSession);
    socket.on('deal:update', onDeal);
    socket.on('order:confirmed', onAnnouncement);
    if (socket.connected) void join();
    else socket.connect();

    return () => {
      socket.off('connect', join);
      socket.off('disconnect', onDisconnect);
      socket.off('chat:message', onMessage);
      socket.off('chat:deleted', onDeleted);
      socket.off('chat:reactions', onReactions);
      socket.off('chat:pinned', onPinnedMessage);
      socket.off('chat:slow-mode', onSlowMode);
      socket.off('chat:muted', onMuted);
      socket.off('chat:banned', onBanned);
      socket.off('pins:update', onPins);
      socket.off('pins:stock', onStock);
      socket.off('presence:update', onPresence);
      socket.off('session:state', onSession);
      socket.off('deal:update', onDeal);
      socket.off('order:confirmed', onAnnouncement);
      if (socket.connected) void emitWithAck('session:leave', { sessionId }).catch(() => undefined);
    };
  }, [sessionId, loadDeals]);

  const send = useCallback(
    async (text: string) => {
      if (!sessionId) return;
      // One id per message: when the answer is lost (a flaky phone link, a busy server), the retry carries the same
      // id and the server, which remembers it, does not post the message twice.
      const payload = { sessionId, text, clientId: crypto.randomUUID() };
      let message: ChatMessage;
      try {
        message = await emitWithAck('chat:send', payload);
      } catch (error) {
        if (!(error instanceof ApiError) || error.code !== 'NETWORK_ERROR') throw error;
        message = await emitWithAck('chat:send', payload, 15_000);
      }
      dispatch({ type: 'messages', messages: [message] });
    },
    [sessionId],
  );

  return { state, send };
}
