import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, unwrap, type Schema } from '../../api/client';
import { useAuth } from '../../auth/AuthProvider';
import { formatDateTime, formatNumber } from '../../lib/format';
import type { Deal } from '../../realtime/contract';
import { useSessionRoom } from '../../realtime/useSessionRoom';
import { Empty, ErrorBox, Spinner } from '../../ui/components';
import { ChatPanel } from './ChatPanel';
import type { CheckoutItem } from './CheckoutSheet';
import { DealBanner } from './DealBanner';
import { PinnedCard, type RoomProduct } from './PinnedCard';
import { Player } from './Player';
import { useReplay } from './ReplaySync';
import { useNow } from './useNow';
import './shop.css';

// The checkout sheet (and Stripe behind it) loads when a shopper taps "buy", not with the page.
const CheckoutSheet = lazy(async () => ({ default: (await import('./CheckoutSheet')).CheckoutSheet }));

/** A session's page: the player, the flash deal, the pinned products with live stock, chat, and checkout. */
export function SessionPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('shop');
  const { signedIn } = useAuth();
  const navigate = useNavigate();
  const { state, send } = useSessionRoom(id);
  const detail = useQuery({
    queryKey: ['public', 'sessions', id],
    queryFn: async () => unwrap(await api.GET('/api/sessions/{id}', { params: { path: { id } } })),
  });
  const [buying, setBuying] = useState<CheckoutItem | null>(null);
  const [videoTime, setVideoTime] = useState(0);

  const session = state.session ?? detail.data;
  // After the show, the recording plays with its chat and pins as they were at each moment of the video.
  const replay = useReplay(id, session?.playback ?? null, session?.status ?? 'scheduled', videoTime);
  const openDeals = state.deals.filter((deal) => deal.state === 'open');
  const now = useNow(openDeals.length > 0);

  if (!session) {
    if (detail.isError) return <ErrorBox error={detail.error} onRetry={() => void detail.refetch()} />;
    if (state.joinError && !detail.isPending) return <ErrorBox error={state.joinError} />;
    return <Spinner />;
  }

  const liveDeals = openDeals.filter((deal) => Date.parse(deal.endsAt) > now);
  const dealOf = (productId: string): Deal | undefined =>
    liveDeals.find((deal) => deal.productId === productId);
  const lineup = detail.data?.lineupProducts ?? [];
  const limitOf = (productId: string) => lineup.find((p) => p.productId === productId)?.perBuyerLimit ?? null;
  const pins = state.joined ? state.pins : (detail.data?.pins ?? state.pins);
  const replayPins = replay
    ? replay.pinnedIds.flatMap((productId) => lineup.filter((p) => p.productId === productId))
    : null;
  const lineupCard = (p: Schema<'LineupCardResponse'>): RoomProduct => ({
    productId: p.productId,
    name: p.name,
    imageUrl: p.imageUrl,
    priceVnd: p.priceVnd,
    stars: p.stars,
    group: p.group,
    perBuyerLimit: p.perBuyerLimit,
  });
  // A replay shows what was pinned at the video's time; live, the room's pins; otherwise the sellable lineup.
  const products: RoomProduct[] =
    replayPins && replayPins.length > 0
      ? replayPins.map(lineupCard)
      : !replayPins && pins.length > 0
        ? pins.map((pin) => ({ ...pin, perBuyerLimit: limitOf(pin.productId) }))
        : lineup.filter((p) => p.sellable).map(lineupCard);
  const stockOf = (productId: string) =>
    state.stock[productId] ??
    pins.find((p) => p.productId === productId)?.stock ??
    lineup.find((p) => p.productId === productId)?.stock ??
    0;
  const canBuy = session.status === 'live' || session.status === 'ended';
  const viewers = state.joined ? state.viewers : (detail.data?.viewers ?? 0);

  function buy(item: CheckoutItem) {
    if (!signedIn) {
      void navigate(`/sign-in?next=${encodeURIComponent(`/sessions/${id}`)}`);
      return;
    }
    setBuying(item);
  }

  return (
    <div className="session-page">
      <div className="session-main stack">
        <Player session={session} onTime={setVideoTime} />
        <header className="stack session-header">
          <h1>{session.title}</h1>
          <p className="row small">
            {session.status === 'live' && <span className="badge live">{t('session.live')}</span>}
            {session.status === 'scheduled' && (
              <span className="badge">
                {t('session.startsAt', { time: formatDateTime(session.scheduledStartAt, i18n.language) })}
              </span>
            )}
            {session.status === 'ended' && <span className="badge warn">{t('session.replay')}</span>}
            {session.status === 'cancelled' && <span className="badge danger">{t('session.cancelled')}</span>}
            <span data-testid="viewer-count" aria-live="polite">
              {t('session.viewers', { count: viewers, formatted: formatNumber(viewers) })}
            </span>
            <span className="muted">{t('session.host', { name: session.hostName })}</span>
          </p>
          {session.status === 'ended' && <p className="small muted">{t('session.replayNote')}</p>}
          {/* A banned viewer's socket is refused the room for good: say so rather than "reconnecting" forever. */}
          {state.banned || state.joinError?.code === 'BANNED' ? (
            <p className="alert warn small" role="status">
              {t('session.bannedNotice')}
            </p>
          ) : (
            !state.connected &&
            state.joined === false &&
            session.status === 'live' && (
              <p className="small muted" role="status">
                {t('session.connecting')}
              </p>
            )
          )}
        </header>

        {liveDeals.map((deal) => (
          <DealBanner
            key={deal.id}
            deal={deal}
            now={now}
            buyDisabled={!canBuy}
            onBuy={(d) =>
              buy({
                productId: d.productId,
                name: d.productName,
                priceVnd: d.listPriceVnd,
                stock: d.remaining,
                perBuyerLimit: d.perBuyerLimit,
                deal: d,
              })
            }
          />
        ))}

        <section className="stack" aria-labelledby="pinned-title">
          <h2 id="pinned-title">
            {(replayPins ? replayPins.length > 0 : pins.length > 0)
              ? t('session.pinned')
              : t('session.lineup')}
          </h2>
          {products.length === 0 ? (
            <Empty>{t('session.noProducts')}</Empty>
          ) : (
            <div className="pinned-list">
              {products.map((product) => (
                <PinnedCard
                  key={product.productId}
                  product={product}
                  stock={stockOf(product.productId)}
                  deal={dealOf(product.productId)}
                  now={now}
                  canBuy={canBuy}
                  onBuy={() =>
                    buy({
                      productId: product.productId,
                      name: product.name,
                      priceVnd: product.priceVnd,
                      stock: stockOf(product.productId),
                      perBuyerLimit: product.perBuyerLimit ?? null,
                      deal: dealOf(product.productId),
                    })
                  }
                />
              ))}
            </div>
          )}
          {!canBuy && products.length > 0 && (
            <p className="small muted">
              {session.status === 'scheduled' ? t('session.notYet') : t('session.closed')}
            </p>
          )}
          {!signedIn && canBuy && (
            <p className="small">
              <Link to={`/sign-in?next=${encodeURIComponent(`/sessions/${id}`)}`}>
                {t('session.signInToBuy')}
              </Link>
            </p>
          )}
        </section>
      </div>

      <ChatPanel
        sessionId={id}
        state={replay ? { ...state, messages: replay.messages, announcements: [] } : state}
        replay={replay !== null}
        send={send}
        chatOpen={session.status === 'live' || session.status === 'scheduled'}
      />

      {session.description && <p className="session-description pre-line">{session.description}</p>}

      {buying && (
        <Suspense fallback={null}>
          <CheckoutSheet item={buying} sessionId={id} onClose={() => setBuying(null)} />
        </Suspense>
      )}
    </div>
  );
}
