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
  /** Resolves with the signed-in user (their roles pick where they land). */
  signIn: (identifier: string, password: string) => Promise<Schema<'UserResponse'>>;
  register: (input: Schema<'RegisterRequest'>) => Promise<Schema<'UserResponse'>>;
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

  // A new access token may carry other roles (a membership approved or ended revokes the old one): read them again.
  useEffect(() => {
    let token = authStore.accessToken();
    return authStore.subscribe(() => {
      const next = authStore.accessToken();
      if (token !== undefined && next !== undefined && next !== token) {
        void queryClient.invalidateQueries({ queryKey: ['me'] });
      }
      token = next;
    });
  }, [queryClient]);

  const signIn = useCallback(async (identifier: string, password: string) => {
    const session = unwrap(await api.POST('/api/auth/sign-in', { body: { identifier, password } }));
    authStore.save(session);
    return session.user;
  }, []);

  const register = useCallback(async (input: Schema<'RegisterRequest'>) => {
    const session = unwrap(await api.POST('/api/auth/register', { body: input }));
    authStore.save(session);
    return session.user;
  }, []);

  const signOut = useCallback(async () => {
    await authStore.signOut();
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
