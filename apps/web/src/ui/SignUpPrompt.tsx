import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** "No account yet? Sign up", beside every sign-in prompt; `next` brings the new user back to this page. */
export function SignUpPrompt({ next }: { next: string }) {
  const { t } = useTranslation('forms');
  return (
    <span className="signup-prompt">
      {t('signUpPrompt')}{' '}
      <Link to={`/sign-up?next=${encodeURIComponent(next)}`} data-testid="sign-up-prompt">
        {t('signUp')}
      </Link>
    </span>
  );
}
