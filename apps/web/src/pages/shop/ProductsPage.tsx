import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { Empty, ErrorBox, Spinner } from '../../ui/components';
import { useProvinces } from '../../ui/useProvinces';
import { ProductCard, useGroupName } from './parts';
import { OCOP_GROUPS, type OcopGroup } from './shop-data';
import './shop.css';

const PAGE_SIZE = 24;

/** Product search: words with or without diacritics (the api folds them), OCOP group, stars, province. */
export function ProductsPage() {
  const { t } = useTranslation('shop');
  const groupName = useGroupName();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const group = (OCOP_GROUPS as readonly string[]).includes(params.get('group') ?? '')
    ? (params.get('group') as OcopGroup)
    : undefined;
  const starsParam = Number(params.get('stars'));
  const stars = starsParam === 3 || starsParam === 4 || starsParam === 5 ? starsParam : undefined;
  const province = params.get('province') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [text, setText] = useState(q);
  const provinces = useProvinces();

  const query = useQuery({
    queryKey: ['public', 'products', 'search', { q, group, stars, province, page }],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/products', {
          params: {
            query: {
              ...(q ? { q } : {}),
              ...(group ? { group } : {}),
              ...(stars ? { stars } : {}),
              ...(province ? { province } : {}),
              page,
              pageSize: PAGE_SIZE,
            },
          },
        }),
      ),
    placeholderData: (previous) => previous,
  });

  function update(changes: Record<string, string | undefined>) {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  }

  function search(event: FormEvent) {
    event.preventDefault();
    update({ q: text.trim() || undefined });
  }

  const pages = query.data ? Math.max(1, Math.ceil(query.data.total / query.data.pageSize)) : 1;

  return (
    <div className="stack">
      <h1>{t('search.title')}</h1>
      <form role="search" className="stack card" onSubmit={search}>
        <div className="search-row">
          <label htmlFor="product-search" className="visually-hidden">
            {t('search.label')}
          </label>
          <input
            id="product-search"
            data-testid="product-search"
            type="search"
            value={text}
            placeholder={t('search.placeholder')}
            onChange={(event) => setText(event.target.value)}
          />
          <button type="submit" className="btn">
            {t('search.submit')}
          </button>
        </div>
        <div className="filters">
          <div className="field">
            <label htmlFor="filter-group">{t('search.group')}</label>
            <select
              id="filter-group"
              value={group ?? ''}
              onChange={(event) => update({ group: event.target.value || undefined })}
            >
              <option value="">{t('search.any')}</option>
              {OCOP_GROUPS.map((g) => (
                <option key={g} value={g}>
                  {groupName(g)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-stars">{t('search.stars')}</label>
            <select
              id="filter-stars"
              value={stars ?? ''}
              onChange={(event) => update({ stars: event.target.value || undefined })}
            >
              <option value="">{t('search.any')}</option>
              {[3, 4, 5].map((s) => (
                <option key={s} value={s}>
                  {t('search.starsOption', { count: s })}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-province">{t('search.province')}</label>
            <select
              id="filter-province"
              value={province}
              aria-busy={provinces.isPending}
              onChange={(event) => update({ province: event.target.value || undefined })}
            >
              <option value="">{t('search.any')}</option>
              {provinces.data?.map((entry) => (
                <option key={entry.code} value={entry.code}>
                  {entry.name}
                </option>
              ))}
              {province && !provinces.data?.some((entry) => entry.code === province) && (
                <option value={province}>{province}</option>
              )}
            </select>
            {provinces.isError && (
              <ErrorBox error={provinces.error} onRetry={() => void provinces.refetch()} />
            )}
          </div>
        </div>
      </form>

      <section className="stack" aria-labelledby="results-title" aria-busy={query.isFetching}>
        <h2 id="results-title" className="visually-hidden">
          {t('search.results')}
        </h2>
        {query.isPending ? (
          <Spinner />
        ) : query.isError ? (
          <ErrorBox error={query.error} onRetry={() => void query.refetch()} />
        ) : query.data.items.length === 0 ? (
          <Empty>{t('search.none')}</Empty>
        ) : (
          <>
            <p className="small muted" aria-live="polite">
              {t('search.count', { count: query.data.total })}
            </p>
            <div className="grid">
              {query.data.items.map((product) => (
                <ProductCard key={product.id} product={product} />
              ))}
            </div>
            {pages > 1 && (
              <nav className="row pager" aria-label={t('search.pages')}>
                <button
                  type="button"
                  className="btn secondary small"
                  disabled={page <= 1}
                  onClick={() => update({ page: String(page - 1) })}
                >
                  {t('search.previous')}
                </button>
                <span className="small">{t('search.pageOf', { page, pages })}</span>
                <button
                  type="button"
                  className="btn secondary small"
                  disabled={page >= pages}
                  onClick={() => update({ page: String(page + 1) })}
                >
                  {t('search.next')}
                </button>
              </nav>
            )}
          </>
        )}
      </section>
    </div>
  );
}
