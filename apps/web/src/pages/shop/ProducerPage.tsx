import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { logoOf } from '../../lib/media';
import { Empty, ErrorBox, Spinner } from '../../ui/components';
import { Picture } from '../../ui/Picture';
import { ProductCard, SessionCard } from './parts';
import { ShareButton } from './ShareButton';
import './shop.css';
import './share.css';

/**
 * A producer (household, cooperative or enterprise): who they are, where, their live sessions (live now, coming
 * up, replays) and their products on sale.
 */
export function ProducerPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('shop');
  const producer = useQuery({
    queryKey: ['public', 'producers', id],
    queryFn: async () => unwrap(await api.GET('/api/producers/{id}', { params: { path: { id } } })),
  });
  const products = useQuery({
    queryKey: ['public', 'products', 'search', { producerId: id }],
    queryFn: async () =>
      unwrap(await api.GET('/api/products', { params: { query: { producerId: id, pageSize: 48 } } })),
  });
  if (producer.isPending) return <Spinner />;
  if (producer.isError) return <ErrorBox error={producer.error} onRetry={() => void producer.refetch()} />;
  const p = producer.data;
  return (
    <div className="stack">
      <section className="card stack" aria-labelledby="producer-name">
        <div className="row">
          <Picture
            image={logoOf(p)}
            alt={t('producer.logoAlt', { name: p.name })}
            sizes="72px"
            name={p.name}
            kind="producer"
            aspect="1 / 1"
            className="producer-logo"
            priority
            testId="producer-logo"
          />
          <div className="producer-title-row">
            <h1 id="producer-name">{p.name}</h1>
            <ShareButton producerId={p.id} title={p.name} compact />
          </div>
        </div>
        <p className="row small">
          <span className="badge">{t(`producer.kinds.${p.kind}`)}</span>
          <span>{[p.location.commune, p.location.province.name].filter(Boolean).join(', ')}</span>
        </p>
        {p.description && <p className="pre-line">{p.description}</p>}
      </section>
      <ProducerSessions producerId={p.id} />
      <section className="stack" aria-labelledby="producer-products">
        <h2 id="producer-products">{t('producer.products')}</h2>
        {products.isPending ? (
          <Spinner />
        ) : products.isError ? (
          <ErrorBox error={products.error} onRetry={() => void products.refetch()} />
        ) : products.data.items.length === 0 ? (
          <Empty>{t('producer.noProducts')}</Empty>
        ) : (
          <div className="grid">
            {products.data.items.map((product, index) => (
              <ProductCard key={product.id} product={product} priority={index < 2} />
            ))}
          </div>
        )}
      </section>
    </div>
  );
}

/** The producer's sessions, from the lineups that hold any of their products: live now, coming up, replays. */
function ProducerSessions({ producerId }: { producerId: string }) {
  const { t } = useTranslation('share');
  const sessions = useQuery({
    queryKey: ['public', 'producers', producerId, 'sessions'],
    queryFn: async () =>
      unwrap(await api.GET('/api/producers/{id}/sessions', { params: { path: { id: producerId } } })),
  });
  const groups = sessions.data
    ? ([
        ['live', sessions.data.live],
        ['upcoming', sessions.data.upcoming],
        ['replays', sessions.data.replays],
      ] as const)
    : [];
  return (
    <section
      className="stack producer-sessions"
      aria-labelledby="producer-sessions"
      data-testid="producer-sessions"
    >
      <h2 id="producer-sessions">{t('producer.sessions')}</h2>
      {sessions.isPending ? (
        <Spinner />
      ) : sessions.isError ? (
        <ErrorBox error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : groups.every(([, list]) => list.length === 0) ? (
        <Empty>{t('producer.noSessions')}</Empty>
      ) : (
        groups.map(([key, list]) =>
          list.length === 0 ? null : (
            <div key={key} className="stack" data-testid={`producer-sessions-${key}`}>
              <h3>{t(`producer.${key}`)}</h3>
              <div className="grid">
                {list.map((session, index) => (
                  <SessionCard key={session.id} session={session} priority={key === 'live' && index === 0} />
                ))}
              </div>
            </div>
          ),
        )
      )}
    </section>
  );
}
