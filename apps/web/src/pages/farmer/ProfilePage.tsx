import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError, api, unwrap, type Schema } from '../../api/client';
import { authStore } from '../../auth/auth-store';
import { BranchPicker, type BranchChoice } from '../../ui/BranchPicker';
import { ErrorBox, Field, Spinner } from '../../ui/components';
import { useProvinces } from '../../ui/useProvinces';
import { ProducerLogoCard } from './ProducerLogo';
import { ShippingFeeCard } from '../shop/cart/ShippingFeeCard';

type Producer = Schema<'ProducerResponse'>;
type Kind = Producer['kind'];
const KINDS: Kind[] = ['household', 'cooperative', 'enterprise'];

/** No producer profile yet: the api answers 404 (or PRODUCER_PROFILE_REQUIRED). */
export function isMissingProfile(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.status === 404 ||
      error.code === 'PRODUCER_PROFILE_REQUIRED' ||
      error.code === 'PRODUCER_NOT_FOUND')
  );
}

export function ProfilePage() {
  const { t } = useTranslation('farmer');
  const producer = useQuery({
    queryKey: ['farmer', 'producer'],
    queryFn: async () => unwrap(await api.GET('/api/producers/me')),
  });
  if (producer.isPending) return <Spinner />;
  if (producer.isError && !isMissingProfile(producer.error))
    return <ErrorBox error={producer.error} onRetry={() => void producer.refetch()} />;
  const existing = producer.data;
  return (
    <div className="stack">
      <h1>{existing ? t('profile.title') : t('profile.createTitle')}</h1>
      {!existing && <p>{t('profile.createIntro')}</p>}
      {existing && <ProducerLogoCard key={existing.id} producer={existing} />}
      <section className="card">
        <ProducerForm key={existing?.id ?? 'new'} producer={existing} />
      </section>
      {existing && <ShippingFeeCard />}
    </div>
  );
}

interface Values {
  name: string;
  kind: Kind;
  phone: string;
  description: string;
  province: string;
  commune: string;
  street: string;
}

