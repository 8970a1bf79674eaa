import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { BellIcon } from './icons';
import { fetchUnread, notifyKeys } from './notify-data';
import './notify.css';

/**
 * The header's bell: the unread count, kept fresh by the user's socket (loaded after the page, so the bell adds
 * nothing to the first paint), by a slow poll and on returning to the tab.
 */
export function NotificationBell({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation('notify');
  const queryClient = useQueryClient();
  const unread = useQuery({
    queryKey: notifyKeys.unread,
    queryFn: fetchUnread,
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
    staleTime: 5_000,
  });

  useEffect(() => {
    let off: (() => void) | undefined;
    let cancelled = false;
    const listen = () => {
      void import('../../realtime/socket').then(({ getSocket }) => {
        if (cancelled) return;
        const socket = getSocket();
        const refresh = () => void queryClient.invalidateQueries({ queryKey: notifyKeys.all });
        socket.on('notification', refresh);
        off = () => socket.off('notification', refresh);
      });
    };
    // After the page has painted: the socket's code is not part of any page's first load.
    const timer = window.setTimeout(listen, document.readyState === 'complete' ? 0 : 1_000);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
      off?.();
    };
  }, [queryClient]);

  const count = unread.data ?? 0;
  const label = count > 0 ? t('bell.unread', { count }) : t('bell.label');
  return (
    <NavLink
      to="/notifications"
      className="notify-bell"
      aria-label={label}
      title={label}
      onClick={onNavigate}
    >
      <BellIcon />
      {count > 0 && (
        <span className="notify-bell-count" data-testid="bell-count" aria-hidden="true">
          {count > 99 ? '99+' : count}
        </span>
      )}
    </NavLink>
  );
}
