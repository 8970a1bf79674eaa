import { useEffect, useLayoutEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { ApiError } from '../../api/client';
import { useAuth } from '../../auth/AuthProvider';
import { formatNumber, formatTime } from '../../lib/format';
import { emitWithAck } from '../../realtime/socket';
import type { RoomState } from '../../realtime/useSessionRoom';
import { useErrorMessage } from '../../ui/components';

type Entry =
  | { kind: 'message'; at: number; message: RoomState['messages'][number] }
  | { kind: 'announcement'; at: number; key: string; announcement: RoomState['announcements'][number] };

function prefersReducedMotion(): boolean {
  return (
    typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true
  );
}

/** The room's chat: messages and purchase announcements by time, the send box, hearts. */
export function ChatPanel({
  sessionId,
  state,
  send,
  chatOpen,
  replay = false,
}: {
  sessionId: string;
  state: RoomState;
  send: (text: string) => Promise<void>;
  chatOpen: boolean;
  /** The messages are a replay's, shown in step with the video. */
  replay?: boolean;
}) {
  const { t, i18n } = useTranslation('shop');
  const { signedIn } = useAuth();
  const location = useLocation();
  const errorMessage = useErrorMessage();
  const listRef = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [notice, setNotice] = useState<string>();

  const entries = useMemo<Entry[]>(() => {
    const items: Entry[] = [
      ...state.messages.map((message) => ({
        kind: 'message' as const,
        at: Date.parse(message.createdAt),
        message,
      })),
      ...state.announcements.map((announcement, index) => ({
        kind: 'announcement' as const,
        at: Date.parse(announcement.at),
        key: `${announcement.orderId}-${index}`,
        announcement,
      })),
    ];
    return items.sort((a, b) => a.at - b.at);
  }, [state.messages, state.announcements]);

  // Follow the newest entry unless the viewer scrolled up to read.
  useLayoutEffect(() => {
    const list = listRef.current;
    if (list && stickToBottom.current) list.scrollTop = list.scrollHeight;
  }, [entries]);

  function describe(error: unknown): string {
    if (error instanceof ApiError) {
      const details = (error.details ?? {}) as Record<string, unknown>;
      if (error.code === 'SLOW_MODE' && typeof details['retryAfterSeconds'] === 'number') {
        return t('chat.slowModeWait', { count: details['retryAfterSeconds'] });
      }
      if (error.code === 'MUTED' && typeof details['until'] === 'string') {
        return t('chat.mutedUntil', { time: formatTime(details['until'], i18n.language) });
      }
    }
    return errorMessage(error);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const value = text.trim();
    if (!value || sending) return;
    setSending(true);
    setNotice(undefined);
    try {
      await send(value);
      setText('');
      stickToBottom.current = true;
    } catch (error) {
      setNotice(describe(error));
    } finally {
      setSending(false);
    }
  }

  async function heart() {
    try {
      await emitWithAck('chat:react', { sessionId, kind: 'heart' });
    } catch (error) {
      setNotice(describe(error));
    }
  }

  const mutedNow = state.mutedUntil !== null && Date.parse(state.mutedUntil) > Date.now();
  const signInHref = `/sign-in?next=${encodeURIComponent(location.pathname)}`;

  return (
    <section className="chat card" aria-labelledby="chat-title">
      <div className="spread chat-head">
        <h2 id="chat-title">{t('chat.title')}</h2>
        {state.slowModeSeconds > 0 && (
          <span className="badge warn small">{t('chat.slowMode', { count: state.slowModeSeconds })}</span>
        )}
      </div>
      {replay && <p className="small muted">{t('chat.replayNote')}</p>}
      {state.pinnedMessage && (
        <p className="chat-pinned small">
          <strong>{t('chat.pinned')}</strong> {state.pinnedMessage.displayName}: {state.pinnedMessage.text}
        </p>
      )}
      <div className="chat-body">
        <div
          ref={listRef}
          className="chat-list"
          data-testid="chat-list"
          role="log"
          aria-live="polite"
          aria-label={t('chat.listLabel')}
          tabIndex={0}
          onScroll={(event) => {
            const list = event.currentTarget;
            stickToBottom.current = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
          }}
        >
          <ol>
            {entries.length === 0 && <li className="muted small chat-empty">{t('chat.empty')}</li>}
            {entries.map((entry) =>
              entry.kind === 'message' ? (
                <li
                  key={entry.message.id}
                  className="chat-message"
                  data-testid="chat-message"
                  data-user-id={entry.message.userId}
                  data-seq={entry.message.seq}
                >
                  <strong>{entry.message.displayName}</strong> <span>{entry.message.text}</span>
                </li>
              ) : (
                <li key={entry.key} className="chat-announcement" data-testid="chat-announcement">
                  <span aria-hidden="true">🛍️ </span>
                  {t('chat.announcement', {
                    name: entry.announcement.buyerName,
                    ward: entry.announcement.ward,
                    items: entry.announcement.lines.map((l) => `${l.quantity} × ${l.productName}`).join(', '),
                  })}
                </li>
              ),
            )}
          </ol>
        </div>
        <FloatingHearts burst={state.lastReactionBurst} />
      </div>
      {notice && (
        <p className="chat-notice small" data-testid="chat-notice" role="alert">
          {notice}
        </p>
      )}
      {state.banned ? (
        <p className="chat-notice alert" data-testid="chat-notice" role="status">
          {t('chat.banned')}
        </p>
      ) : (
        <form className="chat-form" onSubmit={submit}>
          <label htmlFor="chat-input" className="visually-hidden">
            {t('chat.inputLabel')}
          </label>
          <input
            id="chat-input"
            data-testid="chat-input"
            value={text}
            maxLength={500}
            autoComplete="off"
            enterKeyHint="send"
            placeholder={
              !signedIn
                ? t('chat.signInToChat')
                : !chatOpen
                  ? t('chat.closed')
                  : mutedNow
                    ? t('chat.muted')
                    : t('chat.placeholder')
            }
            disabled={!signedIn || !chatOpen || mutedNow}
            onChange={(event) => setText(event.target.value)}
          />
          <button
            type="submit"
            className="btn small"
            data-testid="chat-send"
            disabled={!signedIn || !chatOpen || mutedNow || sending || text.trim() === ''}
          >
            {t('chat.send')}
          </button>
          <button
            type="button"
            className="btn small secondary heart-button"
            data-testid="heart-button"
            disabled={!signedIn || !chatOpen}
            onClick={() => void heart()}
          >
            {/* The name read out holds the visible count too ("Thả tim 12"), as WCAG 2.5.3 asks. */}
            <span aria-hidden="true">♥</span>
            <span className="visually-hidden">{t('chat.heart')} </span>
            <span className="heart-total">{formatNumber(state.reactions?.heart ?? 0)}</span>
          </button>
        </form>
      )}
      {!signedIn && !state.banned && (
        <p className="small">
          <Link to={signInHref}>{t('chat.signInLink')}</Link> {t('chat.signInWhy')}
        </p>
      )}
      {mutedNow && !state.banned && state.mutedUntil && (
        <p className="chat-notice small" data-testid="chat-notice" role="status">
          {t('chat.mutedUntil', { time: formatTime(state.mutedUntil, i18n.language) })}
        </p>
      )}
    </section>
  );
}

interface FloatingHeart {
  id: number;
  left: number;
  delay: number;
}

/** Hearts float up when the room sends some (none when the viewer prefers reduced motion). */
function FloatingHearts({ burst }: { burst: RoomState['lastReactionBurst'] }) {
  const [hearts, setHearts] = useState<FloatingHeart[]>([]);
  const nextId = useRef(0);
  const timers = useRef(new Set<number>());
  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((timer) => window.clearTimeout(timer));
  }, []);
  useEffect(() => {
    if (!burst || burst.counts.heart <= 0 || prefersReducedMotion()) return;
    const count = Math.min(8, burst.counts.heart);
    const added = Array.from({ length: count }, (_, i) => ({
      id: nextId.current++,
      left: 10 + Math.random() * 70,
      delay: i * 120,
    }));
    // Adding hearts is the effect of a burst arriving from the socket; each removes itself after its flight.
    setHearts((current) => [...current, ...added].slice(-24));
    const ids = new Set(added.map((h) => h.id));
    const timer = window.setTimeout(() => {
      timers.current.delete(timer);
      setHearts((current) => current.filter((h) => !ids.has(h.id)));
    }, 2600);
    timers.current.add(timer);
  }, [burst]);
  return (
    <div className="hearts" aria-hidden="true">
      {hearts.map((h) => (
        <span
          key={h.id}
          className="floating-heart"
          style={{ left: `${h.left}%`, animationDelay: `${h.delay}ms` }}
        >
          ♥
        </span>
      ))}
    </div>
  );
}
