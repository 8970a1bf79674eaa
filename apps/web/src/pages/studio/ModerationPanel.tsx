import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { formatDateTime, formatTime } from '../../lib/format';
import type { ChatMessage } from '../../realtime/contract';
import { emitWithAck } from '../../realtime/socket';
import { Empty, ErrorBox, Field, Spinner, useErrorMessage } from '../../ui/components';
import { ConfirmDialog } from './ConfirmDialog';
import './moderation.css';
import { studioKeys, type SessionDetail } from './studio-api';
import { currentlyBanned } from './studio-logic';
import { CloseIcon, PinIcon } from '../../ui/icons';

const MUTE_MINUTES = [1, 5, 10, 30, 60];
const SLOW_MODES = [0, 5, 10, 30, 60];
/** How far back a ban's "remove their recent messages" reaches. */
const BAN_REMOVE_RECENT_MINUTES = 10;

type Action = { kind: 'mute' | 'ban'; message: ChatMessage };

/** Shows what a socket moderation action answered: done, or the api's coded refusal. */
function useFeedback() {
  const errorMessage = useErrorMessage();
  const [feedback, setFeedback] = useState<{ ok: boolean; text: string } | undefined>();
  return {
    feedback,
    run: async (action: () => Promise<unknown>, done: string) => {
      try {
        await action();
        setFeedback({ ok: true, text: done });
        return true;
      } catch (error) {
        setFeedback({ ok: false, text: errorMessage(error) });
        return false;
      }
    },
  };
}

