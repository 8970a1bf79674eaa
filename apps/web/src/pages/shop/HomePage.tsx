import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useAuth } from '../../auth/AuthProvider';
import { bootAnswer } from '../../lib/boot';
import { Empty, ErrorBox, Spinner } from '../../ui/components';
import { ProductCard } from './parts';
import { SearchIcon } from './room/icons';
import { RoomCard } from './room/RoomCard';
import { useMyReminders } from './room/RemindButton';
import { useNow } from './useNow';
import './shop.css';
import './room/home.css';

type Listing = 'live' | 'upcoming' | 'past';

function useSessions(status: Listing, q?: string) {
  // The order depends on who asks (the hosts they follow come first): one cache entry per viewer.
  const { me } = useAuth();
  const pageSize = status === 'past' ? 12 : 24;
  const queryFn = async () =>
    unwrap(await api.GET('/api/sessions', { params: { query: { status, pageSize, ...(q ? { q } : {}) } } }));
  return useQuery({
    queryKey: ['public', 'sessions', status, q ?? '', me?.id ?? 'guest'],
    queryFn,
    // The shell's answer (a guest's lists) paints the sections at once, cards in place: nothing shifts.
    ...(q || me
      ? {}
      : bootAnswer<Awaited<ReturnType<typeof queryFn>>>(
          `/api/sessions?status=${status}&pageSize=${pageSize}`,
        )),
    refetchInterval: status === 'live' ? 30_000 : false,
  });
}

/** Home: a search box, then a feed of rooms live now, the products, what is coming (with countdowns), replays. */
export function HomePage() {
  const { t } = useTranslation('shop');
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  return (
    <div className="stack home">
      <h1 className="visually-hidden">{t('home.title')}</h1>
      <SearchBox initial={q} onSearch={(value) => setParams(value ? { q: value } : {}, { replace: false })} />
      {q ? (
        <SearchResults q={q} />
      ) : (
        <>
          <p className="muted home-intro">{t('home.intro')}</p>
          <SessionSection
            listing="live"
            testId="live-now"
            title={t('home.liveNow')}
            empty={t('home.noLive')}
          />
          <SessionSection
            listing="upcoming"
            testId="upcoming"
            title={t('home.upcoming')}
            empty={t('home.noUpcoming')}
          />
          <FeaturedProducts />
          <SessionSection
            listing="past"
            testId="replays"
            title={t('home.replays')}
            empty={t('home.noReplays')}
          />
          <p>
            <Link to="/products">{t('home.browseProducts')}</Link>
          </p>
        </>
      )}
    </div>
  );
}

function SearchBox({ initial, onSearch }: { initial: string; onSearch: (q: string) => void }) {
  const { t } = useTranslation('room');
  const [value, setValue] = useState(initial);
  const [last, setLast] = useState(initial);
  if (initial !== last) {
    setLast(initial);
    setValue(initial);
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    onSearch(value.trim());
  }
  return (
    <form role="search" className="home-search" onSubmit={submit} aria-label={t('home.searchLabel')}>
      <label htmlFor="home-search" className="visually-hidden">
        {t('home.searchLabel')}
      </label>
      <SearchIcon className="home-search-icon" />
      <input
        id="home-search"
        type="search"
        data-testid="home-search"
        value={value}
        maxLength={200}
        enterKeyHint="search"
        placeholder={t('home.searchPlaceholder')}
        onChange={(event) => setValue(event.target.value)}
      />
      <button type="submit" className="btn" data-testid="home-search-submit">
        {t('home.search')}
      </button>
    </form>
  );
}

