import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schema } from '../api/client';

export type Province = Schema<'ProvinceResponse'>;

export const provincesKey = ['public', 'provinces'] as const;

/**
 * Vietnam's 34 provincial-level units (GET /api/provinces: code and proper name, north to south), read once per
 * visit: the list only changes with a law, so it never goes stale while the page is open.
 */
export function useProvinces() {
  return useQuery({
    queryKey: provincesKey,
    staleTime: Infinity,
    gcTime: Infinity,
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/provinces', { signal })),
  });
}
