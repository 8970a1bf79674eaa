import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import './removed.css';

/**
 * What a viewer removed (banned) from a session sees instead of the room: no video, no deal, no buy button, no
 * chat. The api agrees (the session's video URL, the room and checkout refuse them), so this is not a curtain.
 */
export function RemovedFromSession({ title }: { title?: string }) {
  const { t } = useTranslation('moderation');
  return (
    <section className="removed-screen" data-testid="removed-from-session" aria-labelledby="removed-title">
      <svg
        className="removed-icon"
        viewBox="0 0 24 24"
        width="56"
        height="56"
        aria-hidden="true"
        focusable="false"
      >
        <circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" strokeWidth="2" />
        <path d="M5 5l14 14" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
      <h1 id="removed-title">{t('removed.title')}</h1>
      {title ? <p className="removed-session-title">{title}</p> : null}
      {/* The room's notice to this viewer (the same test id as the chat's notices). */}
      <p data-testid="chat-notice" role="status">
        {t('removed.body')}
      </p>
      <p className="small muted">{t('removed.other')}</p>
      <Link className="btn" to="/">
        {t('removed.home')}
      </Link>
    </section>
  );
}
