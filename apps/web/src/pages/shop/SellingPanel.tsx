import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, unwrap, type Schema } from '../../api/client';
import { useAuth } from '../../auth/AuthProvider';
import { formatDateTime } from '../../lib/format';
import { ErrorBox, Spinner, useErrorMessage } from '../../ui/components';
import type { ImageView } from '../../ui/Picture';
import type { CheckoutItem } from './CheckoutSheet';
import './share.css';

const CheckoutSheet = lazy(async () => ({ default: (await import('./CheckoutSheet')).CheckoutSheet }));

type Product = Schema<'ProductResponse'>;
type Selling = Schema<'SellingSessionResponse'>;

/**
 * Where the product page buys: in the live room selling it now (the one showing it first, "being shown"), else from
 * a replay still selling it (7 days after its end), else straight from the producer with the next session it will
 * be live in (remind me), or the news that no session sells it yet. A live or replay purchase credits that session;
 * a purchase made after following a streamer's share link credits the share (the checkout carries its code).
 */
export function SellingPanel({ product, image }: { product: Product; image: ImageView | null }) {
  const { t, i18n } = useTranslation('share');
  const { signedIn } = useAuth();
  const navigate = useNavigate();
  const [buying, setBuying] = useState<{ sessionId?: string } | null>(null);
  const sessions = useQuery({
    queryKey: ['public', 'products', product.id, 'sessions'],
    queryFn: async () =>
      unwrap(await api.GET('/api/products/{id}/sessions', { params: { path: { id: product.id } } })),
    refetchInterval: 30_000,
  });
  if (sessions.isPending) return <Spinner />;
  if (sessions.isError) return <ErrorBox error={sessions.error} onRetry={() => void sessions.refetch()} />;
  const { liveNow, nextSession, replays } = sessions.data;
  const live = liveNow[0];
  const replay = live ? undefined : replays[0];
  const soldOut = product.stock === 0;
  const item: CheckoutItem = {
    productId: product.id,
    name: product.name,
    image,
    priceVnd: product.priceVnd,
    stock: product.stock,
  };

  function buy(sessionId?: string) {
    if (!signedIn) {
      void navigate(`/sign-in?next=${encodeURIComponent(`/products/${product.id}`)}`);
      return;
    }
    setBuying(sessionId ? { sessionId } : {});
  }

  return (
    <section className="stack selling-panel" aria-labelledby="selling-title" data-testid="selling-panel">
      <h2 id="selling-title">{t('selling.title')}</h2>
      {live ? (
        <div className="stack selling-live" data-testid="selling-live" data-session-id={live.id}>
          <p className="row small">
            <span className="badge live">{t('selling.liveNow')}</span>
            {live.pinnedNow ? (
              <span className="badge showing" data-testid="showing-now">
                {t('selling.showingNow')}
              </span>
            ) : (
              <span className="muted">{t('selling.inLineup')}</span>
            )}
          </p>
          <SessionLine session={live} />
          <button
            type="button"
            className="btn selling-buy"
            disabled={soldOut}
            onClick={() => buy(live.id)}
            data-testid="buy-in-live"
          >
            {t('selling.buyLive')}
          </button>
          <Link className="btn secondary" to={`/sessions/${live.id}`} data-testid="enter-live-room">
            {live.pinnedNow ? t('selling.watchRoom') : t('selling.enterRoom')}
          </Link>
        </div>
      ) : replay ? (
        <div className="stack" data-testid="selling-replay" data-session-id={replay.id}>
          <p className="row small">
            <span className="badge warn">{t('selling.replay')}</span>
          </p>
          <SessionLine session={replay} />
          {replay.replaySellsUntil && (
            <p className="small muted">
              {t('selling.replayUntil', { time: formatDateTime(replay.replaySellsUntil, i18n.language) })}
            </p>
          )}
          <button
            type="button"
            className="btn selling-buy"
            disabled={soldOut}
            onClick={() => buy(replay.id)}
            data-testid="buy-from-replay"
          >
            {t('selling.buyReplay')}
          </button>
          <Link className="btn secondary" to={`/sessions/${replay.id}`}>
            {t('selling.watchReplay')}
          </Link>
        </div>
      ) : (
        <div className="stack" data-testid="selling-direct">
          {nextSession ? (
            <div className="stack selling-next" data-testid="next-session" data-session-id={nextSession.id}>
              <p className="small">
                <strong>{t('selling.next')}</strong>
              </p>
              <SessionLine session={nextSession} />
              <p className="small">
                {t('selling.nextAt', { time: formatDateTime(nextSession.scheduledStartAt, i18n.language) })}
              </p>
              <RemindButton sessionId={nextSession.id} next={`/products/${product.id}`} />
            </div>
          ) : (
            <p className="small muted" data-testid="no-session">
              {t('selling.noSession')}
            </p>
          )}
          <button
            type="button"
            className={nextSession ? 'btn secondary' : 'btn'}
            disabled={soldOut}
            onClick={() => buy()}
            data-testid="buy-direct"
          >
            {t('selling.buyDirect')}
          </button>
          <p className="small muted">{t('selling.directNote')}</p>
        </div>
      )}
      {soldOut && <p className="small alert">{t('selling.soldOut')}</p>}
      {!signedIn && !soldOut && (
        <p className="small">
          <Link to={`/sign-in?next=${encodeURIComponent(`/products/${product.id}`)}`}>
            {t('selling.signInToBuy')}
          </Link>
        </p>
      )}
      {buying && (
        <Suspense fallback={null}>
          <CheckoutSheet
            item={item}
            {...(buying.sessionId ? { sessionId: buying.sessionId } : {})}
            onClose={() => {
              setBuying(null);
              void sessions.refetch();
            }}
          />
        </Suspense>
      )}
    </section>
  );
}

