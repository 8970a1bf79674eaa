import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api, ApiError, unwrap, type Schema } from '../../api/client';
import { useAuth } from '../../auth/AuthProvider';
import { bootAnswer } from '../../lib/boot';
import { imageOf } from '../../lib/media';
import type { Deal } from '../../realtime/contract';
import { useSessionRoom } from '../../realtime/useSessionRoom';
import { ErrorBox, Spinner } from '../../ui/components';
import { ChatPanel } from './ChatPanel';
import type { CheckoutItem } from './CheckoutSheet';
import { DealBanner } from './DealBanner';
import { PinnedCard, type RoomProduct } from './PinnedCard';
import { FollowButton } from './FollowButton';
import { ShareButton } from './ShareButton';
import { Player } from './Player';
import { RemovedFromSession } from './RemovedFromSession';
import { useReplay } from './ReplaySync';
import { BagIcon } from './room/icons';
import { bagRows, nowShowing, type BagRow } from './room/room-logic';
import { RoomTopBar } from './room/RoomTopBar';
import { UpcomingPanel } from './room/UpcomingPanel';
import { useKeyboardInset } from './room/useKeyboardInset';
import { useNow } from './useNow';
import './shop.css';
import './room/room.css';

// Loaded when the shopper opens them, not with the room: the checkout (and Stripe behind it) and the bag.
const CheckoutSheet = lazy(async () => ({ default: (await import('./CheckoutSheet')).CheckoutSheet }));
const BagSheet = lazy(async () => ({ default: (await import('./room/BagSheet')).BagSheet }));
const BagList = lazy(async () => ({ default: (await import('./room/BagSheet')).BagList }));

const DESKTOP = '(min-width: 900px)';

/** Whether the room is laid out for a desktop (video and side panel), following the window's width. */
function useDesktop(): boolean {
  return useSyncExternalStore(
    (listener) => {
      const query = window.matchMedia?.(DESKTOP);
      query?.addEventListener('change', listener);
      return () => query?.removeEventListener('change', listener);
    },
    () => window.matchMedia?.(DESKTOP).matches ?? false,
  );
}

type LineupCard = Schema<'LineupCardResponse'>;

/** Keeps an unpinned card on screen for its slide-out, then lets it go. */
function useLeaving(current: RoomProduct | undefined, ms = 280) {
  const [previous, setPrevious] = useState(current);
  const [exiting, setExiting] = useState<RoomProduct | undefined>(undefined);
  if (current?.productId !== previous?.productId) {
    setPrevious(current);
    setExiting(current ? undefined : previous);
  }
  useEffect(() => {
    if (!exiting) return;
    const timer = window.setTimeout(() => setExiting(undefined), ms);
    return () => window.clearTimeout(timer);
  }, [exiting, ms]);
  return current ? { shown: current, leaving: false } : { shown: exiting, leaving: exiting !== undefined };
}

/**
 * A session as a live room: the video fills the phone's screen and everything floats over it (the host and viewers
 * on top; the product shown now, the chat and the bottom bar below). The bag and the checkout open as sheets over
 * the lower part while the video keeps playing. On a desktop, the video and a side panel. Before the start, the
 * countdown; after the end, the replay in the same room.
 */