function ProducerForm({ producer }: { producer?: Producer }) {
  const { t } = useTranslation('farmer');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Values>({
    name: producer?.name ?? '',
    kind: producer?.kind ?? 'household',
    phone: producer?.phone ?? '',
    description: producer?.description ?? '',
    province: producer?.location.province.code ?? 'ha-noi',
    commune: producer?.location.commune ?? '',
    street: producer?.location.street ?? '',
  });
  /** The branch the farmer picked; undefined until they pick one (then the saved branch stands). */
  const [picked, setPicked] = useState<BranchChoice | null | undefined>(undefined);
  const [problems, setProblems] = useState<
    Partial<Record<'name' | 'phone' | 'commune' | 'branchId', string>>
  >({});
  const [saved, setSaved] = useState(false);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setSaved(false);
    setValues((current) => ({ ...current, [key]: value }));
  };
  const provinces = useProvinces();
  const savedBranchId = producer?.branchId;
  const savedBranch = useQuery({
    queryKey: ['public', 'branch', savedBranchId],
    enabled: !!savedBranchId,
    queryFn: async () =>
      unwrap(await api.GET('/api/branches/{id}', { params: { path: { id: savedBranchId ?? '' } } })),
  });
  const branch: BranchChoice | null = picked !== undefined ? picked : (savedBranch.data ?? null);
  const branchId = picked !== undefined ? (picked?.id ?? '') : (savedBranchId ?? '');

  const save = useMutation({
    mutationFn: async () => {
      const body = {
        name: values.name.trim(),
        kind: values.kind,
        phone: values.phone.trim(),
        description: values.description.trim(),
        location: { province: values.province, commune: values.commune.trim(), street: values.street.trim() },
        branchId,
      };
      if (producer) return unwrap(await api.PATCH('/api/producers/me', { body }));
      const created = unwrap(await api.POST('/api/producers', { body }));
      // The new farmer role is in the next token: refresh it, then read who I am again.
      await authStore.refresh();
      return created;
    },
    onSuccess: async (result) => {
      queryClient.setQueryData(['farmer', 'producer'], result);
      await queryClient.invalidateQueries({ queryKey: ['me'] });
      if (producer) setSaved(true);
      else navigate('/farmer', { replace: true });
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next: typeof problems = {};
    if (!values.name.trim()) next.name = t('form.required');
    if (!/^(\+84|0)\d{9}$/.test(values.phone.replace(/[\s.-]/g, ''))) next.phone = t('profile.phoneInvalid');
    if (!values.commune.trim()) next.commune = t('form.required');
    if (!branchId) next.branchId = t('profile.branchRequired');
    setProblems(next);
    if (Object.keys(next).length === 0) save.mutate();
  };
  const invalid = (key: keyof typeof problems) =>
    problems[key] ? { 'aria-invalid': true as const, 'aria-describedby': `pp-${key}-error` } : {};

  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <Field id="pp-name" label={t('profile.name')} hint={t('profile.nameHint')} error={problems.name}>
        <input
          id="pp-name"
          value={values.name}
          autoComplete="organization"
          onChange={(event) => set('name', event.target.value)}
          {...invalid('name')}
        />
      </Field>
      <fieldset>
        <legend>{t('profile.kind')}</legend>
        <div className="kind-options">
          {KINDS.map((kind) => (
            <label key={kind}>
              <input
                type="radio"
                name="producer-kind"
                value={kind}
                checked={values.kind === kind}
                onChange={() => set('kind', kind)}
              />
              {t(`profile.kinds.${kind}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <Field id="pp-phone" label={t('profile.phone')} hint={t('profile.phoneHint')} error={problems.phone}>
        <input
          id="pp-phone"
          type="tel"
          autoComplete="tel"
          value={values.phone}
          onChange={(event) => set('phone', event.target.value)}
          {...invalid('phone')}
        />
      </Field>
      <Field id="pp-description" label={t('profile.description')}>
        <textarea
          id="pp-description"
          rows={3}
          value={values.description}
          onChange={(event) => set('description', event.target.value)}
        />
      </Field>
      <fieldset className="stack">
        <legend>{t('profile.location')}</legend>
        <Field id="pp-province" label={t('profile.province')}>
          <select
            id="pp-province"
            value={values.province}
            disabled={!provinces.isSuccess}
            aria-busy={provinces.isPending}
            onChange={(event) => set('province', event.target.value)}
          >
            {provinces.isSuccess ? (
              provinces.data.map((province) => (
                <option key={province.code} value={province.code}>
                  {province.name}
                </option>
              ))
            ) : (
              <option value={values.province}>{t('state.loading', { ns: 'common' })}</option>
            )}
          </select>
        </Field>
        {provinces.isError && <ErrorBox error={provinces.error} onRetry={() => void provinces.refetch()} />}
        <Field
          id="pp-commune"
          label={t('profile.commune')}
          hint={t('profile.communeHint')}
          error={problems.commune}
        >
          <input
            id="pp-commune"
            value={values.commune}
            onChange={(event) => set('commune', event.target.value)}
            {...invalid('commune')}
          />
        </Field>
        <Field id="pp-street" label={t('profile.street')}>
          <input
            id="pp-street"
            autoComplete="street-address"
            value={values.street}
            onChange={(event) => set('street', event.target.value)}
          />
        </Field>
      </fieldset>
      <BranchPicker
        id="pp-branch"
        label={t('profile.branch')}
        hint={t('profile.branchHint')}
        error={problems.branchId}
        value={branch}
        onChange={(next) => {
          setSaved(false);
          setPicked(next);
        }}
      />
      {save.isError && <ErrorBox error={save.error} />}
      {saved && (
        <p className="alert info" role="status">
          {t('form.saved')}
        </p>
      )}
      <button type="submit" className="btn block" disabled={save.isPending}>
        {producer ? t('form.save') : t('profile.create')}
      </button>
    </form>
  );
}
