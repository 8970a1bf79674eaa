import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { Stars, useErrorMessage } from '../../ui/components';
import type { CampaignProduct } from './types';

/** States in which a product is still the admin's to hand out: once scheduled, the session's host holds it. */
const STREAMER = 'streamer:';

const ASSIGNABLE = new Set<CampaignProduct['state']>(['not_assigned', 'assigned']);

/**
 * One target product with who holds it and, while nobody has scheduled it, a branch to hand it to: the branches
 * below the admin's (their coverage rows), or a streamer of the admin's own branch. The api refuses a branch outside the subtree or a product another
 * district holds with a stable code, shown in the reader's language.
 */
export function AssignItem({
  campaignId,
  product,
  branches,
  own,
  testId,
}: {
  campaignId: string;
  product: CampaignProduct;
  branches: { branchId: string; name: string }[];
  /** The admin's own branch and its streamers: a product can be handed to one of them. */
  own?: { branchId: string; name: string; streamers: { userId: string; name: string }[] } | null;
  testId: string;
}) {
  const { t } = useTranslation('campaigns');
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const selectId = useId();
  const others = branches.filter((b) => b.branchId !== product.assignedBranchId);
  const streamers = (own?.streamers ?? []).filter((s) => s.userId !== product.streamerUserId);
  // An option's value: a branch's id, or `streamer:<user id>` for a streamer of the admin's own branch.
  const values = [...others.map((b) => b.branchId), ...streamers.map((s) => `${STREAMER}${s.userId}`)];
  const [chosen, setChosen] = useState('');
  const value = values.includes(chosen) ? chosen : (values[0] ?? '');
  const assign = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/campaigns/{id}/assignments', {
          params: { path: { id: campaignId } },
          body: value.startsWith(STREAMER)
            ? {
                productIds: [product.productId],
                branchId: own?.branchId ?? '',
                streamerUserId: value.slice(STREAMER.length),
              }
            : { productIds: [product.productId], branchId: value },
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
      {ASSIGNABLE.has(product.state) && values.length > 0 && (
        <div className="assign-row">
          <label className="visually-hidden" htmlFor={selectId}>
            {t('atRisk.assignTo', { name: product.name })}
          </label>
          <select id={selectId} value={value} onChange={(e) => setChosen(e.target.value)}>
            {others.map((b) => (
              <option key={b.branchId} value={b.branchId}>
                {b.name}
              </option>
            ))}
            {own && streamers.length > 0 && (
              <optgroup label={t('assign.streamersOf', { name: own.name })}>
                {streamers.map((s) => (
                  <option key={s.userId} value={`${STREAMER}${s.userId}`}>
                    {s.name}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
          <button
            type="button"
            className="btn"
            disabled={!value || assign.isPending}
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
