import type { RouteObject } from 'react-router';
import { RequireRole } from '../../auth/RequireRole';
import { loadNamespaces } from '../../i18n';

// The shopper's pages. Each is its own chunk; the session page's chunk is kept lean (the size budget measures it).
export const shopRoutes: RouteObject[] = [
  // A page's other namespaces load with its chunk, not when its components first ask for them (one round trip
  // instead of a chain); the api's shell preloads the same files (apps/api/src/share-cards/page-boot.service.ts).
  {
    index: true,
    lazy: async () => {
      const [{ HomePage }] = await Promise.all([import('./HomePage'), loadNamespaces(['room'])]);
      return { Component: HomePage };
    },
  },
  {
    path: 'sessions/:id',
    lazy: async () => {
      const [{ SessionPage }] = await Promise.all([
        import('./SessionPage'),
        loadNamespaces(['room', 'player', 'notify', 'share', 'moderation']),
      ]);
      return { Component: SessionPage };
    },
  },
  { path: 'products', lazy: async () => ({ Component: (await import('./ProductsPage')).ProductsPage }) },
  { path: 'products/:id', lazy: async () => ({ Component: (await import('./ProductPage')).ProductPage }) },
  { path: 'producers/:id', lazy: async () => ({ Component: (await import('./ProducerPage')).ProducerPage }) },
  { path: 'cart', lazy: async () => ({ Component: (await import('./cart/CartPage')).CartPage }) },
  { path: 's/:code', lazy: async () => ({ Component: (await import('./ShareLinkPage')).ShareLinkPage }) },
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
