import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schema } from '../../api/client';

export type Membership = Schema<'MembershipResponse'>;
export type MySession = Schema<'MySessionResponse'>;
export type SessionDetail = Schema<'SessionDetailResponse'>;
export type LineupCard = Schema<'LineupCardResponse'>;
export type Product = Schema<'ProductResponse'>;
export type Summary = Schema<'SessionSummaryResponse'>;

export const studioKeys = {
  memberships: ['studio', 'memberships'] as const,
  mySessions: ['studio', 'my-sessions'] as const,
  session: (id: string) => ['sessions', id] as const,
  summary: (id: string) => ['sessions', id, 'summary'] as const,
  bannedWords: (id: string) => ['sessions', id, 'banned-words'] as const,
  moderationLog: (id: string) => ['sessions', id, 'moderation-log'] as const,
  stream: (id: string) => ['sessions', id, 'stream'] as const,
};

export function useMemberships() {
  return useQuery({
    queryKey: studioKeys.memberships,
    queryFn: async () => unwrap(await api.GET('/api/me/memberships')),
  });
}

/** Every session I host or help with (the api pages them; a volunteer's list fits in a few pages). */
export function useMySessions(enabled = true) {
  return useQuery({
    queryKey: studioKeys.mySessions,
    enabled,
    queryFn: async () => {
      const items: MySession[] = [];
      for (let page = 1; page <= 10; page += 1) {
        const result = unwrap(
          await api.GET('/api/me/sessions', { params: { query: { page, pageSize: 100 } } }),
        );
        items.push(...result.items);
        if (items.length >= result.total || result.items.length === 0) break;
      }
      return items;
    },
  });
}

export function useSessionDetail(id: string | undefined) {
  return useQuery({
    queryKey: studioKeys.session(id ?? ''),
    enabled: Boolean(id),
    queryFn: async () => unwrap(await api.GET('/api/sessions/{id}', { params: { path: { id: id ?? '' } } })),
  });
}

/**
 * A session's figures. `refetchInterval` polls while live; without one, a summary that still says 'live' (the
 * figures are projected from events, a moment behind the session's end) is asked again every 5 s.
 */
export function useSummary(id: string | undefined, refetchInterval?: number) {
  return useQuery({
    queryKey: studioKeys.summary(id ?? ''),
    enabled: Boolean(id),
    refetchInterval: (query) => refetchInterval ?? (query.state.data?.status === 'live' ? 5000 : false),
    queryFn: async () =>
      unwrap(await api.GET('/api/sessions/{id}/summary', { params: { path: { id: id ?? '' } } })),
  });
}
