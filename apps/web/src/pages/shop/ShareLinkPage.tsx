import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError, unwrap } from '../../api/client';
import { useAuth } from '../../auth/AuthProvider';
import { ErrorBox, Spinner } from '../../ui/components';
import { rememberShareCode } from './share-code';

/**
 * A streamer's share link, /s/<code>: asks the api what it points at (a signed-in visit is recorded there, which
 * starts the 7-day window), remembers the code in this browser so that a purchase carries it, and opens the session
 * (or the product) in place of this address.
 */
export function ShareLinkPage() {
  const { code = '' } = useParams();
  const { t } = useTranslation('share');
  const { loading } = useAuth();
  const navigate = useNavigate();
  const link = useQuery({
    queryKey: ['share-links', code],
    // Wait for the session to be restored, so that a signed-in visit is recorded as theirs.
    enabled: !loading,
    retry: false,
    queryFn: async () => unwrap(await api.GET('/api/share-links/{code}', { params: { path: { code } } })),
  });

  useEffect(() => {
    if (!link.data) return;
    rememberShareCode(link.data.code);
    const to = link.data.sessionId
      ? `/sessions/${link.data.sessionId}`
      : link.data.productId
        ? `/products/${link.data.productId}`
        : '/';
    void navigate(to, { replace: true });
  }, [link.data, navigate]);

  if (link.isError) {
    const unknown =
      link.error instanceof ApiError && (link.error.status === 404 || link.error.status === 400);
    return unknown ? (
      <div className="stack" data-testid="share-link-unknown">
        <p className="alert">{t('open.notFound')}</p>
        <Link className="btn" to="/">
          {t('open.home')}
        </Link>
      </div>
    ) : (
      <ErrorBox error={link.error} onRetry={() => void link.refetch()} />
    );
  }
  return <Spinner label={t('open.opening')} />;
}