/** Sessions (live first, then upcoming, then replays) and products whose words match, diacritics or not. */
function SearchResults({ q }: { q: string }) {
  const { t } = useTranslation('room');
  const now = useNow(true);
  const live = useSessions('live', q);
  const upcoming = useSessions('upcoming', q);
  const past = useSessions('past', q);
  const products = useQuery({
    queryKey: ['public', 'products', 'search', q],
    queryFn: async () => unwrap(await api.GET('/api/products', { params: { query: { q, pageSize: 12 } } })),
  });
  const queries = [live, upcoming, past, products];
  const failed = queries.find((query) => query.isError);
  if (failed)
    return <ErrorBox error={failed.error} onRetry={() => queries.forEach((x) => void x.refetch())} />;
  if (queries.some((query) => query.isPending)) return <Spinner />;
  const sessions = [
    ...(live.data?.items ?? []),
    ...(upcoming.data?.items ?? []),
    ...(past.data?.items ?? []),
  ];
  const items = products.data?.items ?? [];
  return (
    <section className="stack" data-testid="search-results" aria-labelledby="search-title">
      <h2 id="search-title">{t('home.results', { q })}</h2>
      {sessions.length === 0 && items.length === 0 && <Empty>{t('home.noneFound')}</Empty>}
      {sessions.length > 0 && (
        <section className="stack" aria-labelledby="found-sessions">
          <h3 id="found-sessions">{t('home.sessionsFound')}</h3>
          <div className="feed-grid">
            {sessions.map((session) => (
              <RoomCard key={session.id} session={session} now={now} />
            ))}
          </div>
        </section>
      )}
      {items.length > 0 && (
        <section className="stack" aria-labelledby="found-products">
          <h3 id="found-products">{t('home.productsFound')}</h3>
          <div className="grid">
            {items.map((product) => (
              <ProductCard key={product.id} product={product} />
            ))}
          </div>
        </section>
      )}
    </section>
  );
}

function SessionSection({
  listing,
  testId,
  title,
  empty,
}: {
  listing: Listing;
  testId: string;
  title: string;
  empty: string;
}) {
  const query = useSessions(listing);
  const { query: reminders } = useMyReminders(listing === 'upcoming');
  const sessions = (query.data?.items ?? []).filter((s) => listing !== 'past' || s.status === 'ended');
  const now = useNow(listing === 'upcoming' && sessions.length > 0);
  const headingId = `home-${testId}`;
  return (
    <section className="stack" data-testid={testId} aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {listing === 'upcoming' && reminders.isError && (
        <ErrorBox error={reminders.error} onRetry={() => void reminders.refetch()} />
      )}
      {query.isPending ? (
        <CardPlaceholders />
      ) : query.isError ? (
        <ErrorBox error={query.error} onRetry={() => void query.refetch()} />
      ) : sessions.length === 0 ? (
        <Empty>{empty}</Empty>
      ) : (
        <div className="feed-grid">
          {sessions.map((session, index) => (
            <RoomCard
              key={session.id}
              session={session}
              now={now}
              priority={listing === 'live' && index < 2}
            />
          ))}
        </div>
      )}
    </section>
  );
}

/**
 * While a section's rooms load (without the shell's answers: a signed-in visitor, a search): a row of cards of the
 * rooms' own size, so that the rooms take their place instead of pushing the sections below down.
 */
function CardPlaceholders() {
  const { t } = useTranslation();
  return (
    <div className="feed-grid" role="status" aria-label={t('state.loading')} data-testid="feed-placeholders">
      {[0, 1].map((n) => (
        <div key={n} className="feed-card" aria-hidden="true">
          <div className="feed-card-link feed-placeholder" />
        </div>
      ))}
    </div>
  );
}

const FEATURED = 6;

/** A shelf of OCOP products on sale, with their photos, between what is live and what is coming. */
function FeaturedProducts() {
  const { t } = useTranslation('shop');
  const queryFn = async () =>
    unwrap(await api.GET('/api/products', { params: { query: { pageSize: FEATURED } } }));
  const query = useQuery({
    queryKey: ['public', 'products', 'featured'],
    queryFn,
    ...bootAnswer<Awaited<ReturnType<typeof queryFn>>>(`/api/products?pageSize=${FEATURED}`),
  });
  const items = query.data?.items ?? [];
  if (query.isError || (!query.isPending && items.length === 0)) return null;
  return (
    <section className="stack" data-testid="featured-products" aria-labelledby="home-featured">
      <h2 id="home-featured">{t('home.featured')}</h2>
      {query.isPending ? (
        <Spinner />
      ) : (
        <div className="grid">
          {items.map((product) => (
            <ProductCard key={product.id} product={product} />
          ))}
        </div>
      )}
      <p>
        <Link to="/products">{t('home.browseProducts')}</Link>
      </p>
    </section>
  );
}
