import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../auth/AuthProvider';
import { Field } from '../../ui/components';
import { AuthCard, useAuthSubmit } from './AuthCard';

export function SignInPage() {
  const { t } = useTranslation();
  const { signIn } = useAuth();
  const [identifier, setIdentifier] = useState('');
  const [password, setPassword] = useState('');
  const { submit, error, busy, params } = useAuthSubmit(() => signIn(identifier.trim(), password));

  return (
    <AuthCard
      id="sign-in-title"
      title={t('auth.signInTitle')}
      onSubmit={submit}
      error={error}
      submitLabel={t('auth.submitSignIn')}
      submitDisabled={busy || !identifier || !password}
      footer={
        <>
          {t('auth.noAccount')} <Link to={`/sign-up?${params.toString()}`}>{t('nav.signUp')}</Link>
        </>
      }
    >
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
    </AuthCard>
  );
}
