import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../auth/AuthProvider';
import { Field } from '../../ui/components';
import { AuthCard, useAuthSubmit } from './AuthCard';
import './forms.css';
import { useFieldChecks } from './useFieldChecks';
import {
  DISPLAY_NAME_MAX,
  displayNameProblem,
  emailProblem,
  newPasswordProblem,
  PASSWORD_MIN,
  phoneProblem,
} from './validation';

type Channel = 'phone' | 'email';

export function SignUpPage() {
  const { t } = useTranslation();
  const { t: tf } = useTranslation('forms');
  const { register } = useAuth();
  const [channel, setChannel] = useState<Channel>('phone');
  const [contact, setContact] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const checks = useFieldChecks({
    contact: channel === 'phone' ? phoneProblem(contact) : emailProblem(contact),
    displayName: displayNameProblem(displayName),
    password: newPasswordProblem(password),
  });
  const { submit, error, busy, params } = useAuthSubmit(
    () =>
      register({
        displayName: displayName.trim(),
        password,
        ...(channel === 'phone' ? { phone: contact.trim() } : { email: contact.trim() }),
      }),
    () =>
      checks.check([
        { field: 'contact', id: 'contact' },
        { field: 'displayName', id: 'displayName' },
        { field: 'password', id: 'new-password' },
      ]),
  );
  const problem = (key: string | null) =>
    key ? tf(key, { min: PASSWORD_MIN, max: DISPLAY_NAME_MAX }) : undefined;

  return (
    <AuthCard
      id="sign-up-title"
      title={t('auth.signUpTitle')}
      onSubmit={submit}
      error={error}
      submitLabel={t('auth.submitSignUp')}
      submitDisabled={busy}
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
            <label key={value} className="row choice-label">
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
      <Field
        id="contact"
        label={channel === 'phone' ? t('auth.phone') : t('auth.email')}
        hint={channel === 'phone' ? tf('phone.hint') : tf('email.hint')}
        error={problem(checks.shown('contact'))}
      >
        <input
          id="contact"
          name={channel}
          type={channel === 'phone' ? 'tel' : 'email'}
          autoComplete={channel === 'phone' ? 'tel' : 'email'}
          required
          aria-invalid={checks.shown('contact') !== null}
          aria-describedby={checks.describedBy('contact', 'contact', true)}
          value={contact}
          onBlur={checks.blur('contact')}
          onChange={(event) => setContact(event.target.value)}
        />
      </Field>
      <Field id="displayName" label={t('auth.displayName')} error={problem(checks.shown('displayName'))}>
        <input
          id="displayName"
          name="displayName"
          autoComplete="name"
          required
          maxLength={DISPLAY_NAME_MAX}
          aria-invalid={checks.shown('displayName') !== null}
          aria-describedby={checks.describedBy('displayName', 'displayName', false)}
          value={displayName}
          onBlur={checks.blur('displayName')}
          onChange={(event) => setDisplayName(event.target.value)}
        />
      </Field>
      <Field
        id="new-password"
        label={t('auth.password')}
        hint={tf('password.hint', { min: PASSWORD_MIN })}
        error={problem(checks.shown('password'))}
      >
        <input
          id="new-password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN}
          aria-invalid={checks.shown('password') !== null}
          aria-describedby={checks.describedBy('password', 'new-password', true)}
          value={password}
          onBlur={checks.blur('password')}
          onChange={(event) => setPassword(event.target.value)}
        />
      </Field>
    </AuthCard>
  );
}
