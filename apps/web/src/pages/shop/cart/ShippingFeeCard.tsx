import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { ErrorBox, Field, Spinner, useErrorMessage } from '../../../ui/components';

const MAX_FEE = 1_000_000;
const MAX_FREE_FROM = 100_000_000;

function wholeDong(text: string): number | null {
  const digits = text.replace(/[\s.,]/g, '');
  if (!/^\d{1,12}$/.test(digits)) return null;
  return Number(digits);
}

/** The farmer's shipping fee: flat per order, optionally free from an order amount (PUT /api/farmer/shipping). */
export function ShippingFeeCard() {
  const { t } = useTranslation('cart');
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const rate = useQuery({
    queryKey: ['farmer', 'shipping'],
    queryFn: async () => unwrap(await api.GET('/api/farmer/shipping')),
  });
  const [fee, setFee] = useState('');
  const [freeFrom, setFreeFrom] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (!rate.data) return;
    setFee(String(rate.data.flatFeeVnd));
    setFreeFrom(rate.data.freeFromVnd === null ? '' : String(rate.data.freeFromVnd));
  }, [rate.data]);
  const save = useMutation({
    mutationFn: async (body: { flatFeeVnd: number; freeFromVnd: number | null }) =>
      unwrap(await api.PUT('/api/farmer/shipping', { body })),
    onSuccess: (data) => {
      queryClient.setQueryData(['farmer', 'shipping'], data);
      setSaved(true);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const flat = wholeDong(fee);
    const from = freeFrom.trim() === '' ? null : wholeDong(freeFrom);
    const bad =
      flat === null ||
      flat > MAX_FEE ||
      (freeFrom.trim() !== '' && (from === null || from < 1 || from > MAX_FREE_FROM));
    setInvalid(bad);
    setSaved(false);
    if (bad) return;
    save.mutate({ flatFeeVnd: flat, freeFromVnd: from });
  }

  return (
    <section className="card stack" aria-labelledby="shipping-fee-title" data-testid="shipping-fee">
      <h2 id="shipping-fee-title">{t('farmer.shippingTitle')}</h2>
      <p className="small muted">{t('farmer.shippingIntro')}</p>
      {rate.isPending ? (
        <Spinner />
      ) : rate.isError ? (
        <ErrorBox error={rate.error} onRetry={() => void rate.refetch()} />
      ) : (
        <form className="stack" onSubmit={submit} noValidate>
          <Field id="shipping-flat" label={t('farmer.flatFee')} hint={t('farmer.flatFeeHint')}>
            <input
              id="shipping-flat"
              data-testid="shipping-flat"
              inputMode="numeric"
              aria-describedby="shipping-flat-hint"
              aria-invalid={invalid}
              value={fee}
              onChange={(event) => {
                setFee(event.target.value);
                setSaved(false);
              }}
            />
          </Field>
          <Field id="shipping-free-from" label={t('farmer.freeFrom')} hint={t('farmer.freeFromHint')}>
            <input
              id="shipping-free-from"
              data-testid="shipping-free-from"
              inputMode="numeric"
              aria-describedby="shipping-free-from-hint"
              aria-invalid={invalid}
              value={freeFrom}
              onChange={(event) => {
                setFreeFrom(event.target.value);
                setSaved(false);
              }}
            />
          </Field>
          {invalid && (
            <p className="alert" role="alert">
              {t('farmer.invalid')}
            </p>
          )}
          {save.isError && (
            <p className="alert" role="alert">
              {errorMessage(save.error)}
            </p>
          )}
          {saved && (
            <p className="alert info" role="status" data-testid="shipping-saved">
              {t('farmer.saved')}
            </p>
          )}
          <button type="submit" className="btn" data-testid="shipping-save" disabled={save.isPending}>
            {t('farmer.save')}
          </button>
        </form>
      )}
    </section>
  );
}