/** The live chat with per-message actions: delete, mute, ban, pin; slow mode; send as the host. */
export function ChatModeration({
  sessionId,
  messages,
  pinnedMessage,
  slowModeSeconds,
  protectedUserIds,
  onSend,
  chatOpen,
}: {
  sessionId: string;
  messages: ChatMessage[];
  pinnedMessage: ChatMessage | null;
  slowModeSeconds: number;
  protectedUserIds: string[];
  onSend: (text: string) => Promise<void>;
  chatOpen: boolean;
}) {
  const { t, i18n } = useTranslation('studio');
  const { t: tm } = useTranslation('moderation');
  const queryClient = useQueryClient();
  const formId = useId();
  const { feedback, run } = useFeedback();
  const [action, setAction] = useState<Action | undefined>();
  const [minutes, setMinutes] = useState(5);
  const [reason, setReason] = useState('');
  const [removeRecent, setRemoveRecent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [text, setText] = useState('');
  const list = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);

  useEffect(() => {
    const element = list.current;
    if (element && stickToBottom.current) element.scrollTop = element.scrollHeight;
  }, [messages.length]);

  const afterModeration = () =>
    void queryClient.invalidateQueries({ queryKey: studioKeys.moderationLog(sessionId) });

  const remove = (message: ChatMessage) =>
    void run(() => emitWithAck('chat:delete', { sessionId, messageId: message.id }), t('chat.deleted')).then(
      afterModeration,
    );
  const pin = (message: ChatMessage | null) =>
    void run(
      () => emitWithAck('chat:pin', { sessionId, messageId: message?.id ?? null }),
      message ? t('chat.pinnedDone') : t('chat.unpinnedDone'),
    ).then(afterModeration);
  const confirmAction = async () => {
    if (!action) return;
    setBusy(true);
    const { message } = action;
    const ok =
      action.kind === 'mute'
        ? await run(
            () => emitWithAck('chat:mute', { sessionId, userId: message.userId, seconds: minutes * 60 }),
            t('chat.mutedDone', { name: message.displayName, minutes }),
          )
        : await run(
            () =>
              emitWithAck('chat:ban', {
                sessionId,
                userId: message.userId,
                ...(reason.trim() ? { reason: reason.trim() } : {}),
                ...(removeRecent ? { removeRecentMinutes: BAN_REMOVE_RECENT_MINUTES } : {}),
              }),
            t('chat.bannedDone', { name: message.displayName }),
          );
    setBusy(false);
    if (ok) {
      setAction(undefined);
      setReason('');
      afterModeration();
    }
  };
  const setSlowMode = (seconds: number) =>
    void run(
      () => emitWithAck('chat:slow-mode', { sessionId, seconds }),
      seconds === 0 ? t('chat.slowOff') : t('chat.slowOn', { seconds }),
    ).then(afterModeration);
  const send = (event: FormEvent) => {
    event.preventDefault();
    const value = text.trim();
    if (!value) return;
    void run(() => onSend(value), t('chat.sent')).then((ok) => ok && setText(''));
  };

  return (
    <section className="card stack" aria-labelledby="chat-title" id="chat">
      <div className="spread">
        <h2 id="chat-title">{t('chat.title')}</h2>
        <label className="row small" htmlFor={`${formId}-slow`}>
          {t('chat.slowMode')}
          <select
            id={`${formId}-slow`}
            data-testid="slow-mode"
            value={SLOW_MODES.includes(slowModeSeconds) ? slowModeSeconds : slowModeSeconds}
            onChange={(event) => setSlowMode(Number(event.target.value))}
          >
            {[...new Set([...SLOW_MODES, slowModeSeconds])]
              .sort((a, b) => a - b)
              .map((seconds) => (
                <option key={seconds} value={seconds}>
                  {seconds === 0 ? t('chat.slowOffOption') : t('chat.slowOption', { seconds })}
                </option>
              ))}
          </select>
        </label>
      </div>
      {pinnedMessage ? (
        <div className="studio-pinned-message" aria-label={t('chat.pinnedLabel')}>
          <p className="small muted">
            <PinIcon /> {t('chat.pinnedLabel')}
          </p>
          <p>
            <strong>{pinnedMessage.displayName}:</strong> {pinnedMessage.text}
          </p>
          <button type="button" className="btn small secondary" onClick={() => pin(null)}>
            {t('chat.unpin')}
          </button>
        </div>
      ) : null}
      <p className={feedback?.ok === false ? 'alert' : 'small muted'} role="status" aria-live="polite">
        {feedback?.text ?? ''}
      </p>
      {messages.length === 0 ? (
        <Empty>{t('chat.empty')}</Empty>
      ) : (
        <div
          ref={list}
          className="studio-chat"
          role="log"
          aria-live="polite"
          aria-label={t('chat.title')}
          tabIndex={0}
          onScroll={(event) => {
            const element = event.currentTarget;
            stickToBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 40;
          }}
        >
          <ol>
            {messages.map((message) => {
              const isProtected = protectedUserIds.includes(message.userId);
              return (
                <li
                  key={message.id}
                  className="studio-chat-message"
                  data-testid="studio-chat-message"
                  data-user-id={message.userId}
                  data-seq={message.seq}
                >
                  <p>
                    <strong>{message.displayName}</strong>{' '}
                    <span className="small muted">{formatTime(message.createdAt, i18n.language)}</span>
                    <br />
                    {message.text}
                  </p>
                  <div className="row studio-msg-actions">
                    <button
                      type="button"
                      className="btn small secondary"
                      data-testid="msg-delete"
                      onClick={() => remove(message)}
                    >
                      {t('chat.delete')}
                      <span className="visually-hidden">
                        {' '}
                        {t('chat.messageBy', { name: message.displayName })}
                      </span>
                    </button>
                    <button type="button" className="btn small secondary" onClick={() => pin(message)}>
                      {t('chat.pin')}
                      <span className="visually-hidden">
                        {' '}
                        {t('chat.messageBy', { name: message.displayName })}
                      </span>
                    </button>
                    {!isProtected ? (
                      <>
                        <button
                          type="button"
                          className="btn small secondary"
                          data-testid="msg-mute"
                          onClick={() => setAction({ kind: 'mute', message })}
                        >
                          {t('chat.mute')}
                          <span className="visually-hidden"> {message.displayName}</span>
                        </button>
                        <button
                          type="button"
                          className="btn small danger"
                          data-testid="msg-ban"
                          onClick={() => setAction({ kind: 'ban', message })}
                        >
                          {t('chat.ban')}
                          <span className="visually-hidden"> {message.displayName}</span>
                        </button>
                      </>
                    ) : null}
                  </div>
                </li>
              );
            })}
          </ol>
        </div>
      )}
      <form className="row studio-send" onSubmit={send}>
        <label className="visually-hidden" htmlFor={`${formId}-send`}>
          {t('chat.sendLabel')}
        </label>
        <input
          id={`${formId}-send`}
          value={text}
          maxLength={300}
          onChange={(event) => setText(event.target.value)}
          placeholder={chatOpen ? t('chat.sendPlaceholder') : t('chat.closed')}
          disabled={!chatOpen}
        />
        <button type="submit" className="btn" disabled={!chatOpen || !text.trim()}>
          {t('chat.send')}
        </button>
      </form>
      {action ? (
        <ConfirmDialog
          title={
            action.kind === 'mute'
              ? t('chat.muteTitle', { name: action.message.displayName })
              : t('chat.banTitle', { name: action.message.displayName })
          }
          confirmLabel={action.kind === 'mute' ? t('chat.muteConfirm', { minutes }) : t('chat.banConfirm')}
          danger={action.kind === 'ban'}
          busy={busy}
          onConfirm={() => void confirmAction()}
          onCancel={() => setAction(undefined)}
          confirmTestId={action.kind === 'mute' ? 'msg-mute-confirm' : 'msg-ban-confirm'}
        >
          <blockquote className="studio-quote">{action.message.text}</blockquote>
          {action.kind === 'mute' ? (
            <Field id={`${formId}-minutes`} label={t('chat.muteFor')}>
              <select
                id={`${formId}-minutes`}
                value={minutes}
                onChange={(event) => setMinutes(Number(event.target.value))}
              >
                {MUTE_MINUTES.map((value) => (
                  <option key={value} value={value}>
                    {t('chat.minutes', { count: value })}
                  </option>
                ))}
              </select>
            </Field>
          ) : (
            <>
              <p>{t('chat.banText')}</p>
              <label className="ban-remove-recent" htmlFor={`${formId}-remove-recent`}>
                <input
                  id={`${formId}-remove-recent`}
                  type="checkbox"
                  data-testid="ban-remove-recent"
                  checked={removeRecent}
                  onChange={(event) => setRemoveRecent(event.target.checked)}
                />
                {tm('ban.removeRecent', { minutes: BAN_REMOVE_RECENT_MINUTES })}
              </label>
              <p className="small muted">{tm('ban.limits')}</p>
              <Field id={`${formId}-reason`} label={t('chat.banReason')}>
                <input
                  id={`${formId}-reason`}
                  value={reason}
                  maxLength={300}
                  onChange={(event) => setReason(event.target.value)}
                />
              </Field>
            </>
          )}
          {feedback?.ok === false ? (
            <p className="alert" role="alert">
              {feedback.text}
            </p>
          ) : null}
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

/** Helpers: appoint a chat author as moderator or co-host, dismiss them. Only the host may (HOST_ONLY). */
export function StaffPanel({
  session,
  messages,
  myUserId,
}: {
  session: SessionDetail;
  messages: ChatMessage[];
  myUserId: string | undefined;
}) {
  const { t, i18n } = useTranslation('studio');
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const formId = useId();
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<'moderator' | 'cohost'>('moderator');
  const staffIds = new Set(session.staff.map((member) => member.userId));
  const authors = new Map<string, string>();
  for (const message of messages) {
    if (
      message.userId !== myUserId &&
      message.userId !== session.hostUserId &&
      !staffIds.has(message.userId)
    ) {
      authors.set(message.userId, message.displayName);
    }
  }
  const refresh = () => void queryClient.invalidateQueries({ queryKey: studioKeys.session(session.id) });
  const appoint = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/sessions/{id}/staff', {
          params: { path: { id: session.id } },
          body: { userId, role },
        }),
      ),
    onSuccess: () => {
      setUserId('');
      refresh();
    },
  });
  const dismiss = useMutation({
    mutationFn: async (target: string) =>
      unwrap(
        await api.DELETE('/api/sessions/{id}/staff/{userId}', {
          params: { path: { id: session.id, userId: target } },
        }),
      ),
    onSuccess: refresh,
  });

  return (
    <section className="card stack" aria-labelledby="staff-title" id="staff">
      <h2 id="staff-title">{t('staff.title')}</h2>
      <p className="small muted">{t('staff.intro')}</p>
      {session.staff.length === 0 ? (
        <Empty>{t('staff.none')}</Empty>
      ) : (
        <ul className="studio-list">
          {session.staff.map((member) => (
            <li
              key={member.userId}
              className="spread"
              data-testid="staff-member"
              data-user-id={member.userId}
            >
              <span>
                <strong>{member.displayName}</strong> · {t(`staff.roles.${member.role}`)}
                <br />
                <span className="small muted">
                  {t('staff.since', { at: formatDateTime(member.appointedAt, i18n.language) })}
                </span>
              </span>
              <button
                type="button"
                className="btn small secondary"
                onClick={() => dismiss.mutate(member.userId)}
                disabled={dismiss.isPending}
              >
                {t('staff.remove')}
                <span className="visually-hidden"> {member.displayName}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          if (userId) appoint.mutate();
        }}
      >
        <Field id={`${formId}-user`} label={t('staff.user')} hint={t('staff.userHint')}>
          <select
            id={`${formId}-user`}
            data-testid="moderator-user"
            value={userId}
            onChange={(event) => setUserId(event.target.value)}
            aria-describedby={`${formId}-user-hint`}
          >
            <option value="">{authors.size === 0 ? t('staff.noAuthors') : t('staff.chooseUser')}</option>
            {[...authors].map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${formId}-role`} label={t('staff.role')}>
          <select
            id={`${formId}-role`}
            value={role}
            onChange={(event) => setRole(event.target.value === 'cohost' ? 'cohost' : 'moderator')}
          >
            <option value="moderator">{t('staff.roles.moderator')}</option>
            <option value="cohost">{t('staff.roles.cohost')}</option>
          </select>
        </Field>
        {appoint.isError ? (
          <p className="alert" role="alert">
            {errorMessage(appoint.error)}
          </p>
        ) : null}
        {dismiss.isError ? (
          <p className="alert" role="alert">
            {errorMessage(dismiss.error)}
          </p>
        ) : null}
        <button
          type="submit"
          className="btn"
          data-testid="moderator-add"
          disabled={!userId || appoint.isPending}
        >
          {t('staff.add')}
        </button>
      </form>
    </section>
  );
}

/** Words this session's chat refuses (on top of the platform's list). */
export function BannedWordsPanel({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation('studio');
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const formId = useId();
  const [word, setWord] = useState('');
  const words = useQuery({
    queryKey: studioKeys.bannedWords(sessionId),
    queryFn: async () =>
      unwrap(await api.GET('/api/sessions/{id}/banned-words', { params: { path: { id: sessionId } } })),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: studioKeys.bannedWords(sessionId) });
  const add = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/sessions/{id}/banned-words', {
          params: { path: { id: sessionId } },
          body: { word: word.trim() },
        }),
      ),
    onSuccess: () => {
      setWord('');
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: async (wordId: string) =>
      unwrap(
        await api.DELETE('/api/sessions/{id}/banned-words/{wordId}', {
          params: { path: { id: sessionId, wordId } },
        }),
      ),
    onSuccess: refresh,
  });
  const mine = words.data?.filter((item) => item.sessionId === sessionId) ?? [];
  const platform = words.data?.filter((item) => item.sessionId === null) ?? [];

  return (
    <section className="card stack" aria-labelledby="words-title" id="words">
      <h2 id="words-title">{t('words.title')}</h2>
      <p className="small muted">{t('words.intro')}</p>
      <form
        className="row studio-send"
        onSubmit={(event) => {
          event.preventDefault();
          if (word.trim()) add.mutate();
        }}
      >
        <label className="visually-hidden" htmlFor={`${formId}-word`}>
          {t('words.input')}
        </label>
        <input
          id={`${formId}-word`}
          data-testid="banned-word-input"
          value={word}
          maxLength={60}
          onChange={(event) => setWord(event.target.value)}
          placeholder={t('words.input')}
        />
        <button
          type="submit"
          className="btn"
          data-testid="banned-word-add"
          disabled={!word.trim() || add.isPending}
        >
          {t('words.add')}
        </button>
      </form>
      {add.isError ? (
        <p className="alert" role="alert">
          {errorMessage(add.error)}
        </p>
      ) : null}
      {remove.isError ? (
        <p className="alert" role="alert">
          {errorMessage(remove.error)}
        </p>
      ) : null}
      {words.isPending ? (
        <Spinner />
      ) : words.isError ? (
        <ErrorBox error={words.error} onRetry={() => void words.refetch()} />
      ) : mine.length === 0 ? (
        <Empty>{t('words.none')}</Empty>
      ) : (
        <ul className="row studio-chips">
          {mine.map((item) => (
            <li key={item.id} className="studio-chip" data-testid="banned-word">
              <span>{item.word}</span>
              <button
                type="button"
                className="link-button"
                onClick={() => remove.mutate(item.id)}
                disabled={remove.isPending}
                aria-label={t('words.remove', { word: item.word })}
              >
                <CloseIcon />
              </button>
            </li>
          ))}
        </ul>
      )}
      {platform.length > 0 ? (
        <p className="small muted">{t('words.platform', { count: platform.length })}</p>
      ) : null}
    </section>
  );
}

/** Viewers banned from this session (from the moderation log), each with an unban button. */
export function BannedUsersPanel({ sessionId, names }: { sessionId: string; names: Map<string, string> }) {
  const { t, i18n } = useTranslation('studio');
  const queryClient = useQueryClient();
  const { feedback, run } = useFeedback();
  const log = useQuery({
    queryKey: studioKeys.moderationLog(sessionId),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/sessions/{id}/moderation-log', {
          params: { path: { id: sessionId }, query: { pageSize: 100 } },
        }),
      ),
  });
  const banned = log.data ? currentlyBanned(log.data.items) : [];
  const unban = (userId: string, name: string) =>
    void run(() => emitWithAck('chat:unban', { sessionId, userId }), t('banned.unbannedDone', { name })).then(
      () => queryClient.invalidateQueries({ queryKey: studioKeys.moderationLog(sessionId) }),
    );

  return (
    <section className="card stack" aria-labelledby="banned-title" id="banned">
      <h2 id="banned-title">{t('banned.title')}</h2>
      <p className={feedback?.ok === false ? 'alert' : 'small muted'} role="status" aria-live="polite">
        {feedback?.text ?? ''}
      </p>
      {log.isPending ? (
        <Spinner />
      ) : log.isError ? (
        <ErrorBox error={log.error} onRetry={() => void log.refetch()} />
      ) : banned.length === 0 ? (
        <Empty>{t('banned.none')}</Empty>
      ) : (
        <ul className="studio-list">
          {banned.map((entry) => {
            const name = names.get(entry.userId) ?? t('banned.unknownUser', { id: entry.userId.slice(0, 8) });
            return (
              <li key={entry.userId} className="spread" data-testid="banned-user" data-user-id={entry.userId}>
                <span>
                  <strong>{name}</strong>
                  <br />
                  <span className="small muted">
                    {formatDateTime(entry.at, i18n.language)}
                    {entry.reason ? ` · ${entry.reason}` : ''}
                  </span>
                </span>
                <button
                  type="button"
                  className="btn small secondary"
                  onClick={() => unban(entry.userId, name)}
                >
                  {t('banned.unban')}
                  <span className="visually-hidden"> {name}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
