import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, unwrap, type Schema } from '../../../api/client';
import { useAuth } from '../../../auth/AuthProvider';
import { useErrorMessage } from '../../../ui/components';

type Reminders = Schema<'MyRemindersResponse'>;

/** The upcoming sessions the signed-in shopper asked to be reminded of (none asked while signed out). */
export function useMyReminders(wanted = true) {
  const { signedIn, me } = useAuth();
  const queryKey = ['me', 'reminders', me?.id] as const;
  const query = useQuery({
    queryKey,
    enabled: wanted && signedIn && !!me,
    queryFn: async () => unwrap(await api.GET('/api/me/reminders')),
  });
  return { query, queryKey };
}

/**
 * "Remind me": its state is the shopper's reminders as the api keeps them (GET /api/me/reminders), so it survives a
 * reload; POST sets a reminder, DELETE removes it (both idempotent), and the list follows each change. A guest is
 * sent to sign in and brought back to `next`.
 */
export function RemindButton({
  sessionId,
  next = '/',
  className = '',
}: {
  sessionId: string;
  next?: string;
  className?: string;
}) {
  const { t } = useTranslation('shop');
  const { signedIn } = useAuth();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const { query: reminders, queryKey } = useMyReminders();
  const reminded = reminders.data?.items.some((item) => item.sessionId === sessionId) ?? false;
  const loading = signedIn && reminders.isPending;
  const toggle = useMutation({
    mutationFn: async (on: boolean) => {
      const path = { params: { path: { id: sessionId } } };
      if (on) return unwrap(await api.POST('/api/sessions/{id}/reminders', path));
      unwrap(await api.DELETE('/api/sessions/{id}/reminders', path));
      return null;
    },
    onSuccess: (added) => {
      queryClient.setQueryData<Reminders>(queryKey, (current) => {
        const others = (current?.items ?? []).filter((item) => item.sessionId !== sessionId);
        return { items: added ? [...others, added] : others };
      });
      void queryClient.invalidateQueries({ queryKey });
    },
  });
  return (
    <div className="stack remind">
      <button
        type="button"
        className={`${reminded ? 'btn secondary small' : 'btn small'} ${className}`.trim()}
        data-testid="remind-button"
        aria-pressed={reminded}
        aria-busy={loading || toggle.isPending}
        disabled={loading || toggle.isPending}
        onClick={() => {
          if (!signedIn) {
            void navigate(`/sign-in?next=${encodeURIComponent(next)}`);
            return;
          }
          toggle.mutate(!reminded);
        }}
      >
        {reminded ? t('home.reminded') : t('home.remindMe')}
      </button>
      {toggle.isError && (
        <p className="small alert" role="alert">
          {errorMessage(toggle.error)}
        </p>
      )}
    </div>
  );
}
