import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../auth/AuthProvider';
import { formatDateTime } from '../../lib/format';
import { Empty, ErrorBox, Spinner } from '../../ui/components';
import { MembershipList } from './MembershipList';
import { useMemberships, useMySessions, type MySession } from './studio-api';
import { groupSessions, type SessionGroup } from './studio-logic';
import './studio.css';

const GROUPS: SessionGroup[] = ['live', 'upcoming', 'ended'];

export function StudioHomePage() {
  const { t } = useTranslation('studio');
  const { hasRole } = useAuth();
  const isStreamer = hasRole('streamer');
  const memberships = useMemberships();
  const hasActive = memberships.data?.some((membership) => membership.status === 'active') ?? false;

  return (
    <div className="stack studio">
      <div className="spread">
        <h1>{t('home.title')}</h1>
        {isStreamer ? (
          <Link className="btn" to="/studio/sessions/new">
            {t('home.schedule')}
          </Link>
        ) : null}
      </div>
      {!isStreamer ? (
        <section className="card stack" aria-labelledby="become-streamer">
          <h2 id="become-streamer">{t('home.becomeTitle')}</h2>
          <p>{t('home.becomeText')}</p>
          <Link className="btn block" to="/studio/apply">
            {t('home.applyLink')}
          </Link>
        </section>
      ) : null}
      {isStreamer ? <MySessions /> : null}
      <section className="stack" aria-labelledby="my-branch">
        <div className="spread">
          <h2 id="my-branch">{t('home.myBranch')}</h2>
          {isStreamer && hasActive ? null : (
            <Link to="/studio/apply" className="small">
              {t('home.applyLink')}
            </Link>
          )}
        </div>
        <MembershipList />
      </section>
    </div>
  );
}

function MySessions() {
  const { t } = useTranslation('studio');
  const sessions = useMySessions();
  if (sessions.isPending) return <Spinner />;
  if (sessions.isError) return <ErrorBox error={sessions.error} onRetry={() => void sessions.refetch()} />;
  if (sessions.data.length === 0) {
    return (
      <section className="card stack">
        <Empty>{t('home.noSessions')}</Empty>
      </section>
    );
  }
  const groups = groupSessions(sessions.data);
  return (
    <>
      {GROUPS.map((group) => (
        <section
          key={group}
          className="stack"
          aria-labelledby={`group-${group}`}
          data-testid={`studio-${group}`}
        >
          <h2 id={`group-${group}`}>
            {t(`home.groups.${group}`)} <span className="muted small">({groups[group].length})</span>
          </h2>
          {groups[group].length === 0 ? (
            <Empty>{t(`home.emptyGroup.${group}`)}</Empty>
          ) : (
            <ul className="studio-list">
              {groups[group].map((session) => (
                <SessionRow key={session.id} session={session} />
              ))}
            </ul>
          )}
        </section>
      ))}
    </>
  );
}

function SessionRow({ session }: { session: MySession }) {
  const { t, i18n } = useTranslation('studio');
  const ended = session.status === 'ended';
  const badge =
    session.status === 'live' ? 'badge live' : session.status === 'cancelled' ? 'badge danger' : 'badge';
  return (
    <li className="card studio-session-row" data-testid="studio-session" data-session-id={session.id}>
      <div className="spread">
        <Link to={`/studio/sessions/${session.id}`} className="studio-session-title">
          {session.title}
        </Link>
        <span className={badge}>{t(`common:status.${session.status}`)}</span>
      </div>
      <p className="muted small">
        {formatDateTime(session.startedAt ?? session.scheduledStartAt, i18n.language)} ·{' '}
        {t('home.products', { count: session.lineup.length })} · {t(`home.role.${session.myRole}`)}
      </p>
      <div className="row">
        <Link className="btn small" to={`/studio/sessions/${session.id}`}>
          {session.status === 'live'
            ? t('home.openLive')
            : session.status === 'scheduled'
              ? t('home.openControl')
              : t('home.openDetails')}
        </Link>
        {ended ? (
          <Link className="btn small secondary" to={`/studio/sessions/${session.id}/summary`}>
            {t('home.openSummary')}
          </Link>
        ) : null}
        {session.status === 'scheduled' && session.myRole === 'host' ? (
          <Link className="btn small secondary" to={`/studio/sessions/${session.id}/edit`}>
            {t('home.edit')}
          </Link>
        ) : null}
      </div>
    </li>
  );
}
