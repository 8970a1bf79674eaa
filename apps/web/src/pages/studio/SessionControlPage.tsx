import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError, unwrap } from '../../api/client';
import { useAuth } from '../../auth/AuthProvider';
import { formatDateTime, formatNumber, formatVnd } from '../../lib/format';
import type { PinnedProduct, RoomRole } from '../../realtime/contract';
import { useSessionRoom } from '../../realtime/useSessionRoom';
import { ErrorBox, Spinner, Stars, useErrorMessage } from '../../ui/components';
import { ConfirmDialog } from './ConfirmDialog';
import { DealPanel, type DealProduct } from './DealPanel';
import { BannedUsersPanel, BannedWordsPanel, ChatModeration, StaffPanel } from './ModerationPanel';
import { StreamPanel } from './StreamPanel';
import { studioKeys, useSessionDetail, useSummary, type SessionDetail, type Summary } from './studio-api';
import { throttle } from './studio-logic';
import { imageOf } from '../../lib/media';
import { Picture } from '../../ui/Picture';
import './studio.css';
import { ArrowLeftIcon } from '../../ui/icons';

const MAX_PINS = 3;

export function SessionControlPage() {
  const { id = '' } = useParams();
  const detail = useSessionDetail(id);
  if (detail.isPending) return <Spinner />;
  if (detail.isError) return <ErrorBox error={detail.error} onRetry={() => void detail.refetch()} />;
  return <Control session={detail.data} />;
}

