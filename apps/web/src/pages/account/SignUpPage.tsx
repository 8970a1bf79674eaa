import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../../auth/AuthProvider';
import { Field, useErrorMessage } from '../../ui/components';
import { safeNext } from './SignInPage';

type Channel = 'phone' | 'email';

export function SignUpPage() {
  const { t } = useTranslation();
  const { register } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const errorMessage = useErrorMessage();
  const [channel, setChannel] = useState<Channel>('phone');
  const [contact, setContact] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await register({
        displayName: displayName.trim(),
        password,
        ...(channel === 'phone' ? { phone: contact.trim() } : { email: contact.trim() }),
      });
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
      aria-labelledby="sign-up-title"
    >
      <h1 id="sign-up-title">{t('auth.signUpTitle')}</h1>
      <form className="stack" onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('auth.phoneOrEmail')}</legend>
          <div className="row">
            {(['phone', 'email'] as const).map((value) => (
              <label key={value} className="row" style={{ fontWeight: 400 }}>
                <input
                  type="radio"
                  name="channel"
                  value={value}
                  checked={channel === value}
                  onChange={() => setChannel(value)}
                />
                {value === 'phone' ? t('auth.byPhone') : t('auth.byEmail')}
              </label>
            ))}
          </div>
        </fieldset>
        <Field id="contact" label={channel === 'phone' ? t('auth.phone') : t('auth.email')}>
          <input
            id="contact"
            name={channel}
            type={channel === 'phone' ? 'tel' : 'email'}
            autoComplete={channel === 'phone' ? 'tel' : 'email'}
            required
            value={contact}
            onChange={(event) => setContact(event.target.value)}
          />
        </Field>
        <Field id="displayName" label={t('auth.displayName')}>
          <input
            id="displayName"
            name="displayName"
            autoComplete="name"
            required
            maxLength={60}
            value={displayName}
            onChange={(event) => setDisplayName(event.target.value)}
          />
        </Field>
        <Field id="new-password" label={t('auth.password')} hint={t('auth.passwordHint')}>
          <input
            id="new-password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            aria-describedby="new-password-hint"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </Field>
        {error && (
          <p className="alert" role="alert">
            {error}
          </p>
        )}
        <button
          type="submit"
          className="btn block"
          disabled={busy || !contact || !displayName || password.length < 8}
        >
          {t('auth.submitSignUp')}
        </button>
      </form>
      <p>
        {t('auth.haveAccount')} <Link to={`/sign-in?${params.toString()}`}>{t('nav.signIn')}</Link>
      </p>
    </section>
  );
}
