import { useState, type FormEvent, type ReactNode } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useErrorMessage } from '../../ui/components';

/** Where to go after signing in: only paths of this app (never another site). */
export function safeNext(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

/**
 * Runs the sign-in or sign-up call on submit: disables the button meanwhile, shows the api's coded error, and on
 * success goes back where the user came from (`?next=`). `params` carries `next` on to the other form's link.
 */
export function useAuthSubmit(action: () => Promise<void>) {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const errorMessage = useErrorMessage();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await action();
      void navigate(safeNext(params.get('next')), { replace: true });
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return { submit, error, busy, params };
}

/** The card both account forms sit in: heading, the form's fields, its error, submit button, and a footer link. */
export function AuthCard({
  id,
  title,
  onSubmit,
  error,
  submitLabel,
  submitDisabled,
  footer,
  children,
}: {
  id: string;
  title: string;
  onSubmit: (event: FormEvent) => Promise<void>;
  error: string | undefined;
  submitLabel: string;
  submitDisabled: boolean;
  footer: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="card stack" style={{ maxWidth: 420, margin: '1rem auto' }} aria-labelledby={id}>
      <h1 id={id}>{title}</h1>
      <form className="stack" onSubmit={(event) => void onSubmit(event)} noValidate>
        {children}
        {error && (
          <p className="alert" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="btn block" disabled={submitDisabled}>
          {submitLabel}
        </button>
      </form>
      <p>{footer}</p>
    </section>
  );
}
