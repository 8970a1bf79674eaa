import type { RouteObject } from 'react-router';

export const farmerRoutes: RouteObject[] = [
  {
    path: 'farmer',
    lazy: async () => ({ Component: (await import('./FarmerLayout')).FarmerLayout }),
    children: [
      { index: true, lazy: async () => ({ Component: (await import('./ProductsPage')).ProductsPage }) },
      {
        path: 'products/new',
        lazy: async () => ({ Component: (await import('./ProductFormPage')).NewProductPage }),
      },
      {
        path: 'products/:id',
        lazy: async () => ({ Component: (await import('./ProductFormPage')).EditProductPage }),
      },
      { path: 'orders', lazy: async () => ({ Component: (await import('./OrdersPage')).OrdersPage }) },
      {
        path: 'settlement',
        lazy: async () => ({ Component: (await import('./SettlementPage')).SettlementPage }),
      },
      { path: 'sales', lazy: async () => ({ Component: (await import('./SalesPage')).SalesPage }) },
      { path: 'profile', lazy: async () => ({ Component: (await import('./ProfilePage')).ProfilePage }) },
    ],
  },
];
