import { Elements, PaymentElement, useElements, useStripe } from '@stripe/react-stripe-js';
import { loadStripe, type Stripe } from '@stripe/stripe-js';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

// One Stripe.js per publishable key for the whole tab (loading it twice is wasteful and warned about).
const stripes = new Map<string, Promise<Stripe | null>>();
function stripeFor(publishableKey: string): Promise<Stripe | null> {
  let stripe = stripes.get(publishableKey);
  if (!stripe) {
    stripe = loadStripe(publishableKey);
    stripes.set(publishableKey, stripe);
  }
  return stripe;
}

/** Card payment of a placed checkout: Stripe's Payment Element for the PaymentIntent the checkout answered with. */
export function CardPayment({
  publishableKey,
  clientSecret,
  amountLabel,
  onPaid,
}: {
  publishableKey: string;
  clientSecret: string;
  amountLabel: string;
  onPaid: () => void;
}) {
  const { i18n } = useTranslation();
  return (
    <Elements
      stripe={stripeFor(publishableKey)}
      options={{ clientSecret, locale: i18n.language === 'en' ? 'en' : 'vi' }}
    >
      <PayForm amountLabel={amountLabel} onPaid={onPaid} />
    </Elements>
  );
}

function PayForm({ amountLabel, onPaid }: { amountLabel: string; onPaid: () => void }) {
  const { t } = useTranslation('shop');
  const stripe = useStripe();
  const elements = useElements();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function pay(event: FormEvent) {
    event.preventDefault();
    if (!stripe || !elements) return;
    setBusy(true);
    setError(undefined);
    const result = await stripe.confirmPayment({
      elements,
      confirmParams: { return_url: window.location.href },
      redirect: 'if_required',
    });
    setBusy(false);
    if (result.error) {
      setError(result.error.message ?? t('checkout.cardFailed'));
      return;
    }
    if (result.paymentIntent.status === 'succeeded' || result.paymentIntent.status === 'processing') onPaid();
    else setError(t('checkout.cardFailed'));
  }

  return (
    <form className="stack" onSubmit={pay}>
      <PaymentElement />
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="btn block" disabled={!stripe || !elements || busy}>
        {busy ? t('checkout.paying') : t('checkout.payNow', { total: amountLabel })}
      </button>
    </form>
  );
}
