import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { BranchPicker, type BranchChoice } from '../../ui/BranchPicker';
import { useErrorMessage } from '../../ui/components';
import { MembershipList } from './MembershipList';
import { studioKeys, useMemberships } from './studio-api';
import './studio.css';
import { ArrowLeftIcon } from '../../ui/icons';

export function ApplyPage() {
  const { t } = useTranslation('studio');
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const memberships = useMemberships();
  const [branch, setBranch] = useState<BranchChoice | null>(null);
  const [done, setDone] = useState<string | undefined>();
  const formId = useId();

  const apply = useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.POST('/api/me/memberships', { body: { branchId: id } })),
    onSuccess: (membership) => {
      setDone(membership.branchName);
      void queryClient.invalidateQueries({ queryKey: studioKeys.memberships });
    },
  });

  const pending = memberships.data?.find((membership) => membership.status === 'pending');
  const active = memberships.data?.find((membership) => membership.status === 'active');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!branch) return;
    setDone(undefined);
    apply.mutate(branch.id);
  };

  return (
    <div className="stack studio studio-narrow">
      <p>
        <Link to="/studio">
          <ArrowLeftIcon /> {t('nav.backToStudio')}
        </Link>
      </p>
      <h1>{t('apply.title')}</h1>
      <p className="muted">{t('apply.intro')}</p>
      {active ? (
        <p className="alert info" role="status">
          {t('apply.alreadyActive', { branch: active.branchName })}
        </p>
      ) : null}
      {pending ? (
        <p className="alert warn" role="status">
          {t('apply.pendingNotice', { branch: pending.branchName })}
        </p>
      ) : null}
      <form className="card stack" onSubmit={submit} aria-labelledby={`${formId}-title`} noValidate>
        <h2 id={`${formId}-title`}>{t('apply.formTitle')}</h2>
        <BranchPicker
          id={`${formId}-branch`}
          label={t('apply.branch')}
          hint={t('apply.branchHint')}
          value={branch}
          onChange={(next) => {
            setBranch(next);
            setDone(undefined);
          }}
          testId="apply-branch"
        />
        {apply.isError ? (
          <p className="alert" role="alert">
            {errorMessage(apply.error)}
          </p>
        ) : null}
        {done ? (
          <p className="alert info" role="status">
            {t('apply.sent', { branch: done })}
          </p>
        ) : null}
        <button
          type="submit"
          className="btn block"
          data-testid="apply-submit"
          disabled={!branch || apply.isPending}
        >
          {apply.isPending ? t('apply.sending') : t('apply.submit')}
        </button>
      </form>
      <section className="stack" aria-labelledby={`${formId}-mine`}>
        <h2 id={`${formId}-mine`}>{t('membership.title')}</h2>
        <MembershipList />
      </section>
    </div>
  );
}
