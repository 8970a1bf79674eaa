import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { Stars, useErrorMessage } from '../../ui/components';
import type { CampaignProduct } from './types';

/** States in which a product is still the admin's to hand out: once scheduled, the session's host holds it. */
const ASSIGNABLE = new Set<CampaignProduct['state']>(['not_assigned', 'assigned']);

/**
 * One target product with who holds it and, while nobody has scheduled it, a branch to hand it to: the branches
 * below the admin's (their coverage rows). The api refuses a branch outside the subtree or a product another
 * district holds with a stable code, shown in the reader's language.
 */
export function AssignItem({
  campaignId,
  product,
  branches,
  testId,
}: {
  campaignId: string;
  product: CampaignProduct;
  branches: { branchId: string; name: string }[];
  testId: string;
}) {
  const { t } = useTranslation('campaigns');
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const selectId = useId();
  const others = branches.filter((b) => b.branchId !== product.assignedBranchId);
  const [chosen, setChosen] = useState('');
  const branchId = others.some((b) => b.branchId === chosen) ? chosen : (others[0]?.branchId ?? '');
  const assign = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/campaigns/{id}/assignments', {
          params: { path: { id: campaignId } },
          body: { productIds: [product.productId], branchId },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['campaign', campaignId] }),
  });
  return (
    <li
      className="assign-item stack-tight"
      data-testid={testId}
      data-product-id={product.productId}
      data-state={product.state}
    >
      <strong>{product.name}</strong>
      <span className="muted small">
        <Stars count={product.stars} /> {product.producerName}
      </span>
      <span className="row wrap small">
        <span className={`state-chip state-${product.state}`}>{t(`states.${product.state}`)}</span>
        {product.assignedBranchName && (
          <span data-testid="assigned-branch">
            {product.assignedBranchName}
            {product.streamerName ? ` · ${product.streamerName}` : ''}
          </span>
        )}
      </span>
      {ASSIGNABLE.has(product.state) && others.length > 0 && (
        <div className="assign-row">
          <label className="visually-hidden" htmlFor={selectId}>
            {t('atRisk.assignTo', { name: product.name })}
          </label>
          <select id={selectId} value={branchId} onChange={(e) => setChosen(e.target.value)}>
            {others.map((b) => (
              <option key={b.branchId} value={b.branchId}>
                {b.name}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="btn"
            disabled={!branchId || assign.isPending}
            aria-busy={assign.isPending}
            onClick={() => assign.mutate()}
          >
            {t('atRisk.assign')}
          </button>
        </div>
      )}
      {assign.isError && (
        <span className="error-text small" role="alert">
          {errorMessage(assign.error)}
        </span>
      )}
    </li>
  );
}
