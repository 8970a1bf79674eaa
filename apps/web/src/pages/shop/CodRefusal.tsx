import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../../api/client';
import { formatDateTime, formatVnd } from '../../lib/format';
import { Field, useErrorMessage } from '../../ui/components';

/** The api's refusals of cash on delivery (COD guard-rails); the checkout sheet explains each with this component. */
export const COD_REFUSAL_CODES = ['COD_LIMIT_EXCEEDED', 'COD_SUSPENDED', 'PHONE_NOT_CONFIRMED'] as const;
export type CodRefusalCode = (typeof COD_REFUSAL_CODES)[number];

export function isCodRefusal(code: string): code is CodRefusalCode {
  return (COD_REFUSAL_CODES as readonly string[]).includes(code);
}

function numberOf(details: Record<string, unknown>, key: string): number {
  const value = details[key];
  return typeof value === 'number' ? value : 0;
}

/** "+84912345678" -> "0912 345 678". */
function nationalPhone(phone: string): string {
  const national = phone.startsWith('+84') ? `0${phone.slice(3)}` : phone;
  return national.length === 10
    ? `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`
    : national;
}

/**
 * Why cash on delivery was refused, in the shopper's words, and what to do: pay online or wait (the open-value cap),
 * wait (a suspension after refused parcels), or confirm the phone with a code sent by SMS, right here.
 */
export function CodRefusal({ error, onStartOver }: { error: ApiError; onStartOver: () => void }) {
  const { t, i18n } = useTranslation('cod');
  const details = (error.details ?? {}) as Record<string, unknown>;
  const code = error.code as CodRefusalCode;
  const [phoneConfirmed, setPhoneConfirmed] = useState(false);
  let message: string;
  switch (code) {
    case 'COD_LIMIT_EXCEEDED':
      message = t('limit.message', {
        cap: formatVnd(numberOf(details, 'capVnd')),
        open: formatVnd(numberOf(details, 'openVnd')),
        order: formatVnd(numberOf(details, 'orderVnd')),
      });
      break;
    case 'COD_SUSPENDED':
      message = t('suspended.message', {
        date: typeof details['until'] === 'string' ? formatDateTime(details['until'], i18n.language) : '',
        count: numberOf(details, 'refusals'),
      });
      break;
    case 'PHONE_NOT_CONFIRMED':
      message = t('phone.message', {
        phone: typeof details['phone'] === 'string' ? nationalPhone(details['phone']) : '',
      });
      break;
  }
  const phone = typeof details['phone'] === 'string' ? details['phone'] : '';
  return (
    <div
      className="alert stack"
      role="alert"
      data-testid="checkout-result"
      data-state="cod_refused"
      data-code={code}
    >
      <p>
        <strong>{t(`title.${code}`)}</strong>
      </p>
      <p>{message}</p>
      {code === 'COD_LIMIT_EXCEEDED' && <p className="small">{t('limit.hint')}</p>}
      {code === 'PHONE_NOT_CONFIRMED' && phone && !phoneConfirmed && (
        <PhoneConfirm phone={phone} onConfirmed={() => setPhoneConfirmed(true)} />
      )}
      {phoneConfirmed ? (
        <>
          <p data-testid="phone-confirmed">{t('phone.confirmed')}</p>
          <button type="button" className="btn" data-testid="cod-order-again" onClick={onStartOver}>
            {t('phone.orderAgain')}
          </button>
        </>
      ) : (
        <button type="button" className="btn secondary small" onClick={onStartOver}>
          {t(code === 'PHONE_NOT_CONFIRMED' ? 'changePhone' : 'changeOrder')}
        </button>
      )}
    </div>
  );
}

/** Sends a one-time code to the phone and checks what the shopper types. */
function PhoneConfirm({ phone, onConfirmed }: { phone: string; onConfirmed: () => void }) {
  const { t } = useTranslation('cod');
  const errorMessage = useErrorMessage();
  const [sent, setSent] = useState(false);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();

  const explain = (caught: unknown): string => {
    if (!(caught instanceof ApiError)) return errorMessage(caught);
    const details = (caught.details ?? {}) as Record<string, unknown>;
    switch (caught.code) {
      case 'OTP_INVALID':
        return t('errors.OTP_INVALID', { count: numberOf(details, 'attemptsLeft') });
      case 'OTP_RATE_LIMITED':
        return t('errors.OTP_RATE_LIMITED', { seconds: numberOf(details, 'retryAfterSeconds') });
      case 'OTP_EXPIRED':
      case 'OTP_TOO_MANY_ATTEMPTS':
      case 'OTP_NOT_REQUESTED':
      case 'SMS_SEND_FAILED':
        return t(`errors.${caught.code}`);
      default:
        return errorMessage(caught);
    }
  };

  const send = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      unwrap(await api.POST('/api/me/phones/code', { body: { phone } }));
      setSent(true);
      setCode('');
    } catch (caught) {
      setProblem(explain(caught));
    } finally {
      setBusy(false);
    }
  };

  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    if (!/^\d{6}$/.test(code)) {
      setProblem(t('phone.codeInvalid'));
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      unwrap(await api.POST('/api/me/phones/confirm', { body: { phone, code } }));
      onConfirmed();
    } catch (caught) {
      setProblem(explain(caught));
    } finally {
      setBusy(false);
    }
  };

  if (!sent) {
    return (
      <div className="stack">
        {problem && (
          <p className="error" role="alert" data-testid="otp-problem">
            {problem}
          </p>
        )}
        <button
          type="button"
          className="btn"
          data-testid="otp-send"
          disabled={busy}
          onClick={() => void send()}
        >
          {t('phone.send', { phone: nationalPhone(phone) })}
        </button>
      </div>
    );
  }
  return (
    <form className="stack" onSubmit={(event) => void confirm(event)} noValidate>
      <Field
        id="otp-code"
        label={t('phone.codeLabel')}
        hint={t('phone.codeHint', { phone: nationalPhone(phone) })}
        error={problem}
      >
        <input
          id="otp-code"
          data-testid="otp-code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          value={code}
          aria-describedby={problem ? 'otp-code-hint otp-code-error' : 'otp-code-hint'}
          aria-invalid={problem ? true : undefined}
          onChange={(event) => setCode(event.target.value.replace(/\D/g, ''))}
        />
      </Field>
      <div className="actions">
        <button type="submit" className="btn" data-testid="otp-confirm" disabled={busy}>
          {t('phone.confirm')}
        </button>
        <button type="button" className="btn secondary" disabled={busy} onClick={() => void send()}>
          {t('phone.resend')}
        </button>
      </div>
    </form>
  );
}
