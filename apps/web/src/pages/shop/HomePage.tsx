import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, unwrap, type Schema } from '../../api/client';
import { useAuth } from '../../auth/AuthProvider';
import { Empty, ErrorBox, Spinner, useErrorMessage } from '../../ui/components';
import { SessionCard } from './parts';
import './shop.css';

type Session = Schema<'SessionResponse'>;
type Reminders = Schema<'MyRemindersResponse'>;
type Listing = 'live' | 'upcoming' | 'past';

/** The upcoming sessions the signed-in shopper asked to be reminded of (none asked while signed out). */
function useMyReminders(wanted = true) {
  const { signedIn, me } = useAuth();
  const queryKey = ['me', 'reminders', me?.id] as const;
  const query = useQuery({
    queryKey,
    enabled: wanted && signedIn && !!me,
    queryFn: async () => unwrap(await api.GET('/api/me/reminders')),
  });
  return { query, queryKey };
}

function useSessions(status: Listing) {
  return useQuery({
    queryKey: ['public', 'sessions', status],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/sessions', {
          params: { query: { status, pageSize: status === 'past' ? 12 : 24 } },
        }),
      ),
    refetchInterval: status === 'live' ? 30_000 : false,
  });
}

export function HomePage() {
  const { t } = useTranslation('shop');
  return (
    <div className="stack home">
      <h1>{t('home.title')}</h1>
      <p className="muted">{t('home.intro')}</p>
      <SessionSection listing="live" testId="live-now" title={t('home.liveNow')} empty={t('home.noLive')} />
      <SessionSection
        listing="upcoming"
        testId="upcoming"
        title={t('home.upcoming')}
        empty={t('home.noUpcoming')}
        remind
      />
      <SessionSection listing="past" testId="replays" title={t('home.replays')} empty={t('home.noReplays')} />
      <p>
        <Link to="/products">{t('home.browseProducts')}</Link>
      </p>
    </div>
  );
}

function SessionSection({
  listing,
  testId,
  title,
  empty,
  remind = false,
}: {
  listing: Listing;
  testId: string;
  title: string;
  empty: string;
  remind?: boolean;
}) {
  const query = useSessions(listing);
  const { query: reminders } = useMyReminders(remind);
  const headingId = `home-${testId}`;
  const sessions = (query.data?.items ?? []).filter((s) => listing !== 'past' || s.status === 'ended');
  return (
    <section className="stack" data-testid={testId} aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {remind && reminders.isError && (
        <ErrorBox error={reminders.error} onRetry={() => void reminders.refetch()} />
      )}
      {query.isPending ? (
        <Spinner />
      ) : query.isError ? (
        <ErrorBox error={query.error} onRetry={() => void query.refetch()} />
      ) : sessions.length === 0 ? (
        <Empty>{empty}</Empty>
      ) : (
        <div className="session-grid">
          {sessions.map((session) => (
            <SessionCard
              key={session.id}
              session={session}
              action={remind ? <RemindButton session={session} /> : undefined}
            />
          ))}
        </div>
      )}
    </section>
  );
}

/**
 * "Remind me": its state is the shopper's reminders as the api keeps them (GET /api/me/reminders), so it survives a
 * reload; POST sets a reminder, DELETE removes it (both idempotent), and the list follows each change.
 */
function RemindButton({ session }: { session: Session }) {
  const { t } = useTranslation('shop');
  const { signedIn } = useAuth();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const { query: reminders, queryKey } = useMyReminders();
  const reminded = reminders.data?.items.some((item) => item.sessionId === session.id) ?? false;
  const loading = signedIn && reminders.isPending;
  const toggle = useMutation({
    mutationFn: async (on: boolean) => {
      const path = { params: { path: { id: session.id } } };
      if (on) return unwrap(await api.POST('/api/sessions/{id}/reminders', path));
      unwrap(await api.DELETE('/api/sessions/{id}/reminders', path));
      return null;
    },
    onSuccess: (added) => {
      queryClient.setQueryData<Reminders>(queryKey, (current) => {
        const others = (current?.items ?? []).filter((item) => item.sessionId !== session.id);
        return { items: added ? [...others, added] : others };
      });
      void queryClient.invalidateQueries({ queryKey });
    },
  });
  return (
    <div className="stack">
      <button
        type="button"
        className={reminded ? 'btn secondary small' : 'btn small'}
        data-testid="remind-button"
        aria-pressed={reminded}
        aria-busy={loading || toggle.isPending}
        disabled={loading || toggle.isPending}
        onClick={() => {
          if (!signedIn) {
            void navigate(`/sign-in?next=${encodeURIComponent('/')}`);
            return;
          }
          toggle.mutate(!reminded);
        }}
      >
        {reminded ? t('home.reminded') : t('home.remindMe')}
      </button>
      {toggle.isError && (
        <p className="small alert" role="alert">
          {errorMessage(toggle.error)}
        </p>
      )}
    </div>
  );
}
