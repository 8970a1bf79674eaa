import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, RouterProvider, type RouteObject } from 'react-router';
import { ApiError } from '../api/client';
import { AuthProvider } from '../auth/AuthProvider';
import { adminRoutes } from '../pages/admin/routes';
import { farmerRoutes } from '../pages/farmer/routes';
import { NotFoundPage } from '../pages/NotFoundPage';
import { shopRoutes } from '../pages/shop/routes';
import { studioRoutes } from '../pages/studio/routes';
import { Layout } from '../ui/Layout';

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      ...shopRoutes,
      {
        path: 'sign-in',
        lazy: async () => ({ Component: (await import('../pages/account/SignInPage')).SignInPage }),
      },
      {
        path: 'sign-up',
        lazy: async () => ({ Component: (await import('../pages/account/SignUpPage')).SignUpPage }),
      },
      ...studioRoutes,
      ...farmerRoutes,
      ...adminRoutes,
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
        <RouterProvider router={router} />
      </AuthProvider>
    </QueryClientProvider>
  );
}
