import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schema } from '../../api/client';
import { formatDate, formatDateTime, formatVnd } from '../../lib/format';
import { Empty, ErrorBox, Field, Spinner, Stars } from '../../ui/components';
import { expiryLevel } from '../farmer/certificate';
import { Pager } from '../../ui/Pager';
import { CertificateViewer } from '../../ui/CertificateViewer';
import { Picture } from '../../ui/Picture';
import { mediaOf } from '../farmer/ProductMedia';

type Product = Schema<'ProductResponse'>;
type Status = Product['status'];
const STATUSES: Status[] = ['pending_verification', 'active', 'suspended', 'draft'];
const PAGE_SIZE = 20;

export function ProductsReviewPage() {
  const { t } = useTranslation('admin');
  const [status, setStatus] = useState<Status>('pending_verification');
  const [page, setPage] = useState(1);
  const products = useQuery({
    queryKey: ['admin', 'products', status, page],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/admin/products', { params: { query: { status, page, pageSize: PAGE_SIZE } } }),
      ),
  });
  return (
    <div className="stack">
      <h1>{t('products.title')}</h1>
      <div className="filter-buttons" role="group" aria-label={t('products.filterLabel')}>
        {STATUSES.map((value) => (
          <button
            key={value}
            type="button"
            className="btn secondary small"
            aria-pressed={status === value}
            onClick={() => {
              setStatus(value);
              setPage(1);
            }}
          >
            {t(`products.status.${value}`)}
          </button>
        ))}
      </div>
      {products.isPending ? (
        <Spinner />
      ) : products.isError ? (
        <ErrorBox error={products.error} onRetry={() => void products.refetch()} />
      ) : products.data.items.length === 0 ? (
        <Empty>{t('products.empty')}</Empty>
      ) : (
        <>
          <ul className="review-list">
            {products.data.items.map((product) => (
              <ReviewItem key={product.id} product={product} />
            ))}
          </ul>
          <Pager page={page} pageSize={PAGE_SIZE} total={products.data.total} onPage={setPage} />
        </>
      )}
    </div>
  );
}

type Decision = { kind: 'verify' } | { kind: 'reject' | 'suspend'; reason: string };

