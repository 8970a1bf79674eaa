import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schema } from '../../api/client';
import { formatDate } from '../../lib/format';
import { useErrorMessage } from '../../ui/components';
import { canSubmit, displayStatus, expiryLevel, statusTone } from './certificate';

type Product = Schema<'ProductResponse'>;

/** The product's state as a badge, with the admin's reason when it was sent back or suspended. */
export function StatusBadge({ product }: { product: Product }) {
  const { t } = useTranslation('farmer');
  const status = displayStatus(product);
  return (
    <span className={`badge ${statusTone(status)}`} data-testid="product-status">
      {t(`status.${status}`)}
    </span>
  );
}

export function StatusReason({ product }: { product: Product }) {
  const { t } = useTranslation('farmer');
  if (!product.statusReason) return null;
  return <p className="alert warn small">{t('products.reason', { reason: product.statusReason })}</p>;
}

/** "Expires in 12 days" (warning) or "Expired" (danger); nothing while the certificate is far from expiry. */
export function CertificateWarning({ product }: { product: Product }) {
  const { t, i18n } = useTranslation('farmer');
  const level = expiryLevel(product.daysUntilExpiry, product.certificateState);
  if (level === 'ok') return null;
  const date = formatDate(product.certificate.expiresOn, i18n.language);
  return (
    <p
      className={`alert small ${level === 'soon' ? 'warn' : ''}`}
      data-testid="cert-warning"
      data-level={level}
    >
      {level === 'soon'
        ? t('certificate.expiresSoon', { count: Math.max(0, product.daysUntilExpiry), date })
        : t('certificate.expired', { date })}
    </p>
  );
}

/** "Send for verification" for a draft or suspended product. */
export function SubmitButton({ product, block }: { product: Product; block?: boolean }) {
  const { t } = useTranslation('farmer');
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const submit = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/products/{id}/submit', { params: { path: { id: product.id } } })),
    onSuccess: (updated) => {
      queryClient.setQueryData(['farmer', 'product', updated.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['farmer', 'products'] });
    },
  });
  if (!canSubmit(product)) return null;
  return (
    <div className="stack">
      <button
        type="button"
        className={`btn ${block ? 'block' : ''}`}
        data-testid="product-submit"
        disabled={submit.isPending}
        onClick={() => submit.mutate()}
      >
        {t('products.submit')}
      </button>
      {submit.isError && (
        <p className="error-text small" role="alert">
          {errorMessage(submit.error)}
        </p>
      )}
    </div>
  );
}
