import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { isOcopGroup, isOcopStars, OCOP_GROUPS, OCOP_STARS } from '../../lib/ocop';
import { Empty, ErrorBox, Spinner } from '../../ui/components';
import { Pager } from '../../ui/Pager';
import { useProvinces } from '../../ui/useProvinces';
import { ProductCard, useGroupName } from './parts';
import './shop.css';

const PAGE_SIZE = 24;

/** Product search: words with or without diacritics (the api folds them), OCOP group, stars, province. */
export function ProductsPage() {
  const { t } = useTranslation('shop');
  const groupName = useGroupName();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const groupParam = params.get('group');
  const group = isOcopGroup(groupParam) ? groupParam : undefined;
  const starsParam = Number(params.get('stars'));
  const stars = isOcopStars(starsParam) ? starsParam : undefined;
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
              {OCOP_STARS.map((s) => (
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
            <Pager
              page={page}
              pageSize={query.data.pageSize}
              total={query.data.total}
              onPage={(next) => update({ page: String(next) })}
              label={t('search.pages')}
            />
          </>
        )}
      </section>
    </div>
  );
}
