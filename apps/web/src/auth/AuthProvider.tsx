import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { api, unwrap, type Schema } from '../api/client';
import { authStore } from './auth-store';

export type Me = Schema<'ProfileResponse'>;
export type Role = Me['roles'][number];

interface AuthValue {
  /** The signed-in user, undefined while loading or when signed out. */
  me: Me | undefined;
  loading: boolean;
  signedIn: boolean;
  hasRole: (role: Role) => boolean;
  signIn: (identifier: string, password: string) => Promise<void>;
  register: (input: Schema<'RegisterRequest'>) => Promise<void>;
  signOut: () => Promise<void>;
}

const AuthContext = createContext<AuthValue | undefined>(undefined);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const signedIn = useSyncExternalStore(
    (listener) => authStore.subscribe(listener),
    () => authStore.isSignedIn(),
  );
  const meQuery = useQuery({
    queryKey: ['me', signedIn],
    enabled: signedIn,
    queryFn: async () => unwrap(await api.GET('/api/me')),
    staleTime: 60_000,
  });

  // A different user (or none) means nothing cached belongs to the screen any more.
  useEffect(() => {
    if (!signedIn) queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'public' });
  }, [signedIn, queryClient]);

  const signIn = useCallback(async (identifier: string, password: string) => {
    const session = unwrap(await api.POST('/api/auth/sign-in', { body: { identifier, password } }));
    authStore.save(session);
  }, []);

  const register = useCallback(async (input: Schema<'RegisterRequest'>) => {
    const session = unwrap(await api.POST('/api/auth/register', { body: input }));
    authStore.save(session);
  }, []);

  const signOut = useCallback(async () => {
    const refreshToken = authStore.refreshToken();
    if (refreshToken) await api.POST('/api/auth/sign-out', { body: { refreshToken } }).catch(() => undefined);
    authStore.clear();
    queryClient.clear();
  }, [queryClient]);

  const value = useMemo<AuthValue>(() => {
    const me = signedIn ? meQuery.data : undefined;
    return {
      me,
      loading: signedIn && meQuery.isPending,
      signedIn,
      hasRole: (role) => me?.roles.includes(role) ?? false,
      signIn,
      register,
      signOut,
    };
  }, [signedIn, meQuery.data, meQuery.isPending, signIn, register, signOut]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
