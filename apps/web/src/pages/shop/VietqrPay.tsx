import QRCode from 'qrcode';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap, type Schema } from '../../api/client';
import { formatVnd } from '../../lib/format';
import { Spinner, useErrorMessage } from '../../ui/components';
import { useClientConfig } from './shop-data';
import { useNow } from './useNow';
import './vietqr.css';

type Vietqr = Schema<'VietqrPaymentResponse'>;

/** Draws payOS's VietQR data as a QR code on a canvas, in the browser (nothing but the data leaves the api). */
function QrCanvas({ data, label }: { data: string; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    void QRCode.toCanvas(canvas.current, data, { errorCorrectionLevel: 'M', margin: 4, width: 264 });
  }, [data]);
  return (
    <canvas
      ref={canvas}
      className="vietqr-code"
      data-testid="vietqr-code"
      data-qr={data}
      role="img"
      aria-label={label}
    />
  );
}

function CopyRow({ label, value, testId }: { label: string; value: string; testId: string }) {
  const { t } = useTranslation('shop');
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      window.setTimeout(() => setCopied(false), 2_000);
    } catch {
      // No clipboard (an http page, a refused permission): the value stays on screen to type.
    }
  };
  return (
    <div className="vietqr-row" data-testid={testId}>
      <dt>{label}</dt>
      <dd>
        <span className="vietqr-value" data-testid={`${testId}-value`}>
          {value}
        </span>
        <button
          type="button"
          className="btn secondary small"
          aria-label={t('vietqr.copyLabel', { what: label })}
          onClick={() => void copy()}
        >
          {copied ? t('vietqr.copied') : t('vietqr.copy')}
        </button>
      </dd>
    </div>
  );
}

function timeLeft(expiresAt: string | null, now: number): { text: string; over: boolean } | null {
  if (!expiresAt) return null;
  const seconds = Math.max(0, Math.floor((new Date(expiresAt).getTime() - now) / 1000));
  const text = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  return { text, over: seconds === 0 };
}

/**
 * A VietQR bank transfer: the QR code drawn from payOS's data, the exact amount, the receiving account and the memo
 * (each with a copy button), the time left, and payOS's page that opens the banking app on a phone. The buyer's
 * socket says when the money landed (`onPaid`, for the orders this transfer pays); the demo's simulated bank is
 * offered clearly marked as such.
 */
export function VietqrPay({
  checkoutId,
  orderIds,
  initial,
  onPaid,
}: {
  checkoutId: string;
  orderIds: string[];
  initial?: Vietqr;
  onPaid: () => void;
}) {
  const { t } = useTranslation('shop');
  const errorMessage = useErrorMessage();
  const config = useClientConfig();
  const [vietqr, setVietqr] = useState<Vietqr | undefined>(initial);
  const [error, setError] = useState<ApiError | null>(null);
  const started = useRef(false);
  const now = useNow(Boolean(vietqr));

  const start = useCallback(async () => {
    setError(null);
    try {
      const answer = unwrap(
        await api.POST('/api/checkouts/{id}/vietqr', { params: { path: { id: checkoutId } } }),
      );
      setVietqr(answer.vietqr);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'NETWORK_ERROR', String(caught)));
    }
  }, [checkoutId]);

  useEffect(() => {
    if (initial || started.current) return;
    started.current = true;
    void start();
  }, [initial, start]);

  // The money lands at payOS, its webhook confirms the orders, and the buyer's socket hears it: no reload.
  const paidRef = useRef(onPaid);
  paidRef.current = onPaid;
  const ids = orderIds.join(',');
  useEffect(() => {
    let off: (() => void) | undefined;
    let cancelled = false;
    void import('../../realtime/socket').then(({ getSocket }) => {
      if (cancelled) return;
      const socket = getSocket();
      const heard = (n: { orderId?: string | null; orderStatus?: string | null }) => {
        if (n.orderId && ids.split(',').includes(n.orderId) && n.orderStatus === 'confirmed')
          paidRef.current();
      };
      socket.on('notification', heard);
      off = () => socket.off('notification', heard);
    });
    return () => {
      cancelled = true;
      off?.();
    };
  }, [ids]);

  if (error) {
    return (
      <div className="stack">
        <p className="alert" role="alert" data-testid="vietqr-error">
          {error.isNetwork ? t('checkout.networkError') : errorMessage(error)}
        </p>
        <button type="button" className="btn block" onClick={() => void start()}>
          {t('vietqr.showAgain')}
        </button>
      </div>
    );
  }
  if (!vietqr) return <Spinner label={t('vietqr.opening')} />;
  const left = timeLeft(vietqr.expiresAt, now);
  const simulatedBank = config.data?.simulatedBankUrl;
  return (
    <div className="stack vietqr" data-testid="vietqr" data-order-code={vietqr.orderCode}>
      <p>{t('vietqr.scan')}</p>
      <div className="vietqr-frame">
        <QrCanvas data={vietqr.qrCode} label={t('vietqr.qrLabel', { total: formatVnd(vietqr.amountVnd) })} />
      </div>
      {left && (
        <p className={`vietqr-time ${left.over ? 'over' : ''}`} role="timer" data-testid="vietqr-time">
          {left.over ? t('vietqr.expired') : t('vietqr.timeLeft', { time: left.text })}
        </p>
      )}
      <dl className="vietqr-details">
        <CopyRow label={t('vietqr.amount')} value={String(vietqr.amountVnd)} testId="vietqr-amount" />
        <CopyRow label={t('vietqr.accountNumber')} value={vietqr.accountNumber} testId="vietqr-account" />
        <CopyRow label={t('vietqr.accountName')} value={vietqr.accountName} testId="vietqr-name" />
        <CopyRow label={t('vietqr.memo')} value={vietqr.memo} testId="vietqr-memo" />
      </dl>
      <p className="small muted">{t('vietqr.exact', { total: formatVnd(vietqr.amountVnd) })}</p>
      <a
        className="btn block"
        href={vietqr.checkoutUrl}
        target="_blank"
        rel="noopener noreferrer"
        data-testid="vietqr-open-bank"
      >
        {t('vietqr.openBank')}
      </a>
      {simulatedBank && (
        <a
          className="btn secondary block vietqr-simulated"
          href={`${simulatedBank.replace(/\/$/, '')}/pay/${vietqr.orderCode}`}
          target="_blank"
          rel="noopener noreferrer"
          data-testid="vietqr-simulated-bank"
        >
          {t('vietqr.simulatedBank')}
        </a>
      )}
      <p className="small muted" role="status" data-testid="vietqr-waiting">
        {t('vietqr.waiting')}
      </p>
    </div>
  );
}
