import type { RouteObject } from 'react-router';
import { RequireRole } from '../../auth/RequireRole';

// The shopper's pages. Each is its own chunk; the session page's chunk is kept lean (the size budget measures it).
export const shopRoutes: RouteObject[] = [
  { index: true, lazy: async () => ({ Component: (await import('./HomePage')).HomePage }) },
  { path: 'sessions/:id', lazy: async () => ({ Component: (await import('./SessionPage')).SessionPage }) },
  { path: 'products', lazy: async () => ({ Component: (await import('./ProductsPage')).ProductsPage }) },
  { path: 'products/:id', lazy: async () => ({ Component: (await import('./ProductPage')).ProductPage }) },
  { path: 'producers/:id', lazy: async () => ({ Component: (await import('./ProducerPage')).ProducerPage }) },
  {
    path: 'orders',
    lazy: async () => {
      const { OrdersPage } = await import('./OrdersPage');
      return {
        Component: () => (
          <RequireRole>
            <OrdersPage />
          </RequireRole>
        ),
      };
    },
  },
  {
    path: 'orders/:id',
    lazy: async () => {
      const { OrderPage } = await import('./OrderPage');
      return {
        Component: () => (
          <RequireRole>
            <OrderPage />
          </RequireRole>
        ),
      };
    },
  },
];
