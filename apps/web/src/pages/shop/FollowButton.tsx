import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useAuth } from '../../auth/AuthProvider';
import { formatNumber } from '../../lib/format';
import { CheckIcon, PlusIcon } from '../notifications/icons';
import { notifyKeys } from '../notifications/notify-data';
import './follow.css';

// The "turn on notifications" offer appears only after a tap on follow: its code loads then.
const EnablePush = lazy(async () => ({ default: (await import('../notifications/EnablePush')).EnablePush }));

/**
 * Follow a host: their sessions come first on home and the follower hears when they go live. Signed out, the tap
 * says why to sign in (with the way back here); the host sees no button for themselves.
 */
export function FollowButton({
  hostUserId,
  hostName,
  compact = false,
}: {
  hostUserId: string;
  hostName: string;
  /** In the live room's host pill: the button alone, its note floating below it. */
  compact?: boolean;
}) {
  const { t } = useTranslation('notify');
  const { signedIn, me } = useAuth();
  const location = useLocation();
  const queryClient = useQueryClient();
  const [askSignIn, setAskSignIn] = useState(false);
  const [offerPush, setOfferPush] = useState(false);
  const state = useQuery({
    queryKey: [...notifyKeys.follow(hostUserId), signedIn],
    queryFn: async () =>
      unwrap(await api.GET('/api/hosts/{id}/follow', { params: { path: { id: hostUserId } } })),
    staleTime: 30_000,
  });
  const toggle = useMutation({
    mutationFn: async (follow: boolean) =>
      follow
        ? unwrap(await api.PUT('/api/hosts/{id}/follow', { params: { path: { id: hostUserId } } }))
        : unwrap(await api.DELETE('/api/hosts/{id}/follow', { params: { path: { id: hostUserId } } })),
    onSuccess: (next, follow) => {
      queryClient.setQueryData([...notifyKeys.follow(hostUserId), signedIn], next);
      // Home's order depends on who is followed.
      void queryClient.invalidateQueries({ queryKey: ['public', 'sessions'] });
      if (follow) setOfferPush(true);
    },
  });

  if (me?.id === hostUserId) return null;
  const following = state.data?.following ?? false;
  const followers = state.data?.followers;
  const onClick = () => {
    if (!signedIn) {
      setAskSignIn(true);
      return;
    }
    toggle.mutate(!following);
  };

  return (
    <span className={compact ? 'follow compact' : 'follow'}>
      <span className="follow-row">
        <button
          type="button"
          className="follow-button"
          data-following={following}
          aria-pressed={signedIn ? following : undefined}
          onClick={onClick}
          disabled={toggle.isPending || state.isPending}
          data-testid="follow-button"
        >
          {following ? <CheckIcon /> : <PlusIcon />}
          <span>{t(following ? 'follow.following' : 'follow.follow')}</span>{' '}
          {/* The name is spoken, not shown: "Theo dõi Nguyễn Thùy Linh", pressed or not. */}
          <span className="visually-hidden">{hostName}</span>
        </button>
        {followers !== undefined && (
          // In the room's host pill the count is read out, not shown (the pill keeps the host's name).
          <span className={compact ? 'visually-hidden' : 'follow-count'} data-testid="follower-count">
            {t('follow.followers', { count: followers, formatted: formatNumber(followers) })}
          </span>
        )}
      </span>
      {askSignIn && !signedIn && (
        <span className="follow-note" role="status">
          {t('follow.signIn', { name: hostName })}{' '}
          <Link to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`}>
            {t('follow.signInLink')}
          </Link>
        </span>
      )}
      {toggle.isError && (
        <span className="follow-note error" role="alert">
          {t('follow.failed')}
        </span>
      )}
      {offerPush && (
        <Suspense fallback={null}>
          <EnablePush />
        </Suspense>
      )}
    </span>
  );
}
