import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../../api/client';
import { formatVnd } from '../../lib/format';
import { Spinner, useErrorMessage } from '../../ui/components';

// Stripe's Payment Element is only downloaded when a card payment is on screen.
const CardPayment = lazy(async () => ({ default: (await import('./CardPayment')).CardPayment }));

type Start =
  | { kind: 'idle' }
  | { kind: 'starting' }
  | { kind: 'ready'; clientSecret: string; amountVnd: number }
  | { kind: 'failed'; error: ApiError };

/**
 * The card payment of a checkout whose orders await payment. With a client secret (the checkout started the
 * payment) it shows Stripe's form at once; without one (the payment could not be started, or the shopper comes back
 * from the order page) it starts or resumes it through POST /api/checkouts/{id}/payment, by itself once when
 * `autoStart`, and on the shopper's tap. The api answers the same PaymentIntent every time, with the amount it takes
 * (all the checkout's orders that await payment: `totalVnd` is what the button announces before it knows).
 */
export function PayCheckout({
  checkoutId,
  totalVnd,
  clientSecret,
  publishableKey,
  autoStart,
  onPaid,
}: {
  checkoutId: string;
  totalVnd: number;
  clientSecret?: string;
  publishableKey: string | null;
  autoStart: boolean;
  onPaid: () => void;
}) {
  const { t } = useTranslation('shop');
  const errorMessage = useErrorMessage();
  const [start, setStart] = useState<Start>(
    clientSecret ? { kind: 'ready', clientSecret, amountVnd: totalVnd } : { kind: 'idle' },
  );
  const started = useRef(false);

  const startPayment = useCallback(async () => {
    setStart({ kind: 'starting' });
    try {
      const payment = unwrap(
        await api.POST('/api/checkouts/{id}/payment', { params: { path: { id: checkoutId } } }),
      );
      setStart({ kind: 'ready', clientSecret: payment.clientSecret, amountVnd: payment.amountVnd });
    } catch (caught) {
      const error = caught instanceof ApiError ? caught : new ApiError(0, 'NETWORK_ERROR', String(caught));
      setStart({ kind: 'failed', error });
    }
  }, [checkoutId]);

  useEffect(() => {
    // Once per mounted checkout: later attempts are the shopper's.
    if (!autoStart || clientSecret || started.current) return;
    started.current = true;
    void startPayment();
  }, [autoStart, clientSecret, startPayment]);

  if (start.kind === 'ready') {
    return publishableKey ? (
      <Suspense fallback={<Spinner />}>
        <CardPayment
          publishableKey={publishableKey}
          clientSecret={start.clientSecret}
          amountLabel={formatVnd(start.amountVnd)}
          onPaid={onPaid}
        />
      </Suspense>
    ) : (
      <p className="alert">{t('checkout.cardUnavailable')}</p>
    );
  }
  return (
    <div className="stack" aria-busy={start.kind === 'starting'}>
      {start.kind === 'failed' && (
        <p className="alert" role="alert" data-testid="start-payment-error">
          {start.error.isNetwork ? t('checkout.networkError') : errorMessage(start.error)}
        </p>
      )}
      <button
        type="button"
        className="btn block"
        data-testid="start-payment"
        disabled={start.kind === 'starting'}
        onClick={() => void startPayment()}
      >
        {start.kind === 'starting'
          ? t('checkout.startingPayment')
          : start.kind === 'failed'
            ? t('checkout.startPaymentAgain', { total: formatVnd(totalVnd) })
            : t('checkout.startPayment', { total: formatVnd(totalVnd) })}
      </button>
    </div>
  );
}
