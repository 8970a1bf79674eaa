import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../../auth/AuthProvider';
import { Field, useErrorMessage } from '../../ui/components';

/** Where to go after signing in: only paths of this app (never another site). */
export function safeNext(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

export function SignInPage() {
  const { t } = useTranslation();
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const errorMessage = useErrorMessage();
  const [identifier, setIdentifier] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn(identifier.trim(), password);
      navigate(safeNext(params.get('next')), { replace: true });
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section
      className="card stack"
      style={{ maxWidth: 420, margin: '1rem auto' }}
      aria-labelledby="sign-in-title"
    >
      <h1 id="sign-in-title">{t('auth.signInTitle')}</h1>
      <form className="stack" onSubmit={submit} noValidate>
        <Field id="identifier" label={t('auth.identifier')} hint={t('auth.identifierHint')}>
          <input
            id="identifier"
            name="identifier"
            autoComplete="username"
            inputMode="email"
            required
            aria-describedby="identifier-hint"
            value={identifier}
            onChange={(event) => setIdentifier(event.target.value)}
          />
        </Field>
        <Field id="password" label={t('auth.password')}>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </Field>
        {error && (
          <p className="alert" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="btn block" disabled={busy || !identifier || !password}>
          {t('auth.submitSignIn')}
        </button>
      </form>
      <p>
        {t('auth.noAccount')} <Link to={`/sign-up?${params.toString()}`}>{t('nav.signUp')}</Link>
      </p>
    </section>
  );
}
