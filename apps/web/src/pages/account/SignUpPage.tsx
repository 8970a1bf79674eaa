import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../auth/AuthProvider';
import { Field } from '../../ui/components';
import { AuthCard, useAuthSubmit } from './AuthCard';

type Channel = 'phone' | 'email';

export function SignUpPage() {
  const { t } = useTranslation();
  const { register } = useAuth();
  const [channel, setChannel] = useState<Channel>('phone');
  const [contact, setContact] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const { submit, error, busy, params } = useAuthSubmit(() =>
    register({
      displayName: displayName.trim(),
      password,
      ...(channel === 'phone' ? { phone: contact.trim() } : { email: contact.trim() }),
    }),
  );

  return (
    <AuthCard
      id="sign-up-title"
      title={t('auth.signUpTitle')}
      onSubmit={submit}
      error={error}
      submitLabel={t('auth.submitSignUp')}
      submitDisabled={busy || !contact || !displayName || password.length < 8}
      footer={
        <>
          {t('auth.haveAccount')} <Link to={`/sign-in?${params.toString()}`}>{t('nav.signIn')}</Link>
        </>
      }
    >
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
    </AuthCard>
  );
}