function ReviewItem({ product }: { product: Product }) {
  const { t, i18n } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const [details, setDetails] = useState(false);
  const [asking, setAsking] = useState<'reject' | 'suspend'>();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string>();
  const full = useQuery({
    queryKey: ['admin', 'product', product.id],
    enabled: details,
    queryFn: async () =>
      unwrap(await api.GET('/api/admin/products/{id}', { params: { path: { id: product.id } } })),
  });
  const decide = useMutation({
    mutationFn: async (decision: Decision) => {
      const path = { params: { path: { id: product.id } } };
      switch (decision.kind) {
        case 'verify':
          return unwrap(await api.POST('/api/admin/products/{id}/verify', path));
        case 'reject':
          return unwrap(
            await api.POST('/api/admin/products/{id}/reject', { ...path, body: { reason: decision.reason } }),
          );
        case 'suspend':
          return unwrap(
            await api.POST('/api/admin/products/{id}/suspend', {
              ...path,
              body: { reason: decision.reason },
            }),
          );
      }
    },
    onSuccess: () => {
      setAsking(undefined);
      void queryClient.invalidateQueries({ queryKey: ['admin', 'products'] });
    },
  });
  const shown = full.data ?? product;
  const level = expiryLevel(shown.daysUntilExpiry, shown.certificateState);
  const onReason = (event: FormEvent) => {
    event.preventDefault();
    if (!asking) return;
    if (!reason.trim()) {
      setProblem(t('products.reasonRequired'));
      return;
    }
    setProblem(undefined);
    decide.mutate({ kind: asking, reason: reason.trim() });
  };
  const detailsId = `product-details-${product.id}`;
  return (
    <li
      className="card stack"
      data-testid="admin-product"
      data-product-id={product.id}
      data-status={product.status}
    >
      <div className="spread">
        <h2>{product.name}</h2>
        <span
          className={`badge ${product.status === 'active' ? '' : product.status === 'suspended' ? 'danger' : 'warn'}`}
        >
          {t(`products.status.${product.status}`)}
        </span>
      </div>
      <p className="muted small">
        {product.producer.name} · {product.producer.province.name} · {tc(`ocop.groups.${product.group}`)}
      </p>
      <dl>
        <dt>{tc('ocop.certificate')}</dt>
        <dd>
          <Stars count={shown.certificate.stars} />
        </dd>
        <dt>{tc('ocop.decisionNumber')}</dt>
        <dd>{shown.certificate.decisionNumber}</dd>
        <dt>{tc('ocop.issuingBody')}</dt>
        <dd>{shown.certificate.issuingBody}</dd>
        <dt>{tc('ocop.signedOn')}</dt>
        <dd>{formatDate(shown.certificate.signedOn, i18n.language)}</dd>
        <dt>{tc('ocop.expiresOn')}</dt>
        <dd>
          {formatDate(shown.certificate.expiresOn, i18n.language)}{' '}
          {level !== 'ok' && (
            <span className={`badge ${level === 'soon' ? 'warn' : 'danger'}`}>
              {t(`products.expiry.${level}`)}
            </span>
          )}
        </dd>
        <dt>{t('products.price')}</dt>
        <dd>{formatVnd(product.priceVnd)}</dd>
        {product.submittedAt && (
          <>
            <dt>{t('products.submittedAt')}</dt>
            <dd>{formatDateTime(product.submittedAt, i18n.language)}</dd>
          </>
        )}
        {product.statusReason && (
          <>
            <dt>{t('products.reason')}</dt>
            <dd>{product.statusReason}</dd>
          </>
        )}
      </dl>
      <CertificateViewer
        document={mediaOf(shown).certificateDocument}
        productName={product.name}
        testId="admin-certificate"
      />
      <button
        type="button"
        className="link-button"
        aria-expanded={details}
        aria-controls={detailsId}
        onClick={() => setDetails((value) => !value)}
      >
        {details ? t('products.hideDetails') : t('products.showDetails')}
      </button>
      {details && (
        <div id={detailsId} className="stack">
          {full.isPending ? (
            <Spinner />
          ) : full.isError ? (
            <ErrorBox error={full.error} onRetry={() => void full.refetch()} />
          ) : (
            <>
              {full.data.description && <p>{full.data.description}</p>}
              {(mediaOf(full.data).photos ?? []).length > 0 && (
                <ul className="review-photos" aria-label={t('products.photos')}>
                  {(mediaOf(full.data).photos ?? []).map((photo) => (
                    <li key={photo.id}>
                      <Picture
                        image={photo}
                        alt={full.data.name}
                        sizes="96px"
                        name={full.data.name}
                        kind="product"
                        aspect="1 / 1"
                      />
                    </li>
                  ))}
                </ul>
              )}
              <p className="small muted">
                {t('products.stock', { count: full.data.stock })} ·{' '}
                {t('products.createdAt', { time: formatDateTime(full.data.createdAt, i18n.language) })}
              </p>
            </>
          )}
        </div>
      )}
      {decide.isError && <ErrorBox error={decide.error} />}
      {asking ? (
        <form className="stack" onSubmit={onReason} noValidate>
          <Field
            id={`reason-${product.id}`}
            label={asking === 'reject' ? t('products.rejectReason') : t('products.suspendReason')}
            hint={t('products.reasonHint')}
            error={problem}
          >
            <textarea
              id={`reason-${product.id}`}
              data-testid="reason-input"
              rows={2}
              value={reason}
              aria-invalid={problem ? true : undefined}
              onChange={(event) => setReason(event.target.value)}
            />
          </Field>
          <div className="row">
            <button
              type="submit"
              className="btn danger"
              data-testid="reason-confirm"
              disabled={decide.isPending}
            >
              {asking === 'reject' ? t('products.rejectConfirm') : t('products.suspendConfirm')}
            </button>
            <button type="button" className="btn secondary" onClick={() => setAsking(undefined)}>
              {t('products.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="row">
          {product.status === 'pending_verification' && (
            <>
              <button
                type="button"
                className="btn"
                data-testid="verify-product"
                disabled={decide.isPending}
                onClick={() => decide.mutate({ kind: 'verify' })}
              >
                {t('products.verify')}
              </button>
              <button
                type="button"
                className="btn secondary"
                data-testid="reject-product"
                disabled={decide.isPending}
                onClick={() => setAsking('reject')}
              >
                {t('products.reject')}
              </button>
            </>
          )}
          {product.status === 'active' && (
            <button
              type="button"
              className="btn danger"
              disabled={decide.isPending}
              onClick={() => setAsking('suspend')}
            >
              {t('products.suspend')}
            </button>
          )}
        </div>
      )}
    </li>
  );
}
