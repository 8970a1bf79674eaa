import { useLayoutEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { ApiError } from '../../api/client';
import { useAuth } from '../../auth/AuthProvider';
import { formatNumber, formatTime } from '../../lib/format';
import { emitWithAck } from '../../realtime/socket';
import type { RoomState } from '../../realtime/useSessionRoom';
import { useErrorMessage } from '../../ui/components';
import { FloatingHearts } from './room/Hearts';
import { HeartIcon, SendIcon } from './room/icons';
import { chatWindow } from './room/room-logic';

/**
 * The room's chat over the lower left of the video: the last lines (newest at the bottom, older ones fading out),
 * viewers' names in bold, purchase lines mixed in; then the bottom bar within thumb reach: `leading` (the bag),
 * the pill-shaped input, send, hearts, and `trailing` (share).
 */
export function ChatPanel({
  sessionId,
  state,
  send,
  chatOpen,
  replay = false,
  leading,
  trailing,
}: {
  sessionId: string;
  state: RoomState;
  send: (text: string) => Promise<void>;
  chatOpen: boolean;
  /** The messages are a replay's, shown in step with the video. */
  replay?: boolean;
  leading?: React.ReactNode;
  trailing?: React.ReactNode;
}) {
  const { t, i18n } = useTranslation('shop');
  const { t: tr } = useTranslation('room');
  const { t: tm } = useTranslation('moderation');
  const { signedIn } = useAuth();
  const location = useLocation();
  const errorMessage = useErrorMessage();
  const listRef = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [notice, setNotice] = useState<string>();
  const [taps, setTaps] = useState(0);

  const entries = useMemo(
    () => chatWindow(state.messages, state.announcements),
    [state.messages, state.announcements],
  );

  // Follow the newest line unless the viewer scrolled up to read.
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
    setTaps((n) => n + 1);
    try {
      await emitWithAck('chat:react', { sessionId, kind: 'heart' });
    } catch (error) {
      setNotice(describe(error));
    }
  }

  const mutedNow = state.mutedUntil !== null && Date.parse(state.mutedUntil) > Date.now();
  const signInHref = `/sign-in?next=${encodeURIComponent(location.pathname)}`;
  const canType = signedIn && chatOpen && !mutedNow;

  return (
    <section className="room-chat" aria-labelledby="chat-title">
      <h2 id="chat-title" className="visually-hidden">
        {t('chat.title')}
      </h2>
      <FloatingHearts burst={state.lastReactionBurst} taps={taps} />
      {(state.slowModeSeconds > 0 || replay || state.pinnedMessage) && (
        <div className="room-chat-notes">
          {state.slowModeSeconds > 0 && (
            <p className="room-note">{t('chat.slowMode', { count: state.slowModeSeconds })}</p>
          )}
          {replay && <p className="room-note">{t('chat.replayNote')}</p>}
          {state.pinnedMessage && (
            <p className="room-note chat-pinned">
              <strong>{t('chat.pinned')}</strong> {state.pinnedMessage.displayName}: {state.pinnedMessage.text}
            </p>
          )}
        </div>
      )}
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
          {entries.length === 0 && <li className="chat-line chat-empty">{t('chat.empty')}</li>}
          {entries.map((entry) =>
            entry.kind === 'message' ? (
              <li
                key={entry.key}
                className="chat-line chat-message"
                data-testid="chat-message"
                data-user-id={entry.message.userId}
                data-seq={entry.message.seq}
              >
                <strong>{entry.message.displayName}</strong> <span>{entry.message.text}</span>
              </li>
            ) : (
              <li key={entry.key} className="chat-line chat-announcement" data-testid="chat-announcement">
                {tr('chat.bought', {
                  name: entry.announcement.buyerName,
                  items: entry.announcement.lines.map((l) => `${l.quantity} × ${l.productName}`).join(', '),
                })}
              </li>
            ),
          )}
        </ol>
      </div>
      {notice && (
        <p className="room-note chat-notice" data-testid="chat-notice" role="alert">
          {notice}
        </p>
      )}
      {mutedNow && !state.banned && state.mutedUntil && (
        <p className="room-note chat-notice" data-testid="chat-notice" role="status">
          {t('chat.mutedUntil', { time: formatTime(state.mutedUntil, i18n.language) })}
        </p>
      )}
      {state.banned && (
        <p className="room-note chat-notice" data-testid="chat-notice" role="status">
          {t('chat.banned')}
        </p>
      )}
      <form className="room-bar chat-form" onSubmit={submit}>
        {leading}
        {state.banned ? null : !signedIn ? (
          <Link to={signInHref} className="room-input room-input-link" data-testid="chat-sign-in">
            {t('chat.signInToChat')}
          </Link>
        ) : (
          <>
            <label htmlFor="chat-input" className="visually-hidden">
              {t('chat.inputLabel')}
            </label>
            <input
              id="chat-input"
              className="room-input"
              data-testid="chat-input"
              value={text}
              maxLength={500}
              autoComplete="off"
              enterKeyHint="send"
              placeholder={
                !chatOpen
                  ? t('chat.closed')
                  : mutedNow && state.mutedUntil
                    ? tm('mute.inputUntil', { time: formatTime(state.mutedUntil, i18n.language) })
                    : tr('bar.placeholder')
              }
              disabled={!canType}
              onChange={(event) => setText(event.target.value)}
            />
            {text.trim() !== '' && (
              <button
                type="submit"
                className="room-round room-send"
                data-testid="chat-send"
                disabled={!canType || sending}
                aria-label={t('chat.send')}
              >
                <SendIcon />
              </button>
            )}
          </>
        )}
        {signedIn && !state.banned && chatOpen && (
          <button
            type="button"
            className="room-round heart-button"
            data-testid="heart-button"
            onClick={() => void heart()}
          >
            <HeartIcon />
            {/* The name read out holds the visible count too ("Thả tim 12"), as WCAG 2.5.3 asks. */}
            <span className="visually-hidden">{t('chat.heart')} </span>
            <span className="heart-total">{formatNumber(state.reactions?.heart ?? 0)}</span>
          </button>
        )}
        {trailing}
      </form>
    </section>
  );
}
