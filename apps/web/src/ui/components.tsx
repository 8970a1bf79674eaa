import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { StarIcon, StarOutlineIcon } from './icons';

/** The message for an api error in the current language: a known code, else a generic line naming the code. */
export function useErrorMessage(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  return (error: unknown) => {
    if (error instanceof ApiError) {
      for (const ns of ['shop', 'studio', 'farmer', 'admin', 'campaigns', 'common']) {
        const key = `${ns}:errors.${error.code}`;
        if (i18n.exists(key)) return t(key);
      }
      return t('errors.unknown', { code: error.code });
    }
    return t('state.error');
  };
}

export function Spinner({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <span role="status" className="row muted">
      <span className="spinner" aria-hidden="true" />
      <span>{label ?? t('state.loading')}</span>
    </span>
  );
}

export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage()(error);
  return (
    <div className="alert" role="alert">
      <p>{message}</p>
      {onRetry && (
        <button type="button" className="btn secondary small" onClick={onRetry}>
          {t('actions.retry')}
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return <p className="muted">{children ?? t('state.empty')}</p>;
}

/** Four filled stars and one outlined, with a spoken label ("4-star OCOP"). */
export function Stars({ count }: { count: number }) {
  const { t } = useTranslation();
  return (
    <span className="stars" role="img" aria-label={t('ocop.stars', { count })}>
      {Array.from({ length: 5 }, (_, index) =>
        index < count ? <StarIcon key={index} /> : <StarOutlineIcon key={index} />,
      )}
    </span>
  );
}

export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {children}
      {error && (
        <span className="error" id={`${id}-error`} role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
