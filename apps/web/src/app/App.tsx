import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Suspense } from 'react';
import { createBrowserRouter, RouterProvider, type RouteObject } from 'react-router';
import { ApiError } from '../api/client';
import { AuthProvider } from '../auth/AuthProvider';
import { loadNamespaces } from '../i18n';
import { adminRoutes } from '../pages/admin/routes';
import { farmerRoutes } from '../pages/farmer/routes';
import { NotFoundPage } from '../pages/NotFoundPage';
import { notificationRoutes } from '../pages/notifications/routes';
import { campaignRoutes } from '../pages/campaigns/routes';
import { shopRoutes } from '../pages/shop/routes';
import { studioRoutes } from '../pages/studio/routes';
import { Layout } from '../ui/Layout';

/**
 * The routes given, each page loading its section's messages together with its chunk (i18n/load-messages.ts), so
 * that it renders in one go with its words. Nested routes included.
 */
export function withMessages(section: RouteObject[], namespaces: readonly string[]): RouteObject[] {
  return section.map((route) => {
    const lazy = route.lazy;
    const children = route.children ? withMessages(route.children, namespaces) : undefined;
    const wrapped = { ...route, ...(children ? { children } : {}) } as RouteObject;
    if (typeof lazy === 'function') {
      wrapped.lazy = (async (...args: Parameters<typeof lazy>) => {
        const [loaded] = await Promise.all([lazy(...args), loadNamespaces(namespaces)]);
        return loaded;
      }) as typeof lazy;
    }
    return wrapped;
  });
}

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      ...withMessages(shopRoutes, ['shop']),
      {
        path: 'sign-in',
        lazy: async () => ({ Component: (await import('../pages/account/SignInPage')).SignInPage }),
      },
      {
        path: 'sign-up',
        lazy: async () => ({ Component: (await import('../pages/account/SignUpPage')).SignUpPage }),
      },
      ...withMessages(studioRoutes, ['studio']),
      ...withMessages(farmerRoutes, ['farmer']),
      // The admin's reports share the farmer's report components and words.
      ...withMessages(adminRoutes, ['admin', 'farmer']),
      ...withMessages(notificationRoutes, ['notify']),
      // Campaign pages use the report components (their words are the farmer's).
      ...withMessages(campaignRoutes, ['campaigns', 'farmer']),
      { path: '*', Component: NotFoundPage },
    ],
  },
];

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        // Client errors (403, 404, 422) will not change by asking again; network and 5xx may.
        retry: (count, error) =>
          count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      },
    },
  });
}

const queryClient = createQueryClient();
const router = createBrowserRouter(routes);

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <AuthProvider>
        {/* A component asking for words not loaded yet waits here (they normally load with the page's chunk). */}
        <Suspense fallback={null}>
          <RouterProvider router={router} />
        </Suspense>
      </AuthProvider>
    </QueryClientProvider>
  );
}
