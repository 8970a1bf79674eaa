import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { Empty, ErrorBox, Spinner } from '../../ui/components';
import { ProductCard } from './parts';
import './shop.css';

/** A producer (household, cooperative or enterprise): who they are, where, and their products on sale. */
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
        <h1 id="producer-name">{p.name}</h1>
        <p className="row small">
          <span className="badge">{t(`producer.kinds.${p.kind}`)}</span>
          <span>{[p.location.commune, p.location.province.name].filter(Boolean).join(', ')}</span>
        </p>
        {p.description && <p className="pre-line">{p.description}</p>}
      </section>
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
            {products.data.items.map((product) => (
              <ProductCard key={product.id} product={product} />
            ))}
          </div>
        )}
      </section>
    </div>
  );
}
