import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../auth/AuthProvider';
import { Field } from '../../ui/components';
import { AuthCard, useAuthSubmit } from './AuthCard';
import { useFieldChecks } from './useFieldChecks';
import { identifierProblem, passwordProblem } from './validation';

export function SignInPage() {
  const { t } = useTranslation();
  const { t: tf } = useTranslation('forms');
  const { signIn } = useAuth();
  const [identifier, setIdentifier] = useState('');
  const [password, setPassword] = useState('');
  const checks = useFieldChecks({
    identifier: identifierProblem(identifier),
    password: passwordProblem(password),
  });
  const { submit, error, busy, params } = useAuthSubmit(
    () => signIn(identifier.trim(), password),
    () =>
      checks.check([
        { field: 'identifier', id: 'identifier' },
        { field: 'password', id: 'password' },
      ]),
  );
  const problem = (key: string | null) => (key ? tf(key) : undefined);

  return (
    <AuthCard
      id="sign-in-title"
      title={t('auth.signInTitle')}
      onSubmit={submit}
      error={error}
      submitLabel={t('auth.submitSignIn')}
      submitDisabled={busy}
      footer={
        <>
          {t('auth.noAccount')}{' '}
          <Link to={`/sign-up?${params.toString()}`} data-testid="sign-up-link">
            {t('nav.signUp')}
          </Link>
        </>
      }
    >
      <Field
        id="identifier"
        label={t('auth.identifier')}
        hint={tf('identifier.hint')}
        error={problem(checks.shown('identifier'))}
      >
        <input
          id="identifier"
          name="identifier"
          autoComplete="username"
          inputMode="email"
          required
          aria-invalid={checks.shown('identifier') !== null}
          aria-describedby={checks.describedBy('identifier', 'identifier', true)}
          value={identifier}
          onBlur={checks.blur('identifier')}
          onChange={(event) => setIdentifier(event.target.value)}
        />
      </Field>
      <Field id="password" label={t('auth.password')} error={problem(checks.shown('password'))}>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={checks.shown('password') !== null}
          aria-describedby={checks.describedBy('password', 'password', false)}
          value={password}
          onBlur={checks.blur('password')}
          onChange={(event) => setPassword(event.target.value)}
        />
      </Field>
    </AuthCard>
  );
}