function Control({ session: loaded }: { session: SessionDetail }) {
  const { t, i18n } = useTranslation('studio');
  const { me } = useAuth();
  const queryClient = useQueryClient();
  const { state, send } = useSessionRoom(loaded.id);
  // The room's pushed session (status, times) is newer than the REST copy; the lineup cards come from REST.
  const status = state.session?.status ?? loaded.status;
  const session: SessionDetail = { ...loaded, ...(state.session ?? {}), status };
  const live = status === 'live';
  const open = status === 'scheduled' || status === 'live';

  const fallbackRole: RoomRole =
    me?.id === loaded.hostUserId
      ? 'host'
      : (loaded.staff.find((member) => member.userId === me?.id)?.role ?? 'viewer');
  const role: RoomRole = state.joined ? state.role : fallbackRole;
  const isHost = role === 'host';
  const canHost = role === 'host' || role === 'cohost';
  const canModerate = canHost || role === 'moderator';

  // Live figures: every 15 s while live, and (at most every 2 s) when a purchase is announced in the room.
  const summary = useSummary(loaded.id, live ? 15_000 : undefined);
  const refetchSoon = useMemo(
    () =>
      throttle(() => void queryClient.invalidateQueries({ queryKey: studioKeys.summary(loaded.id) }), 2000),
    [queryClient, loaded.id],
  );
  useEffect(() => () => refetchSoon.cancel(), [refetchSoon]);
  const announcements = state.announcements.length;
  useEffect(() => {
    if (announcements > 0) refetchSoon.call();
  }, [announcements, refetchSoon]);

  // A status change pushed by the room (went live elsewhere, ended) refreshes the lists that show it.
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: studioKeys.mySessions });
  }, [status, queryClient]);

  const pins: PinnedProduct[] = state.joined ? state.pins : loaded.pins;
  const stockOf = (productId: string, fallback: number) => state.stock[productId] ?? fallback;
  const dealProducts: DealProduct[] = loaded.lineupProducts.map((card) => ({
    productId: card.productId,
    name: card.name,
    priceVnd: card.priceVnd,
    stock: stockOf(card.productId, card.stock),
    sellable: card.sellable,
  }));
  const names = new Map<string, string>();
  for (const message of state.messages) names.set(message.userId, message.displayName);
  for (const member of loaded.staff) names.set(member.userId, member.displayName);
  const protectedUserIds = [loaded.hostUserId, ...loaded.staff.map((member) => member.userId)];

  return (
    <div className="stack studio studio-control">
      <p>
        <Link to="/studio">
          <ArrowLeftIcon /> {t('nav.backToStudio')}
        </Link>
      </p>
      <header className="stack studio-control-head">
        <div className="spread">
          <h1>{session.title}</h1>
          <span
            className={live ? 'badge live' : status === 'cancelled' ? 'badge danger' : 'badge'}
            data-testid="session-status"
            data-status={status}
          >
            {t(`common:status.${status}`)}
          </span>
        </div>
        <p className="muted small">
          {live && session.startedAt
            ? t('control.startedAt', { at: formatDateTime(session.startedAt, i18n.language) })
            : t('control.scheduledAt', { at: formatDateTime(session.scheduledStartAt, i18n.language) })}{' '}
          · {t(`home.role.${role === 'viewer' ? 'host' : role}`)}
        </p>
        <p className="small" role="status">
          <span className={state.connected ? 'studio-dot on' : 'studio-dot'} aria-hidden="true" />{' '}
          {state.connected ? t('control.connected') : t('control.reconnecting')}
        </p>
        {state.joinError ? <ErrorBox error={state.joinError} /> : null}
      </header>

      <nav className="studio-jump" aria-label={t('control.jump')}>
        <a href="#stats">{t('control.jumpStats')}</a>
        {canHost ? <a href="#products">{t('control.jumpProducts')}</a> : null}
        {canHost ? <a href="#deals">{t('control.jumpDeals')}</a> : null}
        <a href="#chat">{t('control.jumpChat')}</a>
      </nav>

      {canHost ? <SessionActions session={session} /> : null}

      <StatsPanel
        viewers={state.viewers}
        summary={summary.data}
        summaryError={summary.error}
        live={live}
        sessionId={loaded.id}
        onRetry={() => void summary.refetch()}
      />

      {canHost && open ? <StreamPanel session={session} canHost={canHost} /> : null}

      {canHost ? (
        <LineupPanel session={loaded} pins={pins} stockOf={stockOf} summary={summary.data} open={open} />
      ) : null}

      {canHost ? (
        <DealPanel sessionId={loaded.id} products={dealProducts} deals={state.deals} live={live} />
      ) : null}

      {canModerate ? (
        <ChatModeration
          sessionId={loaded.id}
          messages={state.messages}
          pinnedMessage={state.pinnedMessage}
          slowModeSeconds={state.slowModeSeconds}
          protectedUserIds={protectedUserIds}
          onSend={send}
          chatOpen={open && state.joined}
        />
      ) : null}
      {isHost && open ? <StaffPanel session={loaded} messages={state.messages} myUserId={me?.id} /> : null}
      {canModerate ? <BannedWordsPanel sessionId={loaded.id} /> : null}
      {canModerate ? <BannedUsersPanel sessionId={loaded.id} names={names} /> : null}
    </div>
  );
}