function SessionLine({ session }: { session: Selling }) {
  const { t } = useTranslation('share');
  return (
    <p className="stack selling-session">
      <Link to={`/sessions/${session.id}`} className="selling-session-title">
        {session.title}
      </Link>
      <span className="small muted">{t('selling.host', { name: session.hostName })}</span>
    </p>
  );
}

/** "Remind me" for one session, from the shopper's reminders as the api keeps them (survives a reload). */
function RemindButton({ sessionId, next }: { sessionId: string; next: string }) {
  const { t } = useTranslation('share');
  const { signedIn, me } = useAuth();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const queryKey = ['me', 'reminders', me?.id] as const;
  const reminders = useQuery({
    queryKey,
    enabled: signedIn,
    queryFn: async () => unwrap(await api.GET('/api/me/reminders')),
  });
  const reminded = reminders.data?.items.some((r) => r.sessionId === sessionId) ?? false;
  const toggle = useMutation({
    mutationFn: async (on: boolean) => {
      const path = { params: { path: { id: sessionId } } };
      if (on) unwrap(await api.POST('/api/sessions/{id}/reminders', path));
      else unwrap(await api.DELETE('/api/sessions/{id}/reminders', path));
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey }),
  });
  const busy = (signedIn && reminders.isPending) || toggle.isPending;
  return (
    <div className="stack">
      <button
        type="button"
        className={reminded ? 'btn secondary' : 'btn'}
        aria-pressed={reminded}
        aria-busy={busy}
        disabled={busy}
        data-testid="remind-button"
        onClick={() => {
          if (!signedIn) {
            void navigate(`/sign-in?next=${encodeURIComponent(next)}`);
            return;
          }
          toggle.mutate(!reminded);
        }}
      >
        {reminded ? t('selling.reminded') : t('selling.remindMe')}
      </button>
      {toggle.isError && (
        <p className="small alert" role="alert">
          {errorMessage(toggle.error)}
        </p>
      )}
    </div>
  );
}