export function SessionPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('shop');
  const { t: tr } = useTranslation('room');
  const { signedIn } = useAuth();
  const navigate = useNavigate();
  const { state, send } = useSessionRoom(id);
  const detailFn = async () => unwrap(await api.GET('/api/sessions/{id}', { params: { path: { id } } }));
  const detail = useQuery({
    queryKey: ['public', 'sessions', id],
    queryFn: detailFn,
    // The shell's answer: the room paints with the JavaScript, not after a round trip to the api.
    ...bootAnswer<Awaited<ReturnType<typeof detailFn>>>(`/api/sessions/${id}`),
  });
  const [buying, setBuying] = useState<CheckoutItem | null>(null);
  const [bagOpen, setBagOpen] = useState(false);
  const [videoTime, setVideoTime] = useState(0);
  const roomRef = useRef<HTMLDivElement>(null);
  useKeyboardInset(roomRef);
  // The live room's first view, painted from the page's HTML (apps/api/src/share-cards/page-boot.ts), gives way to
  // this page as it first renders, before the browser paints again.
  useLayoutEffect(() => document.getElementById('ocop-boot-view')?.remove(), []);
  const desktop = useDesktop();

  const session = state.session ?? detail.data;
  // After the show, the recording plays with its chat and pins as they were at each moment of the video.
  const replay = useReplay(id, session?.playback ?? null, session?.status ?? 'scheduled', videoTime);
  const openDeals = state.deals.filter((deal) => deal.state === 'open');
  const now = useNow(openDeals.length > 0 || session?.status === 'scheduled');

  const lineup = detail.data?.lineupProducts ?? [];
  const pins = state.joined ? state.pins : (detail.data?.pins ?? state.pins);
  const liveDeals = openDeals.filter((deal) => Date.parse(deal.endsAt) > now);
  const dealOf = (productId: string): Deal | undefined =>
    liveDeals.find((deal) => deal.productId === productId);
  const limitOf = (productId: string) => lineup.find((p) => p.productId === productId)?.perBuyerLimit ?? null;
  const lineupCard = (p: LineupCard): RoomProduct => ({
    productId: p.productId,
    name: p.name,
    image: imageOf(p),
    priceVnd: p.priceVnd,
    stars: p.stars,
    group: p.group,
    perBuyerLimit: p.perBuyerLimit,
  });
  // A replay shows what was pinned at the video's time; live, the product the host pinned last.
  const replayShown = replay
    ? lineup.find((p) => p.productId === replay.pinnedIds[replay.pinnedIds.length - 1])
    : undefined;
  const livePin = replay ? undefined : nowShowing(pins);
  const current: RoomProduct | undefined = replayShown
    ? lineupCard(replayShown)
    : livePin
      ? { ...livePin, image: imageOf(livePin), perBuyerLimit: limitOf(livePin.productId) }
      : undefined;
  const { shown, leaving } = useLeaving(current);

  // Removed (banned) from this session: the room, the video URL and checkout refuse this viewer; say so plainly.
  const removed =
    state.banned ||
    state.joinError?.code === 'BANNED' ||
    (detail.error instanceof ApiError && detail.error.code === 'BANNED_FROM_SESSION');
  if (removed) return <RemovedFromSession title={session?.title} />;

  if (!session) {
    if (detail.isError) return <ErrorBox error={detail.error} onRetry={() => void detail.refetch()} />;
    if (state.joinError && !detail.isPending) return <ErrorBox error={state.joinError} />;
    return <Spinner />;
  }

  const stockOf = (productId: string) =>
    state.stock[productId] ??
    pins.find((p) => p.productId === productId)?.stock ??
    lineup.find((p) => p.productId === productId)?.stock ??
    0;
  const status = session.status;
  const canBuy = status === 'live' || status === 'ended';
  const viewers = state.joined ? state.viewers : (detail.data?.viewers ?? 0);
  const banned = state.banned || state.joinError?.code === 'BANNED';
  const rows = bagRows(replay ? [] : lineup, replay ? [] : pins, liveDeals, state.stock, now);
  // A replay's bag marks the product pinned at the video's time.
  const bag: BagRow<LineupCard>[] = replay
    ? bagRows(lineup, [], [], state.stock, now).map((row) => ({
        ...row,
        showing: row.product.productId === replayShown?.productId,
      }))
    : rows;
  const closedReason =
    status === 'scheduled' ? tr('upcoming.why') : status === 'cancelled' ? t('session.closed') : null;
  const otherDeals = liveDeals.filter((deal) => deal.productId !== shown?.productId);

  function buy(item: CheckoutItem) {
    if (!signedIn) {
      void navigate(`/sign-in?next=${encodeURIComponent(`/sessions/${id}`)}`);
      return;
    }
    setBagOpen(false);
    setBuying(item);
  }
  const buyProduct = (product: RoomProduct) =>
    buy({
      productId: product.productId,
      name: product.name,
      image: product.image,
      priceVnd: product.priceVnd,
      stock: stockOf(product.productId),
      perBuyerLimit: product.perBuyerLimit ?? null,
      deal: dealOf(product.productId),
    });

  const bagButton = (
    <button
      type="button"
      className="room-round room-bag"
      data-testid="bag-button"
      aria-haspopup="dialog"
      onClick={() => setBagOpen(true)}
    >
      <BagIcon />
      <span className="room-bag-count" aria-hidden="true">
        {lineup.length}
      </span>
      <span className="visually-hidden">{tr('bar.bag', { count: lineup.length })}</span>
    </button>
  );

  return (
    <div
      ref={roomRef}
      className={`room room-${status}${buying || bagOpen ? ' room-sheet-open' : ''}`}
      data-testid="room"
      data-status={status}
    >
      <div className="room-stage">
        <Player
          session={{ ...session, hostLiveSessionId: detail.data?.hostLiveSessionId ?? null }}
          onTime={setVideoTime}
          fill
        />
        <div className="room-shade" aria-hidden="true" />
      </div>

      <RoomTopBar
        hostName={session.hostName}
        branchName={session.branchName}
        viewers={viewers}
        status={status}
        follow={<FollowButton hostUserId={session.hostUserId} hostName={session.hostName} compact />}
      />

      {status !== 'scheduled' && <h1 className="visually-hidden">{session.title}</h1>}

      {(banned || (status === 'live' && !state.connected && !state.joined) || status === 'ended') && (
        <div className="room-notes">
          {banned ? (
            <p className="room-note warn" role="status">
              {t('session.bannedNotice')}
            </p>
          ) : status === 'ended' ? (
            <p className="room-note">{t('session.replayNote')}</p>
          ) : (
            <p className="room-note" role="status">
              {t('session.connecting')}
            </p>
          )}
        </div>
      )}

      {status === 'scheduled' && (
        <UpcomingPanel
          sessionId={id}
          title={session.title}
          startsAt={session.scheduledStartAt}
          now={now}
          lineup={lineup}
          onOpenBag={() => setBagOpen(true)}
        />
      )}

      <div className="room-lower">
        <div className="room-side-title">
          <p className="room-side-heading">{session.title}</p>
        </div>
        {otherDeals.map((deal) => (
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
        {shown && (
          <PinnedCard
            key={shown.productId}
            product={shown}
            stock={stockOf(shown.productId)}
            deal={dealOf(shown.productId)}
            now={now}
            canBuy={canBuy && !leaving}
            leaving={leaving}
            onBuy={() => buyProduct(shown)}
            onDetails={() => setBagOpen(true)}
          />
        )}
        {desktop && status !== 'scheduled' && (
          <section className="room-side-lineup" data-testid="side-lineup" aria-labelledby="side-lineup-title">
            <h2 id="side-lineup-title" className="room-side-subheading">
              {tr('bag.title', { count: lineup.length })}
            </h2>
            <Suspense fallback={null}>
              <BagList
                rows={bag}
                now={now}
                canBuy={canBuy && !banned}
                closedReason={closedReason}
                onBuy={(row) => buyProduct(lineupCard(row.product))}
                idPrefix="side"
              />
            </Suspense>
          </section>
        )}
        <ChatPanel
          sessionId={id}
          state={replay ? { ...state, messages: replay.messages, announcements: [] } : state}
          replay={replay !== null}
          send={send}
          chatOpen={status === 'live' || status === 'scheduled'}
          leading={bagButton}
          trailing={<ShareButton sessionId={id} title={session.title} compact className="room-round" />}
        />
      </div>

      {bagOpen && (
        <Suspense fallback={null}>
          <BagSheet
            rows={bag}
            now={now}
            canBuy={canBuy && !banned}
            closedReason={closedReason}
            onClose={() => setBagOpen(false)}
            onBuy={(row) => buyProduct(lineupCard(row.product))}
          />
        </Suspense>
      )}

      {buying && (
        <Suspense fallback={null}>
          <CheckoutSheet item={buying} sessionId={id} onClose={() => setBuying(null)} />
        </Suspense>
      )}
    </div>
  );
}