function SessionActions({ session }: { session: SessionDetail }) {
  const { t } = useTranslation('studio');
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [confirm, setConfirm] = useState<'end' | 'cancel' | undefined>();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: studioKeys.session(session.id) });
    void queryClient.invalidateQueries({ queryKey: studioKeys.mySessions });
  };
  const path = { params: { path: { id: session.id } } };
  const goLive = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/sessions/{id}/go-live', path)),
    onSuccess: refresh,
  });
  const end = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/sessions/{id}/end', path)),
    onSuccess: () => {
      refresh();
      void queryClient.resetQueries({ queryKey: studioKeys.summary(session.id) });
      setConfirm(undefined);
      void navigate(`/studio/sessions/${session.id}/summary`);
    },
  });
  const cancel = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/sessions/{id}/cancel', path)),
    onSuccess: () => {
      refresh();
      setConfirm(undefined);
    },
  });
  const error = goLive.error ?? (confirm ? undefined : (end.error ?? cancel.error));

  return (
    <section className="card stack studio-actions" aria-label={t('control.actions')}>
      {session.status === 'scheduled' ? (
        <>
          <p className="small muted">{t('control.goLiveHint')}</p>
          <button
            type="button"
            className="btn block studio-big"
            data-testid="go-live"
            onClick={() => goLive.mutate()}
            disabled={goLive.isPending}
          >
            {goLive.isPending ? t('control.goingLive') : t('control.goLive')}
          </button>
          <div className="row">
            <Link className="btn small secondary" to={`/studio/sessions/${session.id}/edit`}>
              {t('control.edit')}
            </Link>
            <button type="button" className="btn small secondary" onClick={() => setConfirm('cancel')}>
              {t('control.cancelSession')}
            </button>
          </div>
        </>
      ) : null}
      {session.status === 'live' ? (
        <button
          type="button"
          className="btn danger block studio-big"
          data-testid="end-session"
          onClick={() => setConfirm('end')}
        >
          {t('control.end')}
        </button>
      ) : null}
      {session.status === 'ended' ? (
        <Link className="btn block" to={`/studio/sessions/${session.id}/summary`}>
          {t('control.viewSummary')}
        </Link>
      ) : null}
      {session.status === 'cancelled' ? <p className="alert warn">{t('control.cancelled')}</p> : null}
      {error ? (
        <p className="alert" role="alert">
          {errorMessage(error)}
        </p>
      ) : null}
      {confirm === 'end' ? (
        <ConfirmDialog
          title={t('control.endTitle')}
          confirmLabel={end.isPending ? t('control.ending') : t('control.endConfirm')}
          danger
          busy={end.isPending}
          onConfirm={() => end.mutate()}
          onCancel={() => setConfirm(undefined)}
          confirmTestId="end-session-confirm"
        >
          <p>{t('control.endText')}</p>
          {end.isError ? (
            <p className="alert" role="alert">
              {errorMessage(end.error)}
            </p>
          ) : null}
        </ConfirmDialog>
      ) : null}
      {confirm === 'cancel' ? (
        <ConfirmDialog
          title={t('control.cancelTitle')}
          confirmLabel={t('control.cancelConfirm')}
          danger
          busy={cancel.isPending}
          onConfirm={() => cancel.mutate()}
          onCancel={() => setConfirm(undefined)}
          confirmTestId="cancel-session-confirm"
        >
          <p>{t('control.cancelText')}</p>
          {cancel.isError ? (
            <p className="alert" role="alert">
              {errorMessage(cancel.error)}
            </p>
          ) : null}
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

function StatsPanel({
  viewers,
  summary,
  summaryError,
  live,
  sessionId,
  onRetry,
}: {
  viewers: number;
  summary: Summary | undefined;
  summaryError: Error | null;
  live: boolean;
  sessionId: string;
  onRetry: () => void;
}) {
  const { t } = useTranslation('studio');
  return (
    <section className="card stack" aria-labelledby="stats-title" id="stats">
      <div className="spread">
        <h2 id="stats-title">{t('stats.title')}</h2>
        {!live && summary ? (
          <Link to={`/studio/sessions/${sessionId}/summary`} className="small">
            {t('control.viewSummary')}
          </Link>
        ) : null}
      </div>
      <div className="studio-stats" aria-live="polite">
        <div>
          <span className="studio-stat-value" data-testid="stat-viewers">
            {formatNumber(viewers)}
          </span>
          <span className="small muted">{t('stats.viewers')}</span>
        </div>
        <div>
          <span className="studio-stat-value" data-testid="stat-orders">
            {summary ? formatNumber(summary.orders) : '–'}
          </span>
          <span className="small muted">{t('stats.orders')}</span>
        </div>
        <div className="studio-stat-wide">
          <span className="studio-stat-value" data-testid="stat-gmv">
            {summary ? formatVnd(summary.placedGmvVnd) : '–'}
          </span>
          <span className="small muted">{t('stats.gmv')}</span>
        </div>
        {summary ? (
          <div>
            <span className="studio-stat-value">{formatNumber(summary.peakViewers)}</span>
            <span className="small muted">{t('stats.peak')}</span>
          </div>
        ) : null}
      </div>
      {summaryError ? <ErrorBox error={summaryError} onRetry={onRetry} /> : null}
    </section>
  );
}

function LineupPanel({
  session,
  pins,
  stockOf,
  summary,
  open,
}: {
  session: SessionDetail;
  pins: PinnedProduct[];
  stockOf: (productId: string, fallback: number) => number;
  summary: Summary | undefined;
  open: boolean;
}) {
  const { t } = useTranslation('studio');
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const pinned = new Set(pins.map((pin) => pin.productId));
  const toggle = useMutation({
    mutationFn: async ({ productId, pin }: { productId: string; pin: boolean }) =>
      pin
        ? unwrap(
            await api.POST('/api/sessions/{id}/pins', {
              params: { path: { id: session.id } },
              body: { productId },
            }),
          )
        : unwrap(
            await api.DELETE('/api/sessions/{id}/pins/{productId}', {
              params: { path: { id: session.id, productId } },
            }),
          ),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: studioKeys.session(session.id) }),
  });
  const sold = new Map(summary?.products.map((product) => [product.productId, product]) ?? []);
  const limitReached = toggle.error instanceof ApiError && toggle.error.code === 'PIN_LIMIT_REACHED';

  return (
    <section className="card stack" aria-labelledby="products-title" id="products">
      <div className="spread">
        <h2 id="products-title">{t('lineup.title')}</h2>
        <span className="badge" aria-live="polite">
          {t('lineup.pinnedCount', { count: pins.length, max: MAX_PINS })}
        </span>
      </div>
      <p className="small muted">{t('lineup.hint', { max: MAX_PINS })}</p>
      {toggle.isError ? (
        <p className={limitReached ? 'alert warn' : 'alert'} role="alert" data-testid="pin-error">
          {limitReached ? t('lineup.limitReached', { max: MAX_PINS }) : errorMessage(toggle.error)}
        </p>
      ) : null}
      <ul className="studio-list">
        {session.lineupProducts.map((card) => {
          const isPinned = pinned.has(card.productId);
          const stock = stockOf(card.productId, card.stock);
          const figures = sold.get(card.productId);
          return (
            <li key={card.productId} className={isPinned ? 'studio-lineup pinned' : 'studio-lineup'}>
              <Picture
                image={imageOf(card)}
                alt=""
                sizes="56px"
                name={card.name}
                kind="product"
                aspect="1 / 1"
                className="studio-thumb"
              />
              <div className="studio-lineup-body">
                <strong>{card.name}</strong>
                <span className="small">
                  <span className="price">{formatVnd(card.priceVnd)}</span> · <Stars count={card.stars} />
                </span>
                <span className="small">
                  <span
                    data-testid="stat-stock"
                    data-product-id={card.productId}
                    className={stock <= 5 ? 'badge danger' : 'badge'}
                    aria-live="polite"
                  >
                    {t('lineup.stock', { count: stock, n: formatNumber(stock) })}
                  </span>{' '}
                  {figures
                    ? t('lineup.sold', { count: figures.items, n: formatNumber(figures.items) })
                    : null}
                  {card.perBuyerLimit !== null
                    ? ` · ${t('lineup.limit', { count: card.perBuyerLimit })}`
                    : ''}
                  {!card.sellable ? <span className="badge danger">{t('form.notSellable')}</span> : null}
                </span>
              </div>
              <button
                type="button"
                className={isPinned ? 'btn small' : 'btn small secondary'}
                data-testid="pin-toggle"
                data-product-id={card.productId}
                aria-pressed={isPinned}
                disabled={!open || toggle.isPending}
                onClick={() => toggle.mutate({ productId: card.productId, pin: !isPinned })}
              >
                {isPinned ? t('lineup.unpin') : t('lineup.pin')}
                <span className="visually-hidden"> {card.name}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
