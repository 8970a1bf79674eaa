import { useState, type FormEvent, type ReactNode } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import type { Role } from '../../auth/AuthProvider';
import { afterSignIn } from '../../auth/role-home';
import { useErrorMessage } from '../../ui/components';

/** Where to go after signing in: only paths of this app (never another site). */
export function safeNext(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

/**
 * Runs the sign-in or sign-up call on submit once `valid()` agrees (it shows the fields' problems otherwise):
 * disables the button meanwhile, shows the api's coded error, and on success goes back where the user came from
 * (`?next=`) or, without one, to their role's home. `params` carries `next` on to the other form's link.
 */
export function useAuthSubmit(action: () => Promise<{ roles: Role[] }>, valid: () => boolean = () => true) {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const errorMessage = useErrorMessage();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    if (!valid()) return;
    setBusy(true);
    try {
      const user = await action();
      void navigate(afterSignIn(params.get('next'), user.roles), { replace: true });
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
        {/* Pressing the button must not move focus first: the blur would show a field's message above it, push the
            button down, and the press would land beside it. Keyboard submit is unaffected. */}
        <button
          type="submit"
          className="btn block"
          disabled={submitDisabled}
          aria-busy={submitDisabled}
          onMouseDown={(event) => event.preventDefault()}
        >
          {submitLabel}
        </button>
      </form>
      <p>{footer}</p>
    </section>
  );
}
